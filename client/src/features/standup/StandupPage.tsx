import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { daysBefore } from '../../../../shared/dates';
import { CHANGE_TONE, type StandupChangeKind } from '../../../../shared/standup';
import { StageBadge } from '../../components/Badges';
import { HealthBadge } from '../../components/health/Health';
import { Empty, ErrorState, Loading } from '../../components/States';
import { lazyWithStrings, useLocale } from '../../i18n';
import { useErrorText } from '../../lib/fieldErrors';
import { useFormat } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';
import { StandupAccountChanges } from '../accounts/StandupAccountChanges';
import { useChangeText, type StandupDeal } from './changeText';
import { CoverageArrow } from './CoverageArrow';
import './standup.css';
// Presenter mode loads when the manager starts presenting.
const Presenter = lazyWithStrings(() => import('./Presenter'), ['standup', 'activity']);

const DEFAULT_DAYS = 7;

/** `datetime-local` inputs speak the browser's local time; the API speaks UTC instants. */
const toLocalInput = (iso: string) => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

interface RepGroup {
  ownerId: number;
  ownerName: string;
  deals: StandupDeal[];
}

function byRep(deals: readonly StandupDeal[]): RepGroup[] {
  const groups: RepGroup[] = [];
  for (const deal of deals) {
    const last = groups.at(-1);
    if (last && last.ownerId === deal.ownerId) last.deals.push(deal);
    else groups.push({ ownerId: deal.ownerId, ownerName: deal.ownerName, deals: [deal] });
  }
  return groups;
}

