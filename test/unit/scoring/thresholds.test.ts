import { describe, expect, it } from 'vitest';
import { computeHealth, informationThreshold, relationshipsThreshold, topDecisionMakerThreshold } from '../../../shared/scoring';
import { computeCoverage } from '../../../shared/scoring';
import { daysAgo, healthyDeal, NOW, person, points, settings } from './factories';

describe('threshold 1: information mastered', () => {
  it('passes with exactly 7 confirmed points including the required 2, 4 and 9', () => {
    expect(informationThreshold(points([1, 2, 3, 4, 5, 6, 9]), settings(), NOW)).toEqual({ passed: true, reasons: [], details: [] });
  });

  it('fails with 6 confirmed points, saying how many are needed', () => {
    const result = informationThreshold(points([2, 3, 4, 5, 6, 9]), settings(), NOW);
    expect(result.passed).toBe(false);
    expect(result.reasons).toEqual(['Only 6 of 9 information points are confirmed; 7 are needed.']);
  });

  it('fails when a required point is missing even with 8 confirmed, naming the point', () => {
    const result = informationThreshold(points([1, 2, 3, 5, 6, 7, 8, 9]), settings(), NOW);
    expect(result.reasons).toEqual(['Point 4 — Decision structure and each person’s influence — must be confirmed.']);
  });

  it('counts a point verified 90 days ago as confirmed, and one verified 91 days ago as partial', () => {
    const at90 = points([1, 2, 3, 4, 5, 6, 9]).map((p) => (p.point === 4 ? { ...p, verifiedAt: daysAgo(90) } : p));
    expect(informationThreshold(at90, settings(), NOW).passed).toBe(true);
    const at91 = points([1, 2, 3, 4, 5, 6, 9]).map((p) => (p.point === 4 ? { ...p, verifiedAt: daysAgo(91) } : p));
    const result = informationThreshold(at91, settings(), NOW);
    expect(result.passed).toBe(false);
    expect(result.details.map((d) => d.key)).toEqual(['reason.information.tooFewWithStale', 'reason.information.requiredStale']);
    expect(result.reasons[0]).toContain('1 more were last verified over 90 days ago');
  });

  it('follows the team settings', () => {
    const lenient = settings({ minConfirmed: 2, requiredPoints: [] });
    expect(informationThreshold(points([5, 6]), lenient, NOW).passed).toBe(true);
  });
});

describe('threshold 2: relationships built', () => {
  const check = (people: ReturnType<typeof person>[], overrides = {}) => relationshipsThreshold(people, computeCoverage(people), settings(overrides));

  it('passes for a well-mapped buying group', () => {
    const deal = healthyDeal();
    expect(check(deal.stakeholders)).toEqual({ passed: true, reasons: [], details: [] });
  });

  it('fails a deal with no coach with the coach reason', () => {
    const people = healthyDeal().stakeholders.map((p) => ({ ...p, isCoach: false }));
    const result = check(people);
    expect(result.passed).toBe(false);
    expect(result.details.map((d) => d.key)).toEqual(['reason.relationships.coaches']);
    expect(result.reasons[0]).toMatch(/^0 coaches; at least 1 needed/);
  });

  it('requires the stance of every key person (influence ≥ 4) to be known', () => {
    const people = [...healthyDeal().stakeholders, person({ name: 'CFO Zhou', influence: 4, stance: 'unknown', level: 'executive' })];
    const result = check(people);
    expect(result.reasons).toEqual(['The stance of CFO Zhou (influence 4+) is unknown; find out where they stand.']);
    // influence 3 is not a key person
    expect(check([...healthyDeal().stakeholders, person({ influence: 3, stance: 'unknown', level: 'executive' })]).passed).toBe(true);
  });

  it('needs two allies and 60% of influence on our side', () => {
    const people = [
      person({ influence: 5, stance: 'ally', level: 'executive', isCoach: true }),
      person({ influence: 5, stance: 'neutral', level: 'executive' }),
      person({ influence: 1, stance: 'supporter', level: 'management' }),
      person({ influence: 1, stance: 'supporter', level: 'staff' }),
    ];
    const result = check(people);
    expect(result.details.map((d) => d.key)).toEqual(['reason.relationships.allies', 'reason.relationships.coverage']);
    expect(result.reasons[1]).toBe("Support coverage is 58% of the buying group's influence; 60% needed.");
  });

  it('fails when a level present has no supporter', () => {
    const people = [...healthyDeal().stakeholders.filter((p) => p.level !== 'staff'), person({ influence: 1, stance: 'skeptic', level: 'staff' })];
    expect(check(people).reasons).toEqual(['No supporter at staff level yet — staff can quietly block a deal.']);
  });

  it('fails a map with nobody at staff level: it has not looked for the people who can block the deal', () => {
    const result = check(healthyDeal().stakeholders.filter((p) => p.level !== 'staff'));
    expect(result.passed).toBe(false);
    expect(result.details).toEqual([{ key: 'reason.relationships.nobodyAt.staff', params: {} }]);
    expect(result.reasons).toEqual(['Nobody at staff level is on the map yet — who uses the system day to day?']);
  });

  it('gives each empty level its own reason, in level order', () => {
    const onlyManagement = [person({ influence: 5, stance: 'ally', isCoach: true }), person({ influence: 5, stance: 'ally' })];
    expect(check(onlyManagement).details.map((d) => d.key)).toEqual(['reason.relationships.nobodyAt.executive', 'reason.relationships.nobodyAt.staff']);
  });

  it('fails every condition for an empty deal except the key-people rule, with every level empty', () => {
    expect(check([]).details.map((d) => d.key)).toEqual([
      'reason.relationships.coaches',
      'reason.relationships.allies',
      'reason.relationships.coverage',
      'reason.relationships.nobodyAt.executive',
      'reason.relationships.nobodyAt.management',
      'reason.relationships.nobodyAt.staff',
    ]);
  });
});

