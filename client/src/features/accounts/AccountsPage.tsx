import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ACCOUNT_TIERS } from '../../../../shared/domain';
import { TierBadge } from '../../components/Badges';
import { FilterSelect } from '../../components/paging/FilterSelect';
import { SearchField } from '../../components/paging/SearchField';
import { OwnerFilter } from '../../components/OwnerFilter';
import { TeamFilter } from '../../components/paging/TeamFilter';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../lib/format';
import { AccountFlags, AccountHealthBadge, PatternText, PhaseBadge, PseudoKeyBadge } from './AccountBits';
import { ACCOUNT_HEALTH, ACCOUNT_PHASES, filterAndSort, type AccountRow } from './model';
import { PortfolioPanel } from './PortfolioPanel';
import { ACCOUNTS_DEFAULT_SORT, useAccountFilters, type AccountFilters, type AccountParam, type AccountSort, type AccountSortKey } from './useAccountFilters';
import { useAccountRows } from './useAccountRows';
import './accounts.css';

export default function AccountsPage() {
  const { t } = useTranslation();
  const { filters, set } = useAccountFilters();
  const list = useAccountRows(filters.teamId);
  return (
    <div className="page accounts-page">
      <div className="page-head">
        <div>
          <h1 className="page-title">{t('accounts.title')}</h1>
          <p className="page-sub">{t('accounts.subtitle')}</p>
        </div>
      </div>
      <PortfolioPanel teamId={filters.teamId} />
      <AccountFilterBar filters={filters} set={set} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <AccountsList rows={list.data} filters={filters} onSort={(sort) => set('sort', sort === ACCOUNTS_DEFAULT_SORT ? undefined : sort)} />
      )}
    </div>
  );
}

const HEALTH_WORST_FIRST = [...ACCOUNT_HEALTH].reverse();
const PSEUDO_CHOICES = ['yes', 'no'] as const;

function AccountFilterBar({ filters, set }: { filters: AccountFilters; set: (key: AccountParam, value: string | undefined) => void }) {
  const { t } = useTranslation();
  const all = t('accounts.all');
  return (
    <div className="filters" role="group" aria-label={t('accounts.filters')}>
      <SearchField label={t('accounts.search')} value={filters.q} onChange={(q) => set('q', q)} />
      <TeamFilter value={filters.teamId} allLabel={all} onChange={(teamId) => set('team', teamId?.toString())} />
      <OwnerFilter label={t('accountRoom.owner')} allLabel={all} value={filters.ownerId} onChange={(ownerId) => set('owner', ownerId?.toString())} />
      <FilterSelect label={t('accounts.filterTier')} allLabel={all} value={filters.tier} options={ACCOUNT_TIERS} optionLabel={(tier) => `${tier} · ${t(`tier.${tier}.name`)}`} onChange={(v) => set('tier', v)} testId="filter-tier" />
      <FilterSelect label={t('accounts.filterPhase')} allLabel={all} value={filters.phase} options={ACCOUNT_PHASES} optionLabel={(phase) => t(`accountPhase.${phase}`)} onChange={(v) => set('phase', v)} testId="filter-phase" />
      <FilterSelect label={t('accounts.filterHealth')} allLabel={all} value={filters.health} options={HEALTH_WORST_FIRST} optionLabel={(status) => t(`accountHealth.${status}`)} onChange={(v) => set('health', v)} testId="filter-health" />
      <FilterSelect label={t('accounts.filterPseudo')} allLabel={all} value={filters.pseudo} options={PSEUDO_CHOICES} optionLabel={(choice) => t(choice === 'yes' ? 'accounts.pseudoOnly' : 'accounts.pseudoNone')} onChange={(v) => set('pseudo', v)} testId="filter-pseudo" />
    </div>
  );
}