export default function StandupPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [openedAt] = useState(() => Date.now());
  const [customSince, setCustomSince] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<number | undefined>();
  const [presenting, setPresenting] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const canRun = user.role !== 'rep';
  // Which team's stand-up, kept in the URL so a link or a reload opens the same one; the user's own by default.
  const [params, setParams] = useSearchParams();
  const teamId = Number(params.get('team')) || undefined;
  const teams = useQuery(trpc.team.list.queryOptions());
  const pickTeam = (id: number) => {
    setOwnerId(undefined);
    setCustomSince(null);
    setRecorded(false);
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (id === user.teamId) next.delete('team');
      else next.set('team', String(id));
      return next;
    });
  };

  const last = useQuery(trpc.standup.last.queryOptions({ teamId }));
  const fallbackSince = daysBefore(new Date(openedAt), DEFAULT_DAYS).toISOString();
  const since = customSince ?? last.data?.heldAt ?? fallbackSince;
  const changes = useQuery({ ...trpc.standup.changes.queryOptions({ since, ownerId, teamId }), enabled: last.isSuccess });
  const users = useQuery({ ...trpc.user.list.queryOptions({ teamId }), enabled: canRun });
  const record = useMutation(
    trpc.standup.record.mutationOptions({
      onSuccess: async () => {
        // Keep showing the period just walked through; the next visit starts from now.
        setCustomSince(since);
        setRecorded(true);
        await queryClient.invalidateQueries(trpc.standup.last.queryFilter());
      },
    }),
  );
  const groups = useMemo(() => byRep(changes.data ?? []), [changes.data]);
  const closePresenter = useCallback(() => setPresenting(false), []);

  return (
    <div className="page standup-page">
      <div className="page-head">
        <div>
          <h1 className="page-title">{t('standup.title')}</h1>
          <p className="page-sub">{t('standup.subtitle')}</p>
        </div>
        <div className="page-actions">
          {canRun && (
            <button type="button" className="btn" onClick={() => record.mutate({ teamId })} disabled={record.isPending}>
              {t('standup.markHeld')}
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={() => setPresenting(true)} disabled={!changes.data || changes.data.length === 0}>
            ▶ {t('standup.present')}
          </button>
        </div>
      </div>
      {recorded && (
        <p className="standup-note" role="status">
          {t('standup.marked')}
        </p>
      )}
      {record.error && (
        <p className="form-error" role="alert">
          {errorText(record.error)}
        </p>
      )}

      <div className="filters standup-filters" role="group" aria-label={t('standup.period')}>
        {teams.data && teams.data.length > 1 && (
          <label className="inline-field">
            <span>{t('standup.team')}</span>
            <select data-testid="standup-team" value={teamId ?? user.teamId} onChange={(e) => pickTeam(Number(e.target.value))}>
              {teams.data.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="standup-period" data-testid="standup-period">
          {customSince
            ? t('standup.custom')
            : last.data
              ? t('standup.sinceLast', { date: format.date(last.data.heldAt) })
              : t('standup.lastDays', { days: DEFAULT_DAYS })}
        </span>
        <label className="inline-field">
          <span>{t('standup.since')}</span>
          <input
            type="datetime-local"
            value={toLocalInput(since)}
            max={toLocalInput(new Date(openedAt).toISOString())}
            onChange={(e) => {
              const picked = new Date(e.target.value);
              if (!Number.isNaN(picked.getTime())) setCustomSince(picked.toISOString());
            }}
          />
        </label>
        {customSince && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => { setCustomSince(null); setRecorded(false); }}>
            {t('standup.resetPeriod')}
          </button>
        )}
        {canRun && (
          <label className="inline-field">
            <span>{t('standup.owner')}</span>
            <select value={ownerId ?? ''} onChange={(e) => setOwnerId(e.target.value ? Number(e.target.value) : undefined)}>
              <option value="">{t('standup.all')}</option>
              {users.data
                ?.filter((u) => u.role === 'rep' || u.id === ownerId)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        {changes.data && changes.data.length > 0 && <span className="muted small">{t('standup.dealsChanged', { count: changes.data.length })}</span>}
      </div>

      {last.isPending || changes.isPending ? (
        last.isError ? <ErrorState error={last.error} onRetry={() => void last.refetch()} /> : <Loading />
      ) : changes.isError ? (
        <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />
      ) : groups.length === 0 ? (
        <Empty title={t('standup.emptyTitle')}>
          <p>{t('standup.emptyBody')}</p>
        </Empty>
      ) : (
        groups.map((group) => (
          <section key={group.ownerId} className="standup-rep" data-testid="standup-rep">
            <h2 className="standup-rep-name">
              {group.ownerName} <span className="muted small">{t('standup.dealsChanged', { count: group.deals.length })}</span>
            </h2>
            <ul className="standup-deals">
              {group.deals.map((deal) => (
                <StandupDealCard key={deal.dealId} deal={deal} />
              ))}
            </ul>
          </section>
        ))
      )}

      <StandupAccountChanges since={since} ownerId={ownerId} teamId={teamId} enabled={last.isSuccess} />

      {presenting && changes.data && changes.data.length > 0 && (
        <Suspense fallback={null}>
          <Presenter deals={groups.flatMap((group) => group.deals)} onClose={closePresenter} />
        </Suspense>
      )}
    </div>
  );
}

function StandupDealCard({ deal }: { deal: StandupDeal }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = useChangeText();
  // Within a stand-up period the year goes without saying; the weekday helps the team place it.
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric' });
  return (
    <li className="card standup-deal" data-testid="standup-deal" data-deal-id={deal.dealId}>
      <div className="standup-deal-head">
        <div className="standup-deal-title">
          <Link className="deal-link" to={`/deals/${deal.dealId}`}>
            {deal.dealName}
          </Link>
          <span className="muted small">{deal.accountName}</span>
        </div>
        <div className="standup-deal-facts">
          <StageBadge stage={deal.stage} />
          <HealthBadge status={deal.health.status} />
          <CoverageArrow delta={deal.coverageDelta} from={deal.coverage.since} to={deal.coverage.until} />
        </div>
      </div>
      <ul className="standup-changes">
        {deal.changes.map((change, index) => (
          <li key={index} className={`standup-change tone-${CHANGE_TONE[change.kind as StandupChangeKind] ?? 'neutral'}`} data-kind={change.kind}>
            <time dateTime={change.at} className="standup-change-at">
              {day.format(new Date(change.at))}
            </time>
            <span className="standup-change-text">{text(change)}</span>
            {change.actor && <span className="standup-change-actor">{t('standup.by', { actor: change.actor })}</span>}
          </li>
        ))}
      </ul>
    </li>
  );
}
