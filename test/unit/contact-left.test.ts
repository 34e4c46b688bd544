/**
 * A person leaving the customer, as the stand-up and a map card read it (SPEC §10):
 * a champion lost only on the deals where they were a coach or an ally, a corrected
 * day is no news, and a coach's card warns exactly past the team's coachSilentDays.
 */
import { describe, expect, it } from 'vitest';
import { cardFacts } from '../../client/src/features/map/nodes/cardFacts';
import { changesOfEvent } from '../../server/services/standupEvents';
import { readEvent } from '../../shared/events';
import { ZContactUpdateSchema } from '../../shared/schemas/contact';

const left = (before: string | null) => readEvent({ kind: 'contact.left', entity: 'contact', entityId: 6, before: { name: 'Li Na', leftAt: before }, after: { name: 'Li Na', leftAt: '2030-02-27', championOf: [7] } });
const noName = () => null;

describe('the stand-up on a person who left', () => {
  it('reports a champion lost on a deal they championed, and a person who left elsewhere', () => {
    expect(changesOfEvent(left(null), noName, 7)).toEqual([{ kind: 'championLeft', params: { name: 'Li Na', leftAt: '2030-02-27' } }]);
    expect(changesOfEvent(left(null), noName, 8)).toEqual([{ kind: 'personLeft', params: { name: 'Li Na', leftAt: '2030-02-27' } }]);
    expect(changesOfEvent(left(null), noName, null)).toEqual([{ kind: 'personLeft', params: { name: 'Li Na', leftAt: '2030-02-27' } }]);
  });

  it('says nothing when only the day is corrected, and reports a return', () => {
    expect(changesOfEvent(left('2030-02-20'), noName, 7)).toEqual([]);
    const back = readEvent({ kind: 'contact.returned', entity: 'contact', entityId: 6, before: { name: 'Li Na', leftAt: '2030-02-27' }, after: null });
    expect(changesOfEvent(back, noName, 7)).toEqual([{ kind: 'personReturned', params: { name: 'Li Na' } }]);
  });
});

describe('leftAt in contact.update', () => {
  const base = { id: 1, version: 1 };
  it('takes a real calendar day or null', () => {
    expect(ZContactUpdateSchema.safeParse({ ...base, leftAt: '2026-02-28' }).success).toBe(true);
    expect(ZContactUpdateSchema.safeParse({ ...base, leftAt: null }).success).toBe(true);
    expect(ZContactUpdateSchema.safeParse(base).success).toBe(true);
  });
  it.each(['2026-02-30', '2026-2-28', '28/02/2026', '1969-12-31', '', '2026-02-28T00:00:00Z', 20260228])('refuses %s', (leftAt) => {
    const parsed = ZContactUpdateSchema.safeParse({ ...base, leftAt });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['leftAt']);
  });
});

describe('a card’s facts', () => {
  const now = new Date('2030-03-02T09:00:00Z');
  const coach = { isCoach: true, lastContactAt: '2030-02-20T10:00:00Z', lastIntelAt: '2030-01-31T10:00:00Z', leftAt: null };

  it('counts a coach’s intelligence in calendar days and calls them silent only past the limit', () => {
    expect(cardFacts(coach, now, 30)).toEqual({ daysSinceContact: 10, left: false, coach: { days: 30, silent: false } });
    expect(cardFacts(coach, now, 29).coach).toEqual({ days: 30, silent: true });
    expect(cardFacts({ ...coach, lastIntelAt: null }, now, 30).coach).toEqual({ days: null, silent: true });
  });

  it('marks who left from their day on, and expects nothing more of a coach who left', () => {
    expect(cardFacts({ ...coach, leftAt: '2030-03-02' }, now, 30)).toMatchObject({ left: true, coach: null });
    expect(cardFacts({ ...coach, leftAt: '2030-03-03' }, now, 30)).toMatchObject({ left: false });
    expect(cardFacts({ ...coach, isCoach: false }, now, 30).coach).toBeNull();
  });
});
