/**
 * Snoozed risk flags (SPEC §10): a rep who has seen a flag and has a plan can quiet it
 * until a date, with a reason. The flag stays in `health.flags`, marked, so nobody
 * forgets it is there; it wakes by itself once the day after `until` begins.
 */
import { addDays, isoDay } from '../dates';
import type { RiskFlagCode } from '../domain';
import type { RiskFlag } from './types';

/** How far ahead a flag may be snoozed: past a quarter it is no longer a plan, it is looking away. */
export const SNOOZE_MAX_DAYS = 90;
/** What the snooze form offers first: two weeks, a sprint of follow-up. */
export const SNOOZE_DEFAULT_DAYS = 14;

/** The first and last day a snooze may end on, from `now` (YYYY-MM-DD): the form's bounds and the server's check. */
export function snoozeWindow(now: Date): { min: string; max: string } {
  return { min: isoDay(addDays(now, 1)), max: isoDay(addDays(now, SNOOZE_MAX_DAYS)) };
}

/** Why `until` cannot end a snooze made on `now`, or null when it can. */
export function snoozeUntilProblem(until: string, now: Date): 'notAfterToday' | 'tooFar' | null {
  const { min, max } = snoozeWindow(now);
  if (until < min) return 'notAfterToday';
  return until > max ? 'tooFar' : null;
}

/** A snooze as scoring sees it. `by` is the name of the user who snoozed it: people read it, nobody looks it up. */
export interface FlagSnooze {
  code: RiskFlagCode;
  /** YYYY-MM-DD, the last (UTC) day the flag sleeps. */
  until: string;
  reason: string;
  by: string;
}

/** The mark a snoozed flag carries. */
export type SnoozeMark = Omit<FlagSnooze, 'code'>;

/**
 * Whether a snooze still holds on `now`'s calendar day (UTC, as shared/dates counts
 * days): through the whole of `until`, not a day more — even before the sweep deletes it.
 */
export function snoozeHolds(snooze: Pick<FlagSnooze, 'until'>, now: Date): boolean {
  return snooze.until >= isoDay(now);
}

/**
 * The flags with each one that a holding snooze covers marked `snoozed`, and moved after
 * the awake ones (each group keeps its most-severe-first order): a list read top-down
 * starts with what needs attention. A snooze for a code not raised today marks nothing.
 */
export function applySnoozes(flags: readonly RiskFlag[], snoozes: readonly FlagSnooze[], now: Date): RiskFlag[] {
  const holding = new Map(snoozes.filter((snooze) => snoozeHolds(snooze, now)).map((snooze) => [snooze.code, snooze]));
  const marked = flags.map((flag) => {
    const snooze = holding.get(flag.code);
    return snooze ? { ...flag, snoozed: { until: snooze.until, reason: snooze.reason, by: snooze.by } } : flag;
  });
  return [...awakeFlags(marked), ...marked.filter((flag) => flag.snoozed)];
}

/** The flags that still ask for attention: what counts, badges and orderings should count. */
export function awakeFlags<T extends { snoozed?: unknown }>(flags: readonly T[]): T[] {
  return flags.filter((flag) => !flag.snoozed);
}
