import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DEAL_STATUSES, stageIndex, type DealStatus } from '../../../../shared/domain';
import { StageBadge, StatusBadge, TierBadge } from '../../components/Badges';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../lib/format';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { useNow } from '../../lib/useNow';
// The dialog (and its account form) loads on first use.
const CreateDealDialog = lazy(() => import('./CreateDealDialog'));

type DealRow = RouterOutputs['deal']['list'][number];
type SortKey = 'name' | 'amount' | 'stage' | 'closeDate' | 'owner';

const compare: Record<SortKey, (a: DealRow, b: DealRow) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  amount: (a, b) => a.amount - b.amount,
  stage: (a, b) => stageIndex(a.stage) - stageIndex(b.stage),
  closeDate: (a, b) => a.closeDate.localeCompare(b.closeDate),
  owner: (a, b) => a.ownerName.localeCompare(b.ownerName),
};

export function PipelinePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const status = (DEAL_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as DealStatus) : undefined;
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'closeDate', dir: 1 });
  const [creating, setCreating] = useState(false);
  const today = new Date(useNow()).toISOString().slice(0, 10);
  const deals = useQuery(trpc.deal.list.queryOptions(status ? { status } : {}));

  const rows = useMemo(() => {
    const list = [...(deals.data ?? [])];
    return list.sort((a, b) => compare[sort.key](a, b) * sort.dir || a.id - b.id);
  }, [deals.data, sort]);

  const setStatus = (value: string) => {
    if (value) params.set('status', value);
    else params.delete('status');
    setParams(params, { replace: true });
  };
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
          <label className="inline-field">
            <span>{t('pipeline.filterStatus')}</span>
            <select value={status ?? ''} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('pipeline.allStatuses')}</option>
              {DEAL_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`dealStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            {t('pipeline.newDeal')}
          </button>
        </div>
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
      ) : (
        <div className="card table-card">
          <table className="table" data-testid="pipeline-table">
            <thead>
              <tr>
                {header('name', t('pipeline.col.deal'))}
                {header('amount', t('pipeline.col.amount'), true)}
                {header('stage', t('pipeline.col.stage'))}
                {header('closeDate', t('pipeline.col.closeDate'))}
                {header('owner', t('pipeline.col.owner'))}
                <th scope="col">{t('pipeline.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((deal) => (
                <tr key={deal.id}>
                  <td>
                    <Link to={`/deals/${deal.id}/info`} className="deal-link">
                      {deal.name}
                    </Link>
                    <div className="muted small">
                      {deal.accountName} <TierBadge tier={deal.accountTier} />
                      {deal.accountPurchasePattern === 'one_off' && <span className="badge warn">{t('account.pseudoKey')}</span>}
                    </div>
                  </td>
                  <td className="num strong">{format.money(deal.amount, deal.currency)}</td>
                  <td>
                    <StageBadge stage={deal.stage} />
                  </td>
                  <td className={deal.status === 'open' && deal.closeDate < today ? 'overdue' : undefined}>
                    {format.date(deal.closeDate)}
                  </td>
                  <td>{deal.ownerName}</td>
                  <td>
                    <StatusBadge status={deal.status} />
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