/** Currencies a sum in the base currency could not include: said on screen, never dropped silently (SPEC §11). */
export function LeftOutNote({ rows }: { rows: readonly AccountRow[] }) {
  const { t } = useTranslation();
  const bases = [...new Set(rows.map((row) => row.currency))];
  const leftOut = [...new Set(rows.flatMap((row) => row.leftOut))].sort();
  if (leftOut.length === 0) return <p className="muted small sums-note">{t('accounts.inBase', { base: bases.join(', ') })}</p>;
  return (
    <p className="sums-note left-out" role="note" data-testid="left-out">
      * {t('accounts.leftOut', { base: bases.join(', '), currencies: leftOut.join(', ') })}
    </p>
  );
}

function AccountsList({ rows, filters, onSort }: { rows: AccountRow[]; filters: AccountFilters; onSort: (sort: AccountSort) => void }) {
  const { t } = useTranslation();
  if (rows.length === 0)
    return (
      <Empty title={t('accounts.emptyTitle')}>
        <p>{t('accounts.emptyBody')}</p>
      </Empty>
    );
  const shown = filterAndSort(rows, filters);
  return (
    <>
      <p className="muted small list-count" aria-live="polite">
        {t('accounts.count', { count: shown.length })}
      </p>
      {shown.length === 0 ? (
        <Empty title={t('accounts.noMatchTitle')}>
          <p>{t('accounts.noMatchBody')}</p>
        </Empty>
      ) : (
        <AccountsTable rows={shown} sort={filters.sort} onSort={onSort} />
      )}
      <LeftOutNote rows={shown} />
    </>
  );
}

function AccountsTable({ rows, sort, onSort }: { rows: AccountRow[]; sort: AccountSort; onSort: (sort: AccountSort) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const descending = sort.startsWith('-');
  const sortKey = (descending ? sort.slice(1) : sort) as AccountSortKey;
  const header = (key: AccountSortKey, label: string, numeric = false) => (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sortKey === key ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => onSort((sortKey === key && !descending ? `-${key}` : key) as AccountSort)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {sortKey === key ? (descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
  return (
    <div className="card table-card">
      <table className="table table-cards accounts-table" data-testid="accounts-table">
        <thead>
          <tr>
            {header('name', t('accounts.col.name'))}
            {header('tier', t('accounts.col.tier'))}
            {header('phase', t('accounts.col.phase'))}
            <th scope="col">{t('accounts.col.pattern')}</th>
            {header('wonTotal', t('accounts.col.wonTotal'), true)}
            {header('openAmount', t('accounts.col.openAmount'), true)}
            {header('health', t('accounts.col.health'))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-account-id={row.id}>
              <td className="cell-deal">
                <Link to={`/accounts/${row.id}`} className="deal-link">
                  {row.name}
                </Link>
                {row.pseudoKey && <PseudoKeyBadge />}
              </td>
              <td data-label={t('accounts.col.tier')}>
                <span>
                  <TierBadge tier={row.tier} />
                  {row.suggestedTier && (
                    <span className={row.suggestedTier === row.tier ? 'suggested muted small' : 'suggested differs small'}>
                      {row.suggestedTier === row.tier ? t('accounts.suggestedSame') : t('accounts.suggested', { tier: row.suggestedTier })}
                    </span>
                  )}
                </span>
              </td>
              <td data-label={t('accounts.col.phase')}>
                <PhaseBadge phase={row.phase} />
              </td>
              <td data-label={t('accounts.col.pattern')}>
                <PatternText pattern={row.pattern} />
              </td>
              <td className="num strong" data-label={t('accounts.col.wonTotal')}>
                {format.money(row.wonTotal, row.currency)}
                {row.leftOut.length > 0 && <span title={row.leftOut.join(', ')}> *</span>}
              </td>
              <td className="num" data-label={t('accounts.col.openAmount')}>
                {format.money(row.openAmount, row.currency)}
              </td>
              <td data-label={t('accounts.col.health')}>
                <div className="cell-health">
                  <AccountHealthBadge status={row.healthStatus} />
                  <AccountFlags flags={row.flags} compact />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
