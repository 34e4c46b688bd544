import type { DragEventHandler } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { STAGES, type Stage } from '../../../../shared/domain';
import type { TDealQuery } from '../../../../shared/schemas/deal';
import { TierBadge } from '../../components/Badges';
import { HealthBadge, ThresholdMarks } from '../../components/health/Health';
import { LoadMore } from '../../components/paging/LoadMore';
import { ErrorState } from '../../components/States';
import { useFormat } from '../../lib/format';
import { useDealPages, type DealRow } from './useDealPages';

interface Props {
  stage: Stage;
  query: Omit<TDealQuery, 'cursor'>;
  over: boolean;
  moving: boolean;
  onMove: (deal: DealRow, stage: Stage) => void;
  onDragOver: DragEventHandler;
  onDragLeave: DragEventHandler;
  onDrop: DragEventHandler;
}

/** One stage of the board: its own paged list, scrolled within the column. */
export function BoardColumn({ stage, query, over, moving, onMove, onDragOver, onDragLeave, onDrop }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { pages, rows, total, more } = useDealPages(query);
  const currency = rows[0]?.currency;
  // A sum only when every deal of the column is on screen and in one currency; a partial sum would mislead.
  const sum = !pages.hasNextPage && currency && rows.every((deal) => deal.currency === currency) ? rows.reduce((acc, deal) => acc + deal.amount, 0) : undefined;
  return (
    <section className={`board-column stage-${stage}${over ? ' over' : ''}`} aria-label={t(`stage.${stage}`)} data-stage={stage} onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      <header className="board-head">
        <span>{t(`stage.${stage}`)}</span>
        <span className="board-count">{pages.data ? format.count(total) : '…'}</span>
      </header>
      {sum !== undefined && rows.length > 0 && currency && <div className="board-total">{format.compactMoney(sum, currency)}</div>}
      {pages.isError && <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />}
      <div className="board-cards">
        {rows.map((deal) => (
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
              <select className="stage-move" aria-label={t('pipeline.moveStage', { deal: deal.name })} value={deal.stage} onChange={(e) => onMove(deal, e.target.value as Stage)} disabled={moving}>
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t(`stage.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </article>
        ))}
        {pages.data && total > rows.length && <LoadMore compact shown={rows.length} total={total} hasMore={pages.hasNextPage} loading={pages.isFetchingNextPage} onMore={more} />}
      </div>
    </section>
  );
}
