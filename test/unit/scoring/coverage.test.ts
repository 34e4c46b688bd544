import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECISION_ROLES, LEVELS, STANCES } from '../../../shared/domain';
import { computeCoverage, rankKeyPeople } from '../../../shared/scoring';
import { person, stance } from './factories';

describe('support coverage', () => {
  it('is all zeros, with no level present, for a deal with nobody mapped', () => {
    expect(computeCoverage([])).toEqual({ influence: 0, headcount: 0, net: 0, opposition: 0, levels: { executive: null, management: null, staff: null } });
  });

  it('weights each person by influence', () => {
    // W = 5 + 3 + 2 = 10; supportive = 5 (ally); opposing = 2 (skeptic); net = (5·1 + 3·0 + 2·−0.5) / 10
    const coverage = computeCoverage([stance('ally', 5, 'executive'), stance('neutral', 3), stance('skeptic', 2, 'staff')]);
    expect(coverage.influence).toBe(0.5);
    expect(coverage.headcount).toBeCloseTo(1 / 3);
    expect(coverage.net).toBe(0.4);
    expect(coverage.opposition).toBe(0.2);
  });

  it('counts supporters as supportive, at half the stance score of an ally', () => {
    const coverage = computeCoverage([stance('supporter', 4), stance('opponent', 4)]);
    expect(coverage).toMatchObject({ influence: 0.5, headcount: 0.5, net: -0.25, opposition: 0.5 });
  });

  it('reports breadth per level: supported, not supported, or nobody there', () => {
    const coverage = computeCoverage([stance('ally', 5, 'executive'), stance('unknown', 2, 'staff')]);
    expect(coverage.levels).toEqual({ executive: true, management: null, staff: false });
  });

  const arbitraryPerson = fc.record({
    influence: fc.integer({ min: 1, max: 5 }),
    stance: fc.constantFrom(...STANCES),
    level: fc.constantFrom(...LEVELS),
  });

  it('keeps every ratio in range', () => {
    fc.assert(
      fc.property(fc.array(arbitraryPerson, { maxLength: 40 }), (people) => {
        const c = computeCoverage(people);
        for (const ratio of [c.influence, c.headcount, c.opposition]) expect(ratio >= 0 && ratio <= 1).toBe(true);
        expect(c.net >= -1 && c.net <= 1).toBe(true);
        expect(c.influence + c.opposition <= 1 + 1e-12).toBe(true);
      }),
    );
  });

  it('never lowers coverage.influence when someone turns supportive', () => {
    fc.assert(
      fc.property(fc.array(arbitraryPerson, { minLength: 1, maxLength: 30 }), fc.nat(), fc.constantFrom('ally' as const, 'supporter' as const), (people, pick, turnsTo) => {
        const index = pick % people.length;
        const after = people.map((p, i) => (i === index ? { ...p, stance: turnsTo } : p));
        expect(computeCoverage(after).influence).toBeGreaterThanOrEqual(computeCoverage(people).influence);
      }),
    );
  });

  it('does not depend on the order of stakeholders', () => {
    fc.assert(
      fc.property(fc.array(arbitraryPerson, { maxLength: 30 }).chain((people) => fc.tuple(fc.constant(people), fc.shuffledSubarray(people, { minLength: people.length, maxLength: people.length }))), ([people, shuffled]) => {
        expect(computeCoverage(shuffled)).toEqual(computeCoverage(people));
      }),
    );
  });
});

describe('ranking of key people', () => {
  it('puts the highest influence first, then the weightier decision role', () => {
    const cfo = person({ name: 'CFO', influence: 5, decisionRole: 'decision_maker' });
    const ceo = person({ name: 'CEO', influence: 5, decisionRole: 'final_decision_maker' });
    const user = person({ name: 'User', influence: 2, decisionRole: 'user' });
    expect(rankKeyPeople([user, cfo, ceo]).map((p) => p.name)).toEqual(['CEO', 'CFO', 'User']);
  });

  it('is a permutation of its input and leaves the input untouched', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ id: fc.nat(), influence: fc.integer({ min: 1, max: 5 }), decisionRole: fc.constantFrom(...DECISION_ROLES) }), { selector: (p) => p.id }), (people) => {
        const copy = [...people];
        const ranked = rankKeyPeople(people);
        expect(people).toEqual(copy);
        expect([...ranked].sort((a, b) => a.id - b.id)).toEqual([...people].sort((a, b) => a.id - b.id));
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.influence).toBeGreaterThanOrEqual(ranked[i]!.influence);
      }),
    );
  });
});
