import { INFO_POINTS, LEVELS, type Level, type ThresholdKey } from '../domain';
import type { ThresholdSettings } from '../settings';
import { isSupportive } from './coverage';
import { daysSince } from '../dates';
import { message, renderEnglish } from './messages';
import type { Coverage, HealthInput, ScoredInfoPoint, ScoredStakeholder, ScoringMessage, ThresholdResult } from './types';

function result(details: ScoringMessage[]): ThresholdResult {
  return { passed: details.length === 0, reasons: details.map(renderEnglish), details };
}

/** A confirmed point counts only while it is fresh: verified no more than `staleDays` calendar days ago. */
function isFreshlyConfirmed(point: ScoredInfoPoint, settings: ThresholdSettings, now: Date): boolean {
  if (point.status !== 'confirmed') return false;
  return daysSince(point.verifiedAt ?? point.updatedAt, now) <= settings.staleDays;
}

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
  for (const level of LEVELS as readonly Level[]) {
    if (coverage.levels[level] === false) details.push(message(`reason.relationships.noSupportAt.${level}`));
  }
  return result(details);
}

const percent = (ratio: number) => Math.round(ratio * 100);

export const finalDecisionMakers = (people: readonly ScoredStakeholder[]) => people.filter((person) => person.decisionRole === 'final_decision_maker');

export function contactedWithin(person: ScoredStakeholder, days: number, now: Date): boolean {
  return person.lastContactAt !== null && daysSince(person.lastContactAt, now) <= days;
}

/** Threshold 3: the top decision-maker engaged — met recently, and on our side. */
export function topDecisionMakerThreshold(people: readonly ScoredStakeholder[], settings: ThresholdSettings, now: Date): ThresholdResult {
  const deciders = finalDecisionMakers(people);
  if (deciders.length === 0) return result([message('reason.topDecisionMaker.none')]);
  const details: ScoringMessage[] = [];
  for (const person of deciders) {
    if (!contactedWithin(person, settings.contactDays, now)) {
      details.push(
        person.lastContactAt === null
          ? message('reason.topDecisionMaker.neverContacted', { name: person.name })
          : message('reason.topDecisionMaker.notContacted', { name: person.name, days: daysSince(person.lastContactAt, now), contactDays: settings.contactDays }),
      );
    }
    if (!isSupportive(person.stance)) details.push(message('reason.topDecisionMaker.notSupportive', { name: person.name, stance: person.stance }));
  }
  return result(details);
}

export function computeThresholds(input: HealthInput, coverage: Coverage): Record<ThresholdKey, ThresholdResult> {
  return {
    information: informationThreshold(input.infoPoints, input.settings, input.now),
    relationships: relationshipsThreshold(input.stakeholders, coverage, input.settings),
    topDecisionMaker: topDecisionMakerThreshold(input.stakeholders, input.settings, input.now),
  };
}
