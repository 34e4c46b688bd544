/**
 * The deal-level method of SPEC §4 (changed) and §10: not_yet_due, people who left,
 * coaches who went silent, last intelligence, and the one staleness rule.
 */
import { describe, expect, it } from 'vitest';
import { computeHealth, hasLeft, isCoachSilent, isStaleConfirmation, lastIntelAt, presentPeople } from '../../../shared/scoring';
import { daysAgo, healthyDeal, NOW, person, points, settings } from './factories';

const codes = (input: ReturnType<typeof healthyDeal>) => computeHealth(input).flags.map((flag) => flag.code);
const early = (overrides: Parameters<typeof healthyDeal>[0] = {}) => healthyDeal({ deal: { stage: 'qualify', status: 'open', closeDate: '2026-09-30' }, ...overrides });

describe('health status: not_yet_due', () => {
  it('is not_yet_due for an early deal with nothing due and nothing crossed', () => {
    expect(computeHealth(early({ stakeholders: [], infoPoints: points([]) })).status).toBe('not_yet_due');
  });

  it('is on_track for an early deal that has crossed a threshold before it was due', () => {
    const health = computeHealth(early({ stakeholders: [] }));
    expect(health.crossed).toBe(1);
    expect(health.status).toBe('on_track');
  });

  it('is on_track once a due threshold passes, even with the others not yet crossed', () => {
    const health = computeHealth(healthyDeal({ deal: { stage: 'propose', status: 'open', closeDate: '2026-09-30' }, stakeholders: [] }));
    expect(health).toMatchObject({ crossed: 1, status: 'on_track' });
  });

  it('is never not_yet_due for a closed deal', () => {
    expect(computeHealth(early({ stakeholders: [], infoPoints: points([]), deal: { stage: 'lost', status: 'lost', closeDate: '2026-01-01' } })).status).toBe('closed');
  });
});

describe('people who left the customer', () => {
  const left = (overrides = {}) => person({ name: 'CIO Li', influence: 5, stance: 'ally', level: 'executive', leftAt: daysAgo(3).slice(0, 10), ...overrides });

  it('counts someone as left from the day they left, not before', () => {
    expect(hasLeft({ leftAt: '2026-06-15' }, NOW)).toBe(true);
    expect(hasLeft({ leftAt: '2026-06-16' }, NOW)).toBe(false);
    expect(hasLeft({ leftAt: null }, NOW)).toBe(false);
    expect(presentPeople([left(), person()], NOW)).toHaveLength(1);
  });

  it('leaves them out of coverage and the thresholds', () => {
    const base = healthyDeal();
    const gone = computeHealth({ ...base, stakeholders: base.stakeholders.map((p) => (p.name === 'CIO Li' ? { ...p, leftAt: '2026-06-10' } : p)) });
    // 16/19 of the influence was supportive; without CIO Li's 5 it is 11/14 and one ally short.
    expect(gone.coverage.influence).toBeCloseTo(11 / 14);
    expect(gone.thresholds.relationships.details.map((d) => d.key)).toEqual(['reason.relationships.allies']);
  });

  it('raises CHAMPION_LEFT for a coach or an ally who left, naming them, and nothing else for them', () => {
    const base = healthyDeal();
    const flags = computeHealth({ ...base, stakeholders: [...base.stakeholders, left(), left({ name: 'Engineer Xu', stance: 'neutral', isCoach: true, influence: 2 })] }).flags;
    expect(flags).toEqual([
      expect.objectContaining({ code: 'CHAMPION_LEFT', severity: 'high', params: { names: 'CIO Li, Engineer Xu', count: 2 }, message: 'CIO Li, Engineer Xu, coaches or allies of ours, have left the customer — find who takes their place.' }),
    ]);
  });

  it('raises no CHAMPION_LEFT for a neutral non-coach who left, and none on a closed deal', () => {
    const base = healthyDeal();
    expect(codes({ ...base, stakeholders: [...base.stakeholders, left({ stance: 'neutral' })] })).toEqual([]);
    expect(codes({ ...base, deal: { stage: 'won', status: 'won', closeDate: '2026-06-01' }, stakeholders: [...base.stakeholders, left()] })).toEqual([]);
  });

  it('does not let a decision-maker who left count as one', () => {
    const base = healthyDeal();
    const stakeholders = base.stakeholders.map((p) => (p.decisionRole === 'final_decision_maker' ? { ...p, leftAt: '2026-06-01' } : p));
    expect(codes({ ...base, stakeholders })).toEqual(['NO_DECISION_MAKER']);
  });
});

