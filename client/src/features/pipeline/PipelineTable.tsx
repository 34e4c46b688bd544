import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { DealSort, DealSortKey } from '../../../../shared/dealQuery';
import { StageBadge, StatusBadge, TierBadge } from '../../components/Badges';
import { HealthBadge, ThresholdMarks } from '../../components/health/Health';
import { useFormat } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import type { DealRow } from './useDealPages';

interface Props {
  rows: DealRow[];
  sort: DealSort;
  onSort: (sort: DealSort) => void;
}

/** Sorting happens on the server (SPEC §13): a header sorts the whole list, not the page on screen. */
export function PipelineTable({ rows, sort, onSort }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = new Date(useNow()).toISOString().slice(0, 10);
  const descending = sort.startsWith('-');
  const sortKey = (descending ? sort.slice(1) : sort) as DealSortKey;

  const header = (key: DealSortKey, label: string, numeric = false) => (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sortKey === key ? (descending ? 'descending' : 'ascending') : 'none'}>
      {/* A new column starts ascending (for health: the worst first); the same column turns round. */}
      <button type="button" className="sort" onClick={() => onSort(sortKey === key && !descending ? `-${key}` : key)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {sortKey === key ? (descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );

  return (
    <div className="card table-card">
      <table className="table table-cards" data-testid="pipeline-table">
        <thead>
          <tr>
            {header('name', t('pipeline.col.deal'))}
            {header('amount', t('pipeline.col.amount'), true)}
            {header('stage', t('pipeline.col.stage'))}
            {header('closeDate', t('pipeline.col.closeDate'))}
            {/* The server has no owner order; the owner filter narrows instead. */}
            <th scope="col">{t('pipeline.col.owner')}</th>
            <th scope="col">{t('pipeline.col.thresholds')}</th>
            {header('coverage', t('pipeline.col.coverage'), true)}
            {header('health', t('pipeline.col.health'))}
          </tr>
        </thead>
        <tbody>
          {rows.map((deal) => (
            // data-label: on a phone each row is a card, and each cell shows its column's name (styles.css).
            <tr key={deal.id} data-deal-id={deal.id}>
              <td className="cell-deal">
                <Link to={`/deals/${deal.id}/info`} className="deal-link">
                  {deal.name}
                </Link>
                <div className="muted small">
                  {deal.accountName} <TierBadge tier={deal.accountTier} />
                </div>
              </td>
              <td className="num strong" data-label={t('pipeline.col.amount')}>
                {format.money(deal.amount, deal.currency)}
              </td>
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
              <td className="num" data-label={t('pipeline.col.coverage')}>
                {format.percent(deal.health.coverage.influence)}
              </td>
              <td data-label={t('pipeline.col.health')}>{deal.status === 'open' ? <HealthBadge status={deal.health.status} /> : <StatusBadge status={deal.status} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
