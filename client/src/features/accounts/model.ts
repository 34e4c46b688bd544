/**
 * The account level as the screens see it (SPEC §11). Zod-free, so nothing here pulls
 * the schemas into a chunk. Sorting and filtering happen here: `account.list` answers
 * every account the user may see (a team has hundreds, not tens of thousands).
 */
import { ACCOUNT_HEALTH_ORDER, ACCOUNT_PHASES } from '../../../../shared/accounts';
import type { AccountTier } from '../../../../shared/domain';
import type { RouterOutputs } from '../../lib/trpc';
import type { AccountFilters, AccountSortKey } from './useAccountFilters';

export { ACCOUNT_PHASES, ACCOUNT_HEALTH_STATUSES as ACCOUNT_HEALTH, PURCHASE_PATTERNS as ACCOUNT_PATTERNS } from '../../../../shared/accounts';
export type { AccountHealthStatus, AccountPhase, PurchasePattern as AccountPattern } from '../../../../shared/accounts';

/** A first, for the tier sort. */
const TIER_RANK: Record<AccountTier, number> = { A: 0, B: 1, C: 2 };

export interface AccountFlagView {
  code: string;
  severity: string;
  /** The English sentence; `key` + `params` render it in the reader's language. */
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

/** One row of `account.list`: the fields the list screen sorts, filters and shows. */
export type AccountRow = Pick<
  RouterOutputs['account']['list'][number],
  'id' | 'name' | 'tier' | 'suggestedTier' | 'phase' | 'pattern' | 'pseudoKey' | 'wonTotal' | 'openAmount' | 'currency' | 'leftOut' | 'ownerId' | 'healthStatus' | 'flags'
>;

const compareBy: Record<AccountSortKey, (a: AccountRow, b: AccountRow) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  tier: (a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier],
  phase: (a, b) => ACCOUNT_PHASES.indexOf(a.phase) - ACCOUNT_PHASES.indexOf(b.phase),
  // Money sorts biggest first when ascending is asked of it: that is what anyone clicking "Won" wants.
  wonTotal: (a, b) => b.wonTotal - a.wonTotal,
  openAmount: (a, b) => b.openAmount - a.openAmount,
  health: (a, b) => ACCOUNT_HEALTH_ORDER[a.healthStatus] - ACCOUNT_HEALTH_ORDER[b.healthStatus] || b.flags.length - a.flags.length,
};

export function filterAndSort(rows: readonly AccountRow[], filters: AccountFilters): AccountRow[] {
  const descending = filters.sort.startsWith('-');
  const key = (descending ? filters.sort.slice(1) : filters.sort) as AccountSortKey;
  const compare = compareBy[key];
  const q = filters.q?.toLocaleLowerCase();
  return rows
    .filter(
      (row) =>
        (!filters.tier || row.tier === filters.tier) &&
        (!filters.phase || row.phase === filters.phase) &&
        (!filters.health || row.healthStatus === filters.health) &&
        (!filters.pseudo || row.pseudoKey === (filters.pseudo === 'yes')) &&
        (!q || row.name.toLocaleLowerCase().includes(q)) &&
        (filters.ownerId === undefined || row.ownerId === filters.ownerId),
    )
    .sort((a, b) => (descending ? -compare(a, b) : compare(a, b)) || a.name.localeCompare(b.name) || a.id - b.id);
}
