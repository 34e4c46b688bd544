import { describe, expect, it } from 'vitest';
import { RISK_FLAG_CODES, type RiskFlagCode } from '../../../shared/domain';
import { computeHealth } from '../../../shared/scoring';
import { daysAgo, healthyDeal, person, points } from './factories';

const codes = (input: ReturnType<typeof healthyDeal>) => computeHealth(input).flags.map((flag) => flag.code);
const withPeople = (map: (people: ReturnType<typeof healthyDeal>['stakeholders']) => ReturnType<typeof healthyDeal>['stakeholders']) => {
  const deal = healthyDeal();
  return { ...deal, stakeholders: map(deal.stakeholders) };
};

describe('risk flags', () => {
  it('raises none for a healthy deal', () => {
    expect(codes(healthyDeal())).toEqual([]);
  });

  it('raises NO_DECISION_MAKER, NO_COACH and SINGLE_THREADED for an empty deal', () => {
    expect(codes(healthyDeal({ stakeholders: [] }))).toEqual(['NO_DECISION_MAKER', 'NO_COACH', 'SINGLE_THREADED']);
  });

  it('raises DECISION_MAKER_NOT_CONTACTED when the last meeting was 61 days ago, not 60', () => {
    const at = (days: number) => withPeople((people) => people.map((p) => (p.decisionRole === 'final_decision_maker' ? { ...p, lastMetAt: daysAgo(days) } : p)));
    expect(codes(at(60))).toEqual([]);
    expect(codes(at(61))).toEqual(['DECISION_MAKER_NOT_CONTACTED']);
  });

  it('raises DECISION_MAKER_NOT_CONTACTED when the decision-maker was only called: contact is not a meeting', () => {
    const phoned = withPeople((people) => people.map((p) => (p.decisionRole === 'final_decision_maker' ? { ...p, lastContactAt: daysAgo(1), lastMetAt: null } : p)));
    const flag = computeHealth(phoned).flags[0]!;
    expect(flag).toMatchObject({ code: 'DECISION_MAKER_NOT_CONTACTED', message: 'No meeting with the final decision-maker (CEO Wang) in the last 60 days.' });
  });

  it('raises KEY_OPPONENT for an opponent with influence 4, not 3', () => {
    expect(codes(withPeople((people) => [...people, person({ name: 'CTO Wu', influence: 4, stance: 'opponent', level: 'executive' })]))).toEqual(['KEY_OPPONENT']);
    expect(codes(withPeople((people) => [...people, person({ influence: 3, stance: 'opponent', level: 'executive' })]))).toEqual([]);
    const flag = computeHealth(withPeople((people) => [...people, person({ name: 'CTO Wu', influence: 5, stance: 'opponent', level: 'executive' })])).flags[0]!;
    expect(flag).toMatchObject({ code: 'KEY_OPPONENT', severity: 'high', message: 'CTO Wu opposes us and carries real weight.', key: 'flag.KEY_OPPONENT', params: { names: 'CTO Wu', count: 1 } });
  });

  it('raises UNKNOWN_KEY_PEOPLE for a key person of unknown stance', () => {
    expect(codes(withPeople((people) => [...people, person({ influence: 4, stance: 'unknown', level: 'management' })]))).toEqual(['UNKNOWN_KEY_PEOPLE']);
  });

  it('raises SINGLE_THREADED with at most one supportive person', () => {
    const single = withPeople((people) => people.map((p, i) => (i === 0 ? p : { ...p, stance: 'neutral' as const })));
    expect(codes(single)).toContain('SINGLE_THREADED');
  });

  it('raises STALE_INFO when no info point was updated in 30 days', () => {
    expect(codes(healthyDeal({ infoPoints: points([1, 2, 3, 4, 5, 6, 9], 30) }))).toEqual([]);
    expect(codes(healthyDeal({ infoPoints: points([1, 2, 3, 4, 5, 6, 9], 31) }))).toEqual(['STALE_INFO']);
  });

  it('raises CLOSE_DATE_PASSED the day after the expected close date', () => {
    expect(codes(healthyDeal({ deal: { stage: 'commit', status: 'open', closeDate: '2026-06-15' } }))).toEqual([]);
    expect(codes(healthyDeal({ deal: { stage: 'commit', status: 'open', closeDate: '2026-06-14' } }))).toEqual(['CLOSE_DATE_PASSED']);
  });

  it('raises COVERAGE_DROP when coverage fell by 0.1 or more within 14 days', () => {
    // The healthy deal's coverage.influence is 16/19 ≈ 0.842.
    const current = computeHealth(healthyDeal()).coverage.influence;
    const history = (value: number, days: number) => healthyDeal({ coverageHistory: [{ at: daysAgo(days), influence: value }] });
    expect(codes(history(current + 0.1, 3))).toEqual(['COVERAGE_DROP']);
    expect(codes(history(current + 0.09, 3))).toEqual([]);
    // Coverage that held when the window opened counts (snapshots are taken on change, not daily)…
    expect(codes(history(current + 0.3, 20))).toEqual(['COVERAGE_DROP']);
    // …but not once a later snapshot replaced it before the window.
    expect(codes(healthyDeal({ coverageHistory: [{ at: daysAgo(30), influence: current + 0.3 }, { at: daysAgo(20), influence: current }] }))).toEqual([]);
    // The floating-point edge: 0.7 → 0.6 is a drop of exactly 0.1.
    const sixty = healthyDeal({
      stakeholders: [
        person({ influence: 3, stance: 'ally', decisionRole: 'final_decision_maker', lastContactAt: daysAgo(1), lastMetAt: daysAgo(1), isCoach: true }),
        person({ influence: 3, stance: 'ally' }),
        person({ influence: 4, stance: 'neutral' }),
      ],
      coverageHistory: [{ at: daysAgo(2), influence: 0.7 }],
    });
    expect(computeHealth(sixty).coverage.influence).toBe(0.6);
    expect(codes(sixty)).toContain('COVERAGE_DROP');
  });

  it('uses every contract code and renders each message in English', () => {
    const everything = computeHealth(
      healthyDeal({
        deal: { stage: 'commit', status: 'open', closeDate: '2026-01-01' },
        stakeholders: [
          person({ influence: 5, stance: 'opponent' }),
          person({ influence: 4, stance: 'unknown' }),
          person({ name: 'Ex-coach Qian', stance: 'ally', isCoach: true, leftAt: '2026-05-01' }),
          person({ name: 'Silent Hu', stance: 'neutral', isCoach: true, decisionRole: 'user' }),
        ],
        infoPoints: points([], 40),
        coverageHistory: [{ at: daysAgo(1), influence: 0.9 }],
      }),
    );
    const expected: RiskFlagCode[] = [
      'CHAMPION_LEFT',
      'NO_DECISION_MAKER',
      'KEY_OPPONENT',
      'COVERAGE_DROP',
      'COACH_SILENT',
      'SINGLE_THREADED',
      'UNKNOWN_KEY_PEOPLE',
      'CLOSE_DATE_PASSED',
      'STALE_INFO',
    ];
    expect(everything.flags.map((f) => f.code)).toEqual(expected);
    // The two codes a deal cannot raise together with the ones above (each is tested on its own):
    // NO_COACH excludes COACH_SILENT, DECISION_MAKER_NOT_CONTACTED excludes NO_DECISION_MAKER.
    expect([...expected, 'NO_COACH', 'DECISION_MAKER_NOT_CONTACTED'].sort()).toEqual([...RISK_FLAG_CODES].sort());
    for (const flag of everything.flags) expect(flag.message).not.toMatch(/flag\.|\{\{|\$t/);
  });
});
