import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { STAGES, type Stage } from '../../../../shared/domain';
import { StageBadge, StatusBadge, TierBadge } from '../../components/Badges';
import { EnumSelect } from '../../components/EnumSelect';
import { HealthSummary } from '../../components/health/HealthSummary';
import { OwnerSelect } from '../../components/OwnerSelect';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { todayIso, useFormat } from '../../lib/format';
import { conflictCurrent, useTRPC } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';
import { ClosedThresholdMarks } from '../review/ClosedThresholdMarks';
import { DealTeam } from './DealTeam';
import { RiskFlagList } from './RiskFlagList';
import LoseDealDialog from './LoseDealDialog';
import type { DealRoomData } from './useDealRoom';

type Deal = DealRoomData['deal'];
interface DealForm {
  stage: Stage;
  amount: string;
  closeDate: string;
  ownerId: string;
}

const toForm = (deal: Deal): DealForm => ({
  stage: deal.stage,
  amount: String(deal.amount),
  closeDate: deal.closeDate,
  ownerId: String(deal.ownerId),
});

export function DealHeader({ room }: { room: DealRoomData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [losing, setLosing] = useState(false);
  const settings = useQuery(trpc.settings.thresholds.queryOptions());
  const { deal } = room;
  return (
    <header className="deal-header card">
      <div className="deal-header-body">
        <div className="deal-header-facts">
          <div className="deal-header-top">
            <div>
              <div className="crumbs">
                <Link to="/">{t('nav.pipeline')}</Link> / <span>{deal.accountName}</span> <TierBadge tier={deal.accountTier} />
              </div>
              <h1 className="deal-title">{deal.name}</h1>
            </div>
            {!editing && (
              <div className="deal-header-actions">
                {deal.status !== 'won' && (
                  <button type="button" className="btn" onClick={() => setLosing(true)}>
                    {deal.status === 'lost' ? t('loseDeal.edit') : t('loseDeal.open')}
                  </button>
                )}
                <button type="button" className="btn" onClick={() => setEditing(true)}>
                  {t('dealRoom.editFacts')}
                </button>
                <Link to={`/deals/${deal.id}/print`} className="btn" data-testid="print-deal">
                  {t('print.open')}
                </Link>
              </div>
            )}
          </div>
          {editing ? (
            <DealFactsForm deal={deal} onDone={() => setEditing(false)} />
          ) : (
            <dl className="facts">
              <div>
                <dt>{t('deal.amount')}</dt>
                <dd className="fact-amount">{format.money(deal.amount, deal.currency)}</dd>
              </div>
              <div>
                <dt>{t('deal.stage')}</dt>
                <dd>
                  <StageBadge stage={deal.stage} />
                </dd>
              </div>
              <div>
                <dt>{t('deal.closeDate')}</dt>
                <dd>{format.date(deal.closeDate)}</dd>
              </div>
              <div>
                <dt>{t('deal.owner')}</dt>
                <dd>{deal.ownerName}</dd>
              </div>
              <div>
                <dt>{t('deal.status')}</dt>
                <dd>
                  <StatusBadge status={deal.status} />
                </dd>
              </div>
              {deal.status !== 'open' && <CloseFacts deal={deal} />}
            </dl>
          )}
          <LoseDealDialog deal={deal} open={losing} onClose={() => setLosing(false)} />
          <DealTeam deal={deal} />
        </div>
        <HealthSummary health={room.health} stage={deal.stage} settings={settings.data} flags={<RiskFlagList dealId={deal.id} flags={room.health.flags} />} />
      </div>
    </header>
  );
}

/** Losing a deal takes its cause (the Lose deal dialog), so the stage list offers `lost` only to a deal already lost. */
const closableStages = (current: Stage): readonly Stage[] => (current === 'lost' ? STAGES : STAGES.filter((stage) => stage !== 'lost'));

/** A closed deal's record: what it had crossed when it closed and, if lost, the cause, who won and why. */
function CloseFacts({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const cause = deal.lossCause ? t(`lossCause.${deal.lossCause}`) : null;
  return (
    <>
      {cause && (
        <div>
          <dt>{t('deal.lossCause')}</dt>
          <dd data-testid="loss-cause">{deal.lostTo ? t('loseDeal.causeLineTo', { cause, lostTo: deal.lostTo }) : t('loseDeal.causeLine', { cause })}</dd>
        </div>
      )}
      {deal.closedThresholds && (
        <div>
          <dt>{t('loseDeal.thresholdsAtClose')}</dt>
          <dd>
            <ClosedThresholdMarks crossed={deal.closedThresholds} />
          </dd>
        </div>
      )}
      {deal.lossReason && (
        <div className="span-all">
          <dt>{t('deal.lossReason')}</dt>
          <dd>{deal.lossReason}</dd>
        </div>
      )}
    </>
  );
}

/**
 * Edits the deal's facts with its version. If someone else saved first, the
 * server answers CONFLICT with their record: we show their values next to the
 * user's, keep what the user typed, and let them save over it knowingly.
 */
function DealFactsForm({ deal, onDone }: { deal: Deal; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [form, setForm] = useState<DealForm>(() => toForm(deal));
  const [base, setBase] = useState<Deal>(deal);
  const [theirs, setTheirs] = useState<Deal | null>(null);
  const update = useMutation(
    trpc.deal.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.deal.get.queryFilter({ id: deal.id }));
        await queryClient.invalidateQueries(trpc.deal.list.pathFilter());
        onDone();
      },
      onError: (error) => {
        const current = conflictCurrent<Deal>(error);
        if (current) {
          setTheirs(current);
          setBase(current);
          void queryClient.invalidateQueries(trpc.deal.get.queryFilter({ id: deal.id }));
        }
      },
    }),
  );
  const bad = new Set(errorFields(update.error));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      id: deal.id,
      version: base.version,
      amount: Number(form.amount),
      closeDate: form.closeDate,
      ...(user.role !== 'rep' ? { ownerId: Number(form.ownerId) } : {}),
      // Only a move is sent: a lost deal resaved here keeps its loss analysis (which travels only with a move to lost).
      ...(form.stage !== base.stage ? { stage: form.stage } : {}),
    });
  };
  const theirValues = theirs && toForm(theirs);

  return (
    <form className="facts-form" onSubmit={submit} noValidate>
      {theirs && theirValues && (
        <div className="conflict" role="alert">
          <strong>{t('conflict.title')}</strong>
          <p>{t('conflict.body')}</p>
          <ul>
            {(['stage', 'amount', 'closeDate', 'ownerId'] as const)
              .filter((key) => theirValues[key] !== form[key])
              .map((key) => (
                <li key={key}>
                  {t(`deal.${key === 'ownerId' ? 'owner' : key}`)}:{' '}
                  <strong>
                    {key === 'stage'
                      ? t(`stage.${theirs.stage}`)
                      : key === 'amount'
                        ? format.money(theirs.amount, theirs.currency)
                        : key === 'closeDate'
                          ? format.date(theirs.closeDate)
                          : theirs.ownerName}
                  </strong>
                </li>
              ))}
          </ul>
          <button type="button" className="btn btn-small" onClick={() => { setForm(toForm(theirs)); setTheirs(null); update.reset(); }}>
            {t('conflict.useTheirs')}
          </button>
        </div>
      )}
      <div className="form-grid cols-4">
        <label className={`field ${bad.has('stage') ? 'invalid' : ''}`}>
          <span>{t('deal.stage')}</span>
          <EnumSelect
            values={closableStages(deal.stage)}
            value={form.stage}
            // Winning today makes today the close date; the field shows it and can still be changed.
            onChange={(stage) => setForm({ ...form, stage, closeDate: stage === 'won' && deal.stage !== 'won' ? todayIso() : form.closeDate })}
            label={(stage) => t(`stage.${stage}`)}
          />
        </label>
        <label className={`field ${bad.has('amount') ? 'invalid' : ''}`}>
          <span>
            {t('deal.amount')} ({deal.currency})
          </span>
          <input type="number" min={0} step="any" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
        </label>
        <label className={`field ${bad.has('closeDate') ? 'invalid' : ''}`}>
          <span>{t('deal.closeDate')}</span>
          <input type="date" value={form.closeDate} onChange={(e) => setForm({ ...form, closeDate: e.target.value })} />
        </label>
        <label className={`field ${bad.has('ownerId') ? 'invalid' : ''}`}>
          <span>{t('deal.owner')}</span>
          {user.role === 'rep' ? (
            <input value={deal.ownerName} disabled />
          ) : (
            <OwnerSelect value={form.ownerId} onChange={(ownerId) => setForm({ ...form, ownerId })} />
          )}
        </label>
      </div>
      {update.error && !theirs && (
        <p className="form-error" role="alert">
          {errorText(update.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {theirs ? t('conflict.saveMine') : t('action.save')}
        </button>
      </div>
    </form>
  );
}
