import { describe, expect, it } from 'vitest';
import { applySnoozes, awakeFlags, computeHealth, snoozeHolds, snoozeUntilProblem, snoozeWindow, type FlagSnooze } from '../../../shared/scoring';
import { healthyDeal, NOW } from './factories';

/** A deal with no coach: NO_COACH (and nothing else) is raised. */
const noCoach = (snoozes: FlagSnooze[], now = NOW) => {
  const deal = healthyDeal({ now });
  return computeHealth({ ...deal, stakeholders: deal.stakeholders.map((person) => ({ ...person, isCoach: false })), snoozes });
};
const snooze = (until: string, code: FlagSnooze['code'] = 'NO_COACH'): FlagSnooze => ({ code, until, reason: 'Lunch with Chen Hao booked for Friday', by: 'Riley Zhang' });

describe('a snoozed flag (SPEC §10)', () => {
  it('stays in health.flags, marked with until, reason and who snoozed it', () => {
    const { flags } = noCoach([snooze('2026-06-29')]);
    expect(flags.map((flag) => flag.code)).toEqual(['NO_COACH']);
    expect(flags[0]!.snoozed).toEqual({ until: '2026-06-29', reason: 'Lunch with Chen Hao booked for Friday', by: 'Riley Zhang' });
    expect(awakeFlags(flags)).toEqual([]);
  });

  it('still sleeps on its last day, whatever the hour, and wakes by itself the day after', () => {
    // NOW is 2026-06-15 10:00 UTC.
    expect(noCoach([snooze('2026-06-15')]).flags[0]!.snoozed).toBeDefined();
    expect(noCoach([snooze('2026-06-15')], new Date('2026-06-15T23:59:59Z')).flags[0]!.snoozed).toBeDefined();
    const yesterday = noCoach([snooze('2026-06-14')]).flags[0]!;
    expect(yesterday.code).toBe('NO_COACH');
    expect(yesterday.snoozed).toBeUndefined();
    expect(awakeFlags([yesterday])).toEqual([yesterday]);
  });

  it('ignores a snooze of a flag that is not raised: it marks nothing and raises nothing', () => {
    expect(noCoach([snooze('2026-06-29', 'KEY_OPPONENT')]).flags.map((flag) => [flag.code, flag.snoozed])).toEqual([['NO_COACH', undefined]]);
    expect(computeHealth({ ...healthyDeal(), snoozes: [snooze('2026-06-29')] }).flags).toEqual([]);
  });

  it('marks only the flag it names, and changes no threshold or status', () => {
    const flags = [
      { code: 'NO_COACH', severity: 'medium', key: 'flag.NO_COACH', params: {}, message: 'No coach' },
      { code: 'STALE_INFO', severity: 'low', key: 'flag.STALE_INFO', params: {}, message: 'Stale' },
    ] as const;
    const marked = applySnoozes([...flags], [snooze('2026-06-20', 'STALE_INFO')], NOW);
    expect(marked.map((flag) => [flag.code, Boolean(flag.snoozed)])).toEqual([
      ['NO_COACH', false],
      ['STALE_INFO', true],
    ]);
    // A snoozed flag moves after the awake ones, which keep their most-severe-first order.
    expect(applySnoozes([...flags], [snooze('2026-06-20', 'NO_COACH')], NOW).map((flag) => [flag.code, Boolean(flag.snoozed)])).toEqual([
      ['STALE_INFO', false],
      ['NO_COACH', true],
    ]);
    const plain = noCoach([]);
    const snoozed = noCoach([snooze('2026-06-29')]);
    expect(snoozed.status).toBe(plain.status);
    expect(snoozed.thresholds).toEqual(plain.thresholds);
  });

  it('holds through its last calendar day only', () => {
    expect(snoozeHolds({ until: '2026-06-15' }, NOW)).toBe(true);
    expect(snoozeHolds({ until: '2026-06-14' }, NOW)).toBe(false);
  });
});

describe('the day a snooze may end on', () => {
  it('is after today and at most 90 days ahead', () => {
    expect(snoozeWindow(NOW)).toEqual({ min: '2026-06-16', max: '2026-09-13' });
    expect(snoozeUntilProblem('2026-06-15', NOW)).toBe('notAfterToday');
    expect(snoozeUntilProblem('2026-06-01', NOW)).toBe('notAfterToday');
    expect(snoozeUntilProblem('2026-06-16', NOW)).toBeNull();
    expect(snoozeUntilProblem('2026-09-13', NOW)).toBeNull();
    expect(snoozeUntilProblem('2026-09-14', NOW)).toBe('tooFar');
  });
});
