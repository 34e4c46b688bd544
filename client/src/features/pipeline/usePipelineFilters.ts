import { useSearchParams } from 'wouter';
import { ACCOUNT_TIERS, DEAL_STATUSES, HEALTH_STATUSES, STAGES, type AccountTier, type DealStatus, type HealthStatus, type Stage } from '../../../../shared/domain';
import { DEAL_SORTS, type DealSort } from '../../../../shared/dealQuery';
import type { TDealQuery } from '../../../../shared/schemas/deal';
import { LIMITS } from '../../../../shared/schemas/limits';

export interface PipelineFilters {
  status?: DealStatus;
  stage?: Stage;
  ownerId?: number;
  teamId?: number;
  tier?: AccountTier;
  health?: HealthStatus;
  /** Deal or account name, any part of it (the server searches). */
  q?: string;
  sort: DealSort;
  view: 'table' | 'board';
}

/**
 * `?status=all` shows every deal. With no status (and no stage) in the URL the table shows the
 * open deals: the won and lost ones are history, and sorted by close date they would come first.
 * The board shows every stage, won and lost included, so there nothing is left out by default.
 */
export const STATUS_ALL = 'all';

/** The pipeline's order when the URL names none: the deals closing soonest first. */
export const PIPELINE_DEFAULT_SORT: DealSort = 'closeDate';
export type PipelineParam = 'status' | 'stage' | 'owner' | 'team' | 'tier' | 'health' | 'q' | 'sort' | 'view';

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export const positiveId = (value: string | null): number | undefined => {
  const id = Number(value);
  return value !== null && Number.isInteger(id) && id > 0 ? id : undefined;
};

/** A search as the server takes it: trimmed, not empty, within the name limit. */
export const searchText = (value: string | null): string | undefined => value?.trim().slice(0, LIMITS.name) || undefined;

/**
 * Filters, search and sort live in the URL, so a filtered pipeline is a link a manager can
 * share or put on the projector, and a reload shows the same list in the same order.
 */
export function usePipelineFilters() {
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'board' ? 'board' : 'table';
  const status = params.get('status');
  const filters: PipelineFilters = {
    status: status === STATUS_ALL ? undefined : (pick(DEAL_STATUSES, status) ?? (view === 'table' && !params.has('stage') ? 'open' : undefined)),
    stage: pick(STAGES, params.get('stage')),
    ownerId: positiveId(params.get('owner')),
    teamId: positiveId(params.get('team')),
    tier: pick(ACCOUNT_TIERS, params.get('tier')),
    health: pick(HEALTH_STATUSES, params.get('health')),
    q: searchText(params.get('q')),
    sort: pick(DEAL_SORTS, params.get('sort')) ?? PIPELINE_DEFAULT_SORT,
    view,
  };
  const set = (key: PipelineParam, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { filters, set };
}

/** The server's query for these filters, without a cursor: one page of 50 at a time (SPEC §13). */
export function dealQuery(filters: PipelineFilters): Omit<TDealQuery, 'cursor'> {
  const { status, stage, ownerId, teamId, tier, health, q, sort } = filters;
  return { status, stage, ownerId, teamId, tier, health, q, sort };
}
