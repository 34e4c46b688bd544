import { DECISION_ROLES, LEVELS, OPPOSING_STANCES, STANCE_SCORE, SUPPORTIVE_STANCES, type DecisionRole, type Level, type Stance } from '../domain';
import type { Coverage } from './types';

type CoveragePerson = { influence: number; stance: Stance; level: Level };

export const isSupportive = (stance: Stance) => SUPPORTIVE_STANCES.includes(stance);
const isOpposing = (stance: Stance) => OPPOSING_STANCES.includes(stance);

/**
 * Support coverage (SPEC §4): how much of the buying group's influence is on our side.
 * Weights are small integers and stance scores halves, so every sum is exact and the
 * order of stakeholders never changes a figure.
 */
export function computeCoverage(people: readonly CoveragePerson[]): Coverage {
  const levels = Object.fromEntries(LEVELS.map((level) => [level, null])) as Record<Level, boolean | null>;
  let total = 0;
  let supportive = 0;
  let supportiveCount = 0;
  let weightedStance = 0;
  let opposing = 0;
  for (const person of people) {
    total += person.influence;
    weightedStance += person.influence * STANCE_SCORE[person.stance];
    if (isSupportive(person.stance)) {
      supportive += person.influence;
      supportiveCount += 1;
      levels[person.level] = true;
    } else if (levels[person.level] === null) {
      levels[person.level] = false;
    }
    if (isOpposing(person.stance)) opposing += person.influence;
  }
  if (total === 0) return { influence: 0, headcount: 0, net: 0, opposition: 0, levels };
  return {
    influence: supportive / total,
    headcount: supportiveCount / people.length,
    net: weightedStance / total,
    opposition: opposing / total,
    levels,
  };
}

type RankedPerson = { id: number; influence: number; decisionRole: DecisionRole; name?: string };

/** Key people first: highest influence, then the weightier decision role, then name. A new array; the input is untouched. */
export function rankKeyPeople<T extends RankedPerson>(people: readonly T[]): T[] {
  return [...people].sort(
    (a, b) =>
      b.influence - a.influence ||
      DECISION_ROLES.indexOf(a.decisionRole) - DECISION_ROLES.indexOf(b.decisionRole) ||
      (a.name ?? '').localeCompare(b.name ?? '') ||
      a.id - b.id,
  );
}
