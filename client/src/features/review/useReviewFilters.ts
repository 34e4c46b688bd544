import { useSearchParams } from 'wouter';
import { HEALTH_STATUSES, OPEN_STAGES, type HealthStatus, type OpenStage } from '../../../../shared/domain';
import { positiveId } from '../pipeline/usePipelineFilters';

export interface ReviewFilters {
  ownerId?: number;
  stage?: OpenStage;
  teamId?: number;
  /** Open deals of one health; closed deals are never in the review. */
  health?: Exclude<HealthStatus, 'closed'>;
}
export type ReviewParam = 'owner' | 'stage' | 'team' | 'health';

const OPEN_HEALTH = HEALTH_STATUSES.filter((status): status is Exclude<HealthStatus, 'closed'> => status !== 'closed');

/** Owner, stage, team and health live in the URL, so a filtered review is a link the manager can share. */
export function useReviewFilters() {
  const [params, setParams] = useSearchParams();
  const stage = params.get('stage') ?? '';
  const health = params.get('health') ?? '';
  const filters: ReviewFilters = {
    ownerId: positiveId(params.get('owner')),
    stage: (OPEN_STAGES as readonly string[]).includes(stage) ? (stage as OpenStage) : undefined,
    teamId: positiveId(params.get('team')),
    health: (OPEN_HEALTH as readonly string[]).includes(health) ? (health as ReviewFilters['health']) : undefined,
  };
  const set = (key: ReviewParam, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { filters, set };
}
