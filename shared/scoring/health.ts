import { stageIndex, THRESHOLD_KEYS, type HealthStatus, type Stage, type ThresholdKey } from '../domain';
import type { ThresholdSettings } from '../settings';
import { computeCoverage } from './coverage';
import { computeFlags } from './flags';
import { computeThresholds } from './thresholds';
import type { Health, HealthInput, ThresholdResult } from './types';

/** A threshold is due once the deal has reached the stage by which it is expected. */
export function dueThresholds(stage: Stage, settings: ThresholdSettings): ThresholdKey[] {
  return THRESHOLD_KEYS.filter((key) => stageIndex(stage) >= stageIndex(settings.stageExpectations[key]));
}

function healthStatus(input: Pick<HealthInput, 'deal' | 'settings'>, thresholds: Record<ThresholdKey, ThresholdResult>): HealthStatus {
  if (input.deal.status !== 'open') return 'closed';
  const failing = dueThresholds(input.deal.stage, input.settings).filter((key) => !thresholds[key].passed).length;
  return failing === 0 ? 'on_track' : failing === 1 ? 'at_risk' : 'critical';
}

/** Everything SPEC §4 says about a deal, from plain data: the same numbers on server and client. */
export function computeHealth(input: HealthInput): Health {
  const coverage = computeCoverage(input.stakeholders);
  const thresholds = computeThresholds(input, coverage);
  return {
    coverage,
    thresholds,
    crossed: THRESHOLD_KEYS.filter((key) => thresholds[key].passed).length,
    status: healthStatus(input, thresholds),
    flags: computeFlags(input, coverage),
  };
}