describe('threshold 3: top decision-maker engaged', () => {
  const fdm = (overrides = {}) => person({ name: 'Chairman Ma', decisionRole: 'final_decision_maker', stance: 'supporter', lastContactAt: daysAgo(5), lastMetAt: daysAgo(5), ...overrides });

  it('fails when nobody is the final decision-maker', () => {
    expect(topDecisionMakerThreshold([person()], settings(), NOW).reasons).toEqual(['No final decision-maker identified — find out who decides.']);
  });

  it('passes with a meeting 60 days ago and fails at 61', () => {
    expect(topDecisionMakerThreshold([fdm({ lastMetAt: daysAgo(60) })], settings(), NOW).passed).toBe(true);
    const late = topDecisionMakerThreshold([fdm({ lastMetAt: daysAgo(61) })], settings(), NOW);
    expect(late.reasons).toEqual(['Chairman Ma, the final decision-maker, was last met 61 days ago (limit 60) — arrange a meeting.']);
  });

  it('asks for a meeting: a call or email yesterday does not engage the top decision-maker', () => {
    const phonedOnly = topDecisionMakerThreshold([fdm({ lastContactAt: daysAgo(1), lastMetAt: null })], settings(), NOW);
    expect(phonedOnly.passed).toBe(false);
    expect(phonedOnly.details).toEqual([{ key: 'reason.topDecisionMaker.neverMet', params: { name: 'Chairman Ma' } }]);
    const metLongAgo = topDecisionMakerThreshold([fdm({ lastContactAt: daysAgo(1), lastMetAt: daysAgo(90) })], settings(), NOW);
    expect(metLongAgo.details.map((d) => d.key)).toEqual(['reason.topDecisionMaker.notMet']);
  });

  it('fails when the final decision-maker was never met or is not supportive', () => {
    const result = topDecisionMakerThreshold([fdm({ lastContactAt: null, lastMetAt: null, stance: 'neutral' })], settings(), NOW);
    expect(result.reasons).toEqual([
      'Chairman Ma, the final decision-maker, has never been met (calls, emails and notes do not count) — arrange an executive meeting.',
      'Chairman Ma, the final decision-maker, is not on our side yet (stance: Neutral).',
    ]);
  });

  it('requires every final decision-maker to be engaged', () => {
    const result = topDecisionMakerThreshold([fdm(), fdm({ name: 'President Liu', stance: 'ally', lastMetAt: null })], settings(), NOW);
    expect(result.passed).toBe(false);
    expect(result.reasons).toHaveLength(1);
  });
});

describe('health status', () => {
  it('is on track when all three are crossed', () => {
    const health = computeHealth(healthyDeal());
    expect(health).toMatchObject({ crossed: 3, status: 'on_track' });
  });

  it('only counts thresholds that are due at the deal’s stage', () => {
    // Nothing crossed: at qualify nothing is due; propose expects information; negotiate adds relationships; commit all three.
    const empty = healthyDeal({ stakeholders: [], infoPoints: points([]) });
    const statusAt = (stage: 'qualify' | 'propose' | 'negotiate' | 'commit') => computeHealth({ ...empty, deal: { ...empty.deal, stage } }).status;
    expect(statusAt('qualify')).toBe('not_yet_due');
    expect(statusAt('propose')).toBe('at_risk');
    expect(statusAt('negotiate')).toBe('critical');
    expect(statusAt('commit')).toBe('critical');
  });

  it('follows the team’s stage expectations', () => {
    const empty = healthyDeal({ stakeholders: [], infoPoints: points([]), deal: { stage: 'qualify', status: 'open', closeDate: '2026-09-30' } });
    const strict = settings({ stageExpectations: { information: 'qualify', relationships: 'qualify', topDecisionMaker: 'commit' } });
    expect(computeHealth({ ...empty, settings: strict }).status).toBe('critical');
  });

  it('is closed for won and lost deals, with no flags', () => {
    const won = computeHealth(healthyDeal({ stakeholders: [], deal: { stage: 'won', status: 'won', closeDate: '2020-01-01' } }));
    expect(won.status).toBe('closed');
    expect(won.flags).toEqual([]);
    expect(won.crossed).toBe(1);
  });
});