describe('coach effectiveness: COACH_SILENT', () => {
  const withCoach = (lastIntel: string | null, extra = {}) => {
    const base = healthyDeal();
    return { ...base, stakeholders: base.stakeholders.map((p) => (p.isCoach ? { ...p, lastIntelAt: lastIntel, ...extra } : p)) };
  };

  it('fires when the last intelligence is older than coachSilentDays (30), not at 30', () => {
    expect(codes(withCoach(daysAgo(30)))).toEqual([]);
    const flag = computeHealth(withCoach(daysAgo(31))).flags[0]!;
    expect(flag).toMatchObject({ code: 'COACH_SILENT', severity: 'medium', params: { names: 'IT manager Chen', count: 1, days: 30 } });
    expect(flag.message).toBe('Coach IT manager Chen has told us nothing in over 30 days — no point sourced from them, no contact.');
  });

  it('fires for a coach who never told us anything', () => {
    expect(codes(withCoach(null))).toEqual(['COACH_SILENT']);
  });

  it('is one predicate for the flag and the coach’s card: never told us anything, or more than coachSilentDays calendar days ago', () => {
    expect(isCoachSilent(null, 30, NOW)).toBe(true);
    expect(isCoachSilent(daysAgo(30), 30, NOW)).toBe(false);
    expect(isCoachSilent('2026-05-15T23:59:00Z', 30, NOW)).toBe(true);
  });

  it('follows the team setting', () => {
    expect(codes({ ...withCoach(daysAgo(31)), settings: settings({ coachSilentDays: 45 }) })).toEqual([]);
  });

  it('names only the silent coaches, and ignores a silent coach who left', () => {
    const base = healthyDeal();
    const quiet = person({ name: 'Clerk Ma', stance: 'supporter', level: 'staff', isCoach: true, lastIntelAt: daysAgo(50) });
    expect(computeHealth({ ...base, stakeholders: [...base.stakeholders, quiet] }).flags.map((f) => f.params)).toEqual([{ names: 'Clerk Ma', count: 1, days: 30 }]);
    expect(codes({ ...base, stakeholders: [...base.stakeholders, { ...quiet, stance: 'neutral', isCoach: false, leftAt: '2026-06-01' }] })).toEqual([]);
  });
});

describe('last intelligence', () => {
  const sourced = (id: number, updatedAt: string, verifiedAt: string | null = null) => ({ sourceStakeholderId: id, updatedAt, verifiedAt });

  it('is the latest of contacts with them and points sourced from them (edited or verified)', () => {
    expect(lastIntelAt({ id: 7, lastContactAt: null }, [])).toBeNull();
    expect(lastIntelAt({ id: 7, lastContactAt: daysAgo(40) }, [sourced(7, daysAgo(20)), sourced(8, daysAgo(1))])).toBe(daysAgo(20));
    expect(lastIntelAt({ id: 7, lastContactAt: daysAgo(40) }, [sourced(7, daysAgo(20), '2026-06-14')])).toBe('2026-06-14');
    expect(lastIntelAt({ id: 7, lastContactAt: daysAgo(2) }, [sourced(7, daysAgo(20))])).toBe(daysAgo(2));
  });
});

describe('one rule for a stale confirmation', () => {
  const point = (verifiedDaysAgo: number, status: 'confirmed' | 'partial' = 'confirmed') => ({ status, verifiedAt: daysAgo(verifiedDaysAgo), updatedAt: daysAgo(verifiedDaysAgo) });

  it('turns stale after staleDays calendar days, by the team’s setting', () => {
    expect(isStaleConfirmation(point(90), settings(), NOW)).toBe(false);
    expect(isStaleConfirmation(point(91), settings(), NOW)).toBe(true);
    expect(isStaleConfirmation(point(31), settings({ staleDays: 30 }), NOW)).toBe(true);
  });

  it('counts calendar days: verified late yesterday is one day old this morning', () => {
    expect(isStaleConfirmation({ status: 'confirmed', verifiedAt: '2026-06-14T23:59:00Z', updatedAt: '2026-06-14T23:59:00Z' }, settings({ staleDays: 0 }), NOW)).toBe(true);
    expect(isStaleConfirmation({ status: 'confirmed', verifiedAt: '2026-06-15', updatedAt: '2026-06-15T00:00:00Z' }, settings({ staleDays: 0 }), NOW)).toBe(false);
  });

  it('never calls a point stale that is not confirmed', () => {
    expect(isStaleConfirmation(point(400, 'partial'), settings(), NOW)).toBe(false);
  });
});
