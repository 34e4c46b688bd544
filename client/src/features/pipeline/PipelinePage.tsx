import { useQuery } from '@tanstack/react-query';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACCOUNT_TIERS, DEAL_STATUSES, HEALTH_ATTENTION_ORDER, HEALTH_STATUSES, STAGES, stageIndex } from '../../../../shared/domain';
import { StageBadge, StatusBadge, TierBadge } from '../../components/Badges';
import { OwnerFilter } from '../../components/OwnerFilter';
import { HealthBadge, ThresholdMarks } from '../../components/health/Health';
import { Empty, ErrorState, Loading } from '../../components/States';
import { lazyWithStrings } from '../../i18n';
import { useFormat } from '../../lib/format';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { useNow } from '../../lib/useNow';
import { ExportLinks } from './ExportLinks';
import { usePipelineFilters } from './usePipelineFilters';
// The dialog (and its account form, and their strings) loads on first use; so does the board view.
const CreateDealDialog = lazyWithStrings(() => import('./CreateDealDialog'), ['createDeal']);
const PipelineBoard = lazyWithStrings(async () => ({ default: (await import('./PipelineBoard')).PipelineBoard }));

type DealRow = RouterOutputs['deal']['list']['items'][number];
type SortKey = 'name' | 'amount' | 'stage' | 'closeDate' | 'owner' | 'risk' | 'coverage';

/** Worst first: critical, at risk, not yet due, on track, then closed deals. */
const RISK_ORDER = HEALTH_ATTENTION_ORDER;
const HEALTH_BY_ATTENTION = [...HEALTH_STATUSES].sort((a, b) => RISK_ORDER[a] - RISK_ORDER[b]);

const compare: Record<SortKey, (a: DealRow, b: DealRow) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  amount: (a, b) => a.amount - b.amount,
  stage: (a, b) => stageIndex(a.stage) - stageIndex(b.stage),
  closeDate: (a, b) => a.closeDate.localeCompare(b.closeDate),
  owner: (a, b) => a.ownerName.localeCompare(b.ownerName),
  risk: (a, b) => RISK_ORDER[a.health.status] - RISK_ORDER[b.health.status] || a.health.crossed - b.health.crossed || b.amount - a.amount,
  coverage: (a, b) => a.health.coverage.influence - b.health.coverage.influence,
};

