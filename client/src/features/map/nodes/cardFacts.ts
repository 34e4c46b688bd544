/**
 * What a card shows beyond the person's own fields, worked out once per refetch or
 * minute tick in useMapNodes (not in each card), so React Flow re-renders only the
 * cards whose facts really changed.
 */
import { daysSince } from '../../../../../shared/dates';
import { hasLeft, isCoachSilent } from '../../../../../shared/scoring/people';

interface CardPerson {
  isCoach: boolean;
  lastContactAt: string | null;
  lastIntelAt: string | null;
  leftAt: string | null;
}

/** Types, not interfaces: React Flow's node data must be a plain record type. */
export type CoachIntel = {
  /** Whole days since the coach last told us something; null when never. */
  days: number | null;
  /** Past the team's `coachSilentDays`: the same rule as the COACH_SILENT flag. */
  silent: boolean;
};

export type CardFacts = {
  /** Whole days since the last logged contact; null when never contacted. */
  daysSinceContact: number | null;
  /** Left the customer (SPEC §10): greyed and badged, counted nowhere. */
  left: boolean;
  /** For a coach still at the customer: how fresh their intelligence is. */
  coach: CoachIntel | null;
};

const ageInDays = (iso: string | null, now: Date) => (iso ? Math.max(0, daysSince(iso, now)) : null);

export function cardFacts(person: CardPerson, now: Date, coachSilentDays: number): CardFacts {
  const left = hasLeft(person, now);
  const days = ageInDays(person.lastIntelAt, now);
  return {
    // Calendar days, as the scoring counts them for the top decision maker's contact threshold.
    daysSinceContact: ageInDays(person.lastContactAt, now),
    left,
    coach: person.isCoach && !left ? { days, silent: isCoachSilent(person.lastIntelAt, coachSilentDays, now) } : null,
  };
}

export function sameFacts(a: CardFacts, b: CardFacts): boolean {
  return a.daysSinceContact === b.daysSinceContact && a.left === b.left && a.coach?.days === b.coach?.days && a.coach?.silent === b.coach?.silent;
}
