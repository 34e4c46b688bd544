import { INFO_POINTS, LEVELS, type Level, type ThresholdKey } from '../domain';
import type { ThresholdSettings } from '../settings';
import { isSupportive } from './coverage';
import { daysSince } from '../dates';
import { message, renderEnglish } from './messages';
import type { Coverage, HealthInput, ScoredInfoPoint, ScoredStakeholder, ScoringMessage, ThresholdResult } from './types';

function result(details: ScoringMessage[]): ThresholdResult {
  return { passed: details.length === 0, reasons: details.map(renderEnglish), details };
}

type StalenessFacts = Pick<ScoredInfoPoint, 'status' | 'verifiedAt' | 'updatedAt'>;

/** Calendar days since a point was last verified (or, never verified, last edited). */
export const confirmationAgeDays = (point: Pick<ScoredInfoPoint, 'verifiedAt' | 'updatedAt'>, now: Date) => daysSince(point.verifiedAt ?? point.updatedAt, now);

/**
 * A confirmed point verified more than `staleDays` calendar days ago counts as partial.
 * The one rule for "stale": the threshold and the info point card both ask it, with the team's settings.
 */
export function isStaleConfirmation(point: StalenessFacts, settings: Pick<ThresholdSettings, 'staleDays'>, now: Date): boolean {
  return point.status === 'confirmed' && confirmationAgeDays(point, now) > settings.staleDays;
}

const isFreshlyConfirmed = (point: StalenessFacts, settings: ThresholdSettings, now: Date) => point.status === 'confirmed' && !isStaleConfirmation(point, settings, now);

/** Threshold 1: information mastered. */
export function informationThreshold(points: readonly ScoredInfoPoint[], settings: ThresholdSettings, now: Date): ThresholdResult {
  const fresh = new Set(points.filter((point) => isFreshlyConfirmed(point, settings, now)).map((point) => point.point));
  const stale = points.filter((point) => point.status === 'confirmed' && !fresh.has(point.point)).length;
  const details: ScoringMessage[] = [];
  if (fresh.size < settings.minConfirmed) {
    const params = { count: fresh.size, total: INFO_POINTS.length, min: settings.minConfirmed, stale, staleDays: settings.staleDays };
    details.push(message(stale > 0 ? 'reason.information.tooFewWithStale' : 'reason.information.tooFew', params));
  }
  for (const point of [...settings.requiredPoints].sort((a, b) => a - b)) {
    if (fresh.has(point)) continue;
    const wasConfirmed = points.some((p) => p.point === point && p.status === 'confirmed');
    details.push(message(wasConfirmed ? 'reason.information.requiredStale' : 'reason.information.required', { point, staleDays: settings.staleDays }));
  }
  return result(details);
}

const names = (people: readonly ScoredStakeholder[]) => people.map((person) => person.name).join(', ');

/** Threshold 2: relationships built — key people known, coaches, allies, coverage, and breadth at every level present. */
export function relationshipsThreshold(people: readonly ScoredStakeholder[], coverage: Coverage, settings: ThresholdSettings): ThresholdResult {
  const details: ScoringMessage[] = [];
  const unknownKey = people.filter((person) => person.influence >= settings.keyInfluence && person.stance === 'unknown');
  if (unknownKey.length > 0) {
    details.push(message('reason.relationships.unknownKeyPeople', { count: unknownKey.length, names: names(unknownKey), keyInfluence: settings.keyInfluence }));
  }
  const coaches = people.filter((person) => person.isCoach).length;
  if (coaches < settings.minCoaches) details.push(message('reason.relationships.coaches', { count: coaches, min: settings.minCoaches }));
  const allies = people.filter((person) => person.stance === 'ally').length;
  if (allies < settings.minAllies) details.push(message('reason.relationships.allies', { count: allies, min: settings.minAllies }));
  if (coverage.influence < settings.minCoverage) {
    details.push(message('reason.relationships.coverage', { coverage: percent(coverage.influence), min: percent(settings.minCoverage) }));
  }
  // Breadth at every level (SPEC §4): nobody mapped at a level fails as surely as nobody supportive there —
  // a map with no staff on it has not looked for the people who can quietly block the deal.
  for (const level of LEVELS as readonly Level[]) {
    if (coverage.levels[level] === false) details.push(message(`reason.relationships.noSupportAt.${level}`));
    if (coverage.levels[level] === null) details.push(message(`reason.relationships.nobodyAt.${level}`));
  }
  return result(details);
}

const percent = (ratio: number) => Math.round(ratio * 100);

export const finalDecisionMakers = (people: readonly ScoredStakeholder[]) => people.filter((person) => person.decisionRole === 'final_decision_maker');

/** Met — a meeting, visit, demo or executive meeting, not a call, email or note — within `days` calendar days. */
export function metWithin(person: ScoredStakeholder, days: number, now: Date): boolean {
  return person.lastMetAt !== null && daysSince(person.lastMetAt, now) <= days;
}

/** Threshold 3: the top decision-maker engaged — met recently, and on our side. What counts is the effect of meeting them, so a call does not. */
export function topDecisionMakerThreshold(people: readonly ScoredStakeholder[], settings: ThresholdSettings, now: Date): ThresholdResult {
  const deciders = finalDecisionMakers(people);
  if (deciders.length === 0) return result([message('reason.topDecisionMaker.none')]);
  const details: ScoringMessage[] = [];
  for (const person of deciders) {
    if (!metWithin(person, settings.contactDays, now)) {
      details.push(
        person.lastMetAt === null
          ? message('reason.topDecisionMaker.neverMet', { name: person.name })
          : message('reason.topDecisionMaker.notMet', { name: person.name, days: daysSince(person.lastMetAt, now), contactDays: settings.contactDays }),
      );
    }
    if (!isSupportive(person.stance)) details.push(message('reason.topDecisionMaker.notSupportive', { name: person.name, stance: person.stance }));
  }
  return result(details);
}

/** The three thresholds, over the people still at the customer (`present`) and the coverage they make. */
export function computeThresholds(input: HealthInput, present: readonly ScoredStakeholder[], coverage: Coverage): Record<ThresholdKey, ThresholdResult> {
  return {
    information: informationThreshold(input.infoPoints, input.settings, input.now),
    relationships: relationshipsThreshold(present, coverage, input.settings),
    topDecisionMaker: topDecisionMakerThreshold(present, input.settings, input.now),
  };
}
