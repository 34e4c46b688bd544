import { stageIndex, THRESHOLD_KEYS, type HealthStatus, type Stage, type ThresholdKey } from '../domain';
import type { ThresholdSettings } from '../settings';
import { computeCoverage } from './coverage';
import { computeFlags } from './flags';
import { presentPeople } from './people';
import { applySnoozes } from './snooze';
import { computeThresholds } from './thresholds';
import type { Health, HealthInput, ThresholdResult } from './types';

/** A threshold is due once the deal has reached the stage by which it is expected. */
export function dueThresholds(stage: Stage, settings: ThresholdSettings): ThresholdKey[] {
  return THRESHOLD_KEYS.filter((key) => stageIndex(stage) >= stageIndex(settings.stageExpectations[key]));
}

/**
 * SPEC §4: an early deal with nothing due and nothing crossed is `not_yet_due`, not "on track" —
 * nothing is asked of it yet, and nothing shows it is going well either.
 */
function healthStatus(input: Pick<HealthInput, 'deal' | 'settings'>, thresholds: Record<ThresholdKey, ThresholdResult>): HealthStatus {
  if (input.deal.status !== 'open') return 'closed';
  const due = dueThresholds(input.deal.stage, input.settings);
  const failing = due.filter((key) => !thresholds[key].passed).length;
  if (failing === 0) return due.length > 0 || THRESHOLD_KEYS.some((key) => thresholds[key].passed) ? 'on_track' : 'not_yet_due';
  return failing === 1 ? 'at_risk' : 'critical';
}

/** Everything SPEC §4 says about a deal, from plain data: the same numbers on server and client. */
export function computeHealth(input: HealthInput): Health {
  // People who left the customer stay on the map but count for nothing but CHAMPION_LEFT (SPEC §10).
  const present = presentPeople(input.stakeholders, input.now);
  const coverage = computeCoverage(present);
  const thresholds = computeThresholds(input, present, coverage);
  return {
    coverage,
    thresholds,
    crossed: THRESHOLD_KEYS.filter((key) => thresholds[key].passed).length,
    status: healthStatus(input, thresholds),
    flags: applySnoozes(computeFlags(input, coverage), input.snoozes ?? [], input.now),
  };
}
