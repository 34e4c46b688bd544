import { daysBefore } from '../../../shared/dates';
import type { Level, Stance } from '../../../shared/domain';
import type { HealthInput, ScoredInfoPoint, ScoredStakeholder } from '../../../shared/scoring';
import { DEFAULT_THRESHOLD_SETTINGS, type ThresholdSettings } from '../../../shared/settings';

export const NOW = new Date('2026-06-15T10:00:00Z');
export const daysAgo = (days: number, from = NOW) => daysBefore(from, days).toISOString();

let nextId = 1;
export function person(overrides: Partial<ScoredStakeholder> = {}): ScoredStakeholder {
  const id = nextId++;
  return {
    id,
    name: `Person ${id}`,
    influence: 3,
    stance: 'neutral',
    level: 'management',
    decisionRole: 'influencer',
    isCoach: false,
    lastContactAt: null,
    lastMetAt: null,
    lastIntelAt: null,
    leftAt: null,
    ...overrides,
  };
}

export const stance = (value: Stance, influence = 3, level: Level = 'management') => person({ stance: value, influence, level });

/** Nine points: the first `confirmed` confirmed (verified `verifiedDaysAgo` ago), the rest unknown. */
export function points(confirmed: number[] = [], verifiedDaysAgo = 1): ScoredInfoPoint[] {
  return [1, 2, 3, 4, 5, 6, 7, 8, 9].map((point) => ({
    point,
    status: confirmed.includes(point) ? 'confirmed' : 'unknown',
    verifiedAt: confirmed.includes(point) ? daysAgo(verifiedDaysAgo) : null,
    updatedAt: daysAgo(verifiedDaysAgo),
  }));
}

export function settings(overrides: Partial<ThresholdSettings> = {}): ThresholdSettings {
  return { ...DEFAULT_THRESHOLD_SETTINGS, ...overrides };
}

/** A deal that crosses all three thresholds: a bank's core-system replacement, well mapped. */
export function healthyDeal(overrides: Partial<HealthInput> = {}): HealthInput {
  return {
    deal: { stage: 'commit', status: 'open', closeDate: '2026-09-30' },
    stakeholders: [
      person({ name: 'CEO Wang', influence: 5, stance: 'supporter', level: 'executive', decisionRole: 'final_decision_maker', lastContactAt: daysAgo(10), lastMetAt: daysAgo(10) }),
      person({ name: 'CIO Li', influence: 5, stance: 'ally', level: 'executive', decisionRole: 'decision_maker' }),
      person({ name: 'IT manager Chen', influence: 4, stance: 'ally', level: 'management', isCoach: true, lastContactAt: daysAgo(5), lastIntelAt: daysAgo(5) }),
      person({ name: 'Engineer Zhao', influence: 2, stance: 'supporter', level: 'staff', decisionRole: 'user' }),
      person({ name: 'Buyer Sun', influence: 3, stance: 'neutral', level: 'management', decisionRole: 'procurement' }),
    ],
    infoPoints: points([1, 2, 3, 4, 5, 6, 9]),
    coverageHistory: [],
    settings: settings(),
    now: NOW,
    ...overrides,
  };
}
