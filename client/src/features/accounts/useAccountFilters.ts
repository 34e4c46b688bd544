import { useSearchParams } from 'wouter';
import { ACCOUNT_TIERS, type AccountTier } from '../../../../shared/domain';
import { positiveId, searchText } from '../pipeline/usePipelineFilters';
import { ACCOUNT_HEALTH, ACCOUNT_PHASES, type AccountHealthStatus, type AccountPhase } from './model';

export const ACCOUNT_SORTS = ['name', '-name', 'tier', '-tier', 'wonTotal', '-wonTotal', 'openAmount', '-openAmount', 'health', '-health', 'phase', '-phase'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];
export type AccountSortKey = 'name' | 'tier' | 'wonTotal' | 'openAmount' | 'health' | 'phase';

export interface AccountFilters {
  tier?: AccountTier;
  phase?: AccountPhase;
  health?: AccountHealthStatus;
  /** `yes`: only pseudo key accounts; `no`: none of them. */
  pseudo?: 'yes' | 'no';
  teamId?: number;
  /** The key-account manager. */
  ownerId?: number;
  /** Any part of the name, any case. */
  q?: string;
  sort: AccountSort;
}
export type AccountParam = 'tier' | 'phase' | 'health' | 'pseudo' | 'team' | 'owner' | 'q' | 'sort';

/** The list's order when the URL names none: the accounts most at risk first. */
export const ACCOUNTS_DEFAULT_SORT: AccountSort = 'health';

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** Filters and sort live in the URL, like the pipeline's: a filtered list is a link, and a reload shows the same. */
export function useAccountFilters() {
  const [params, setParams] = useSearchParams();
  const filters: AccountFilters = {
    tier: pick(ACCOUNT_TIERS, params.get('tier')),
    phase: pick(ACCOUNT_PHASES, params.get('phase')),
    health: pick(ACCOUNT_HEALTH, params.get('health')),
    pseudo: pick(['yes', 'no'] as const, params.get('pseudo')),
    teamId: positiveId(params.get('team')),
    ownerId: positiveId(params.get('owner')),
    q: searchText(params.get('q')),
    sort: pick(ACCOUNT_SORTS, params.get('sort')) ?? ACCOUNTS_DEFAULT_SORT,
  };
  const set = (key: AccountParam, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { filters, set };
}
