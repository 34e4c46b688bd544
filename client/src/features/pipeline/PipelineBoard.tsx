import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STAGES, type Stage } from '../../../../shared/domain';
import { TierBadge } from '../../components/Badges';
import { HealthBadge, ThresholdMarks } from '../../components/health/Health';
import { lazyWithStrings } from '../../i18n';
import { useErrorText } from '../../lib/fieldErrors';
import { useFormat } from '../../lib/format';
import { errorCode, useTRPC, type RouterOutputs } from '../../lib/trpc';

type DealRow = RouterOutputs['deal']['list']['items'][number];

// Losing a deal asks for its cause (SPEC §10): the dialog and its strings load when first needed.
const LoseDealDialog = lazyWithStrings(() => import('../deal-room/LoseDealDialog'), ['dealRoom']);

/**
 * The pipeline by stage. Drag a card to another column (or use its stage menu,
 * for keyboards) to move the deal; the move carries the card's version, so a
 * deal someone else just changed is refused and the board refreshes instead.
 */
export function PipelineBoard({ deals }: { deals: DealRow[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [over, setOver] = useState<Stage | null>(null);
  const [losing, setLosing] = useState<DealRow | null>(null);
  const move = useMutation(
    trpc.deal.update.mutationOptions({
      onSettled: async (_data, _error, input) => {
        await Promise.all([queryClient.invalidateQueries(trpc.deal.list.queryFilter()), queryClient.invalidateQueries(trpc.deal.get.queryFilter({ id: input.id }))]);
      },
    }),
  );
  const moveTo = (deal: DealRow, stage: Stage) => {
    if (deal.stage === stage) return;
    if (stage === 'lost') setLosing(deal);
    else move.mutate({ id: deal.id, version: deal.version, stage });
  };
  const onDrop = (stage: Stage) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    const id = Number(event.dataTransfer.getData('text/deal-id'));
    const deal = deals.find((d) => d.id === id);
    if (deal) moveTo(deal, stage);
  };

  return (
    <div className="board-wrap">
      {move.error && (
        <p className="form-error" role="alert">
          {errorCode(move.error) === 'CONFLICT' ? t('pipeline.boardConflict') : errorText(move.error)}
        </p>
      )}
      {losing && (
        <Suspense fallback={null}>
          <LoseDealDialog deal={losing} open onClose={() => setLosing(null)} />
        </Suspense>
      )}
      <div className="board" data-testid="pipeline-board">
        {STAGES.map((stage) => {
          const column = deals.filter((deal) => deal.stage === stage);
          const total = column.reduce((sum, deal) => sum + deal.amount, 0);
          const currency = column[0]?.currency;
          return (
            <section
              key={stage}
              className={`board-column stage-${stage}${over === stage ? ' over' : ''}`}
              aria-label={t(`stage.${stage}`)}
              data-stage={stage}
              onDragOver={(event) => {
                event.preventDefault();
                setOver(stage);
              }}
              onDragLeave={() => setOver((current) => (current === stage ? null : current))}
              onDrop={onDrop(stage)}
            >
              <header className="board-head">
                <span>{t(`stage.${stage}`)}</span>
                <span className="board-count">{column.length}</span>
              </header>
              {column.length > 0 && currency && column.every((deal) => deal.currency === currency) && <div className="board-total">{format.compactMoney(total, currency)}</div>}
              <div className="board-cards">
                {column.map((deal) => (
                  <article key={deal.id} className="board-card" draggable onDragStart={(event) => event.dataTransfer.setData('text/deal-id', String(deal.id))} data-testid="board-card">
                    <Link to={`/deals/${deal.id}`} className="deal-link">
                      {deal.name}
                    </Link>
                    <div className="muted small">
                      {deal.accountName} <TierBadge tier={deal.accountTier} />
                    </div>
                    <div className="board-card-row">
                      <ThresholdMarks health={deal.health} />
                      {deal.status === 'open' && <HealthBadge status={deal.health.status} />}
                    </div>
                    <div className="board-card-row">
                      <strong>{format.compactMoney(deal.amount, deal.currency)}</strong>
                      <span className="muted small">{format.date(deal.closeDate)}</span>
                    </div>
                    <div className="board-card-row">
                      <span className="muted small">{deal.ownerName}</span>
                      <select className="stage-move" aria-label={t('pipeline.moveStage', { deal: deal.name })} value={deal.stage} onChange={(e) => moveTo(deal, e.target.value as Stage)} disabled={move.isPending}>
                        {STAGES.map((s) => (
                          <option key={s} value={s}>
                            {t(`stage.${s}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                  </article>
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
