import { daysSince } from '../dates';
import type { ScoredStakeholder } from './types';

/**
 * Someone who left the customer stays on the map but no longer counts (SPEC §10).
 * The date is compared with `now`, not the clock, so a replayed past moment sees
 * them as still there before they left.
 */
export function hasLeft(person: { leftAt?: string | null }, now: Date): boolean {
  return person.leftAt != null && daysSince(person.leftAt, now) >= 0;
}

/** The people who still count: coverage, thresholds, allies, coaches and flags are about them. */
export function presentPeople<T extends { leftAt?: string | null }>(people: readonly T[], now: Date): T[] {
  return people.filter((person) => !hasLeft(person, now));
}

/**
 * COACH_SILENT's rule (SPEC §10): a coach who never told us anything, or whose last intelligence
 * is more than `coachSilentDays` calendar days old. The flag and the coach's card both ask it.
 */
export function isCoachSilent(lastIntelAt: string | null, coachSilentDays: number, now: Date): boolean {
  return lastIntelAt === null || daysSince(lastIntelAt, now) > coachSilentDays;
}

/** An info point as the coach rule reads it: who it came from, and when it was last touched. */
export interface SourcedPoint {
  sourceStakeholderId: number | null;
  updatedAt: string;
  verifiedAt: string | null;
}

/** The later of two ISO dates or instants (a date sorts before any instant of the same day), null when both are. */
export const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * A coach is worth what they tell us (SPEC §10): their last intelligence is the latest
 * of the points sourced from them (edited or verified) and the contacts with them.
 * Server and client both derive `lastIntelAt` here, so a card and a flag never disagree.
 */
export function lastIntelAt(person: Pick<ScoredStakeholder, 'id' | 'lastContactAt'>, points: readonly SourcedPoint[]): string | null {
  let latest = person.lastContactAt;
  for (const point of points) {
    if (point.sourceStakeholderId === person.id) latest = later(latest, later(point.updatedAt, point.verifiedAt));
  }
  return latest;
}