export function PipelinePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const { filters, set } = usePipelineFilters();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'closeDate', dir: 1 });
  const [creating, setCreating] = useState(false);
  const today = new Date(useNow()).toISOString().slice(0, 10);
  const deals = useQuery(trpc.deal.list.queryOptions({ status: filters.status, stage: filters.stage, ownerId: filters.ownerId, health: filters.health, limit: 200 }));

  const rows = useMemo(() => {
    const list = (deals.data?.items ?? []).filter((deal) => !filters.tier || deal.accountTier === filters.tier);
    return list.sort((a, b) => compare[sort.key](a, b) * sort.dir || a.id - b.id);
  }, [deals.data, sort, filters.tier]);

  const header = (key: SortKey, label: string, numeric = false) => (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort((s) => ({ key, dir: s.key === key ? ((-s.dir) as 1 | -1) : 1 }))}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {sort.key === key ? (sort.dir === 1 ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1 className="page-title">{t('pipeline.title')}</h1>
          <p className="page-sub">{t('pipeline.subtitle')}</p>
        </div>
        <div className="page-actions">
          <div className="segmented view-toggle" role="group" aria-label={t('pipeline.view')}>
            {(['table', 'board'] as const).map((view) => (
              <button key={view} type="button" className={filters.view === view ? 'on' : undefined} aria-pressed={filters.view === view} onClick={() => set('view', view === 'table' ? undefined : view)}>
                {t(`pipeline.view_${view}`)}
              </button>
            ))}
          </div>
          <ExportLinks filters={filters} />
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            {t('pipeline.newDeal')}
          </button>
        </div>
      </div>

      <div className="filters" role="group" aria-label={t('pipeline.filters')}>
        <label className="inline-field">
          <span>{t('pipeline.filterStatus')}</span>
          <select value={filters.status ?? ''} onChange={(e) => set('status', e.target.value || undefined)}>
            <option value="">{t('pipeline.all')}</option>
            {DEAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`dealStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('pipeline.filterStage')}</span>
          <select value={filters.stage ?? ''} onChange={(e) => set('stage', e.target.value || undefined)}>
            <option value="">{t('pipeline.all')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <OwnerFilter label={t('pipeline.filterOwner')} allLabel={t('pipeline.all')} value={filters.ownerId} onChange={(ownerId) => set('owner', ownerId?.toString())} />
        <label className="inline-field">
          <span>{t('pipeline.filterTier')}</span>
          <select value={filters.tier ?? ''} onChange={(e) => set('tier', e.target.value || undefined)}>
            <option value="">{t('pipeline.all')}</option>
            {ACCOUNT_TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {tier} · {t(`tier.${tier}.name`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('pipeline.filterHealth')}</span>
          <select value={filters.health ?? ''} onChange={(e) => set('health', e.target.value || undefined)} data-testid="filter-health">
            <option value="">{t('pipeline.all')}</option>
            {HEALTH_BY_ATTENTION.map((status) => (
              <option key={status} value={status}>
                {t(`scoring:status.${status}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {deals.isPending ? (
        <Loading />
      ) : deals.isError ? (
        <ErrorState error={deals.error} onRetry={() => void deals.refetch()} />
      ) : rows.length === 0 ? (
        <Empty title={t('pipeline.emptyTitle')}>
          <p>{t('pipeline.emptyBody')}</p>
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            {t('pipeline.newDeal')}
          </button>
        </Empty>
      ) : filters.view === 'board' ? (
        <Suspense fallback={<Loading />}>
          <PipelineBoard deals={rows} />
        </Suspense>
      ) : (
        <div className="card table-card">
          <table className="table table-cards" data-testid="pipeline-table">
            <thead>
              <tr>
                {header('name', t('pipeline.col.deal'))}
                {header('amount', t('pipeline.col.amount'), true)}
                {header('stage', t('pipeline.col.stage'))}
                {header('closeDate', t('pipeline.col.closeDate'))}
                {header('owner', t('pipeline.col.owner'))}
                <th scope="col">{t('pipeline.col.thresholds')}</th>
                {header('coverage', t('pipeline.col.coverage'), true)}
                {header('risk', t('pipeline.col.health'))}
              </tr>
            </thead>
            <tbody>
              {rows.map((deal) => (
                // data-label: on a phone each row is a card, and each cell shows its column's name (styles.css).
                <tr key={deal.id}>
                  <td className="cell-deal">
                    <Link to={`/deals/${deal.id}/info`} className="deal-link">
                      {deal.name}
                    </Link>
                    <div className="muted small">
                      {deal.accountName} <TierBadge tier={deal.accountTier} />
                      {deal.accountPurchasePattern === 'one_off' && <span className="badge warn">{t('account.pseudoKey')}</span>}
                    </div>
                  </td>
                  <td className="num strong" data-label={t('pipeline.col.amount')}>{format.money(deal.amount, deal.currency)}</td>
                  <td data-label={t('pipeline.col.stage')}>
                    <StageBadge stage={deal.stage} />
                  </td>
                  <td className={deal.status === 'open' && deal.closeDate < today ? 'overdue' : undefined} data-label={t('pipeline.col.closeDate')}>
                    {format.date(deal.closeDate)}
                  </td>
                  <td data-label={t('pipeline.col.owner')}>{deal.ownerName}</td>
                  <td data-label={t('pipeline.col.thresholds')}>
                    <ThresholdMarks health={deal.health} />
                  </td>
                  <td className="num" data-label={t('pipeline.col.coverage')}>{format.percent(deal.health.coverage.influence)}</td>
                  <td data-label={t('pipeline.col.health')}>
                    {deal.status === 'open' ? <HealthBadge status={deal.health.status} /> : <StatusBadge status={deal.status} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && (
        <Suspense fallback={null}>
          <CreateDealDialog open onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </div>
  );
}
