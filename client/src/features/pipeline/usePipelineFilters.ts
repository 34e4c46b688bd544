import { useSearchParams } from 'react-router';
import { ACCOUNT_TIERS, DEAL_STATUSES, HEALTH_STATUSES, STAGES, type AccountTier, type DealStatus, type HealthStatus, type Stage } from '../../../../shared/domain';

export interface PipelineFilters {
  status?: DealStatus;
  stage?: Stage;
  ownerId?: number;
  tier?: AccountTier;
  /** The deal's health (on track, not yet due, at risk…), filtered on the client like the tier. */
  health?: HealthStatus;
  view: 'table' | 'board';
}

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** Filters live in the URL, so a filtered pipeline is a link a manager can share or put on the projector. */
export function usePipelineFilters() {
  const [params, setParams] = useSearchParams();
  const owner = Number(params.get('owner'));
  const filters: PipelineFilters = {
    status: pick(DEAL_STATUSES, params.get('status')),
    stage: pick(STAGES, params.get('stage')),
    ownerId: Number.isInteger(owner) && owner > 0 ? owner : undefined,
    tier: pick(ACCOUNT_TIERS, params.get('tier')),
    health: pick(HEALTH_STATUSES, params.get('health')),
    view: params.get('view') === 'board' ? 'board' : 'table',
  };
  const set = (key: 'status' | 'stage' | 'owner' | 'tier' | 'health' | 'view', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { filters, set };
}
