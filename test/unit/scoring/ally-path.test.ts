import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECISION_ROLES, RELATIONSHIP_KINDS, STANCES, type RelationshipKind } from '../../../shared/domain';
import { computeAllyPaths as computeAt, type PathRelationship, type PathStakeholder } from '../../../shared/scoring';

/** A stakeholder whose contact id equals their own id, so reporting lines read plainly. */
function who(id: number, overrides: Partial<PathStakeholder> = {}): PathStakeholder {
  return { id, stance: 'neutral', isCoach: false, decisionRole: 'influencer', contactId: id, reportsToContactId: null, leftAt: null, ...overrides };
}
const dm = (id: number, overrides: Partial<PathStakeholder> = {}) => who(id, { decisionRole: 'final_decision_maker', ...overrides });
const ally = (id: number, overrides: Partial<PathStakeholder> = {}) => who(id, { stance: 'ally', ...overrides });
/** Scoring never reads the clock; every case here is judged on the same day. */
const NOW = new Date('2026-06-15T10:00:00Z');
const computeAllyPaths = (people: PathStakeholder[], relationships: PathRelationship[]) => computeAt(people, relationships, NOW);
const edge = (from: number, to: number, kind: RelationshipKind = 'influences'): PathRelationship => ({ fromStakeholderId: from, toStakeholderId: to, kind });

describe('ally path to the final decision-maker', () => {
  it('is one step when the decision-maker is an ally or a coach', () => {
    expect(computeAllyPaths([dm(1, { stance: 'ally' }), dm(2, { isCoach: true, stance: 'skeptic' })], [])).toEqual({
      paths: [
        { toStakeholderId: 1, steps: [1] },
        { toStakeholderId: 2, steps: [2] },
      ],
      unreachable: [],
    });
  });

  it('climbs a reporting line up from the ally to their boss', () => {
    // 3 (ally) reports to 2, who reports to 1 (CEO)
    const people = [dm(1), who(2, { reportsToContactId: 1 }), ally(3, { reportsToContactId: 2 })];
    expect(computeAllyPaths(people, []).paths).toEqual([{ toStakeholderId: 1, steps: [3, 2, 1] }]);
  });

  it('follows a reporting line down, from a boss who is a coach to the decision-maker who reports to them', () => {
    const people = [who(1, { isCoach: true }), dm(2, { reportsToContactId: 1 })];
    expect(computeAllyPaths(people, []).paths).toEqual([{ toStakeholderId: 2, steps: [1, 2] }]);
  });

  it('follows influences and allied edges in either direction', () => {
    const people = [dm(1), who(2), ally(3)];
    // 1 influences 2 (drawn towards the ally's side), 3 allied with 2 (drawn away)
    expect(computeAllyPaths(people, [edge(1, 2), edge(2, 3, 'allied')]).paths).toEqual([{ toStakeholderId: 1, steps: [3, 2, 1] }]);
    expect(computeAllyPaths(people, [edge(2, 1), edge(3, 2)]).paths).toEqual([{ toStakeholderId: 1, steps: [3, 2, 1] }]);
  });

  it('never follows rivals', () => {
    expect(computeAllyPaths([dm(1), ally(2)], [edge(2, 1, 'rivals')])).toEqual({ paths: [], unreachable: [1] });
  });

  it('never passes through an opponent, even one who is marked a coach', () => {
    const people = [dm(1), who(2, { stance: 'opponent' }), ally(3), who(4, { stance: 'opponent', isCoach: true })];
    const relationships = [edge(3, 2), edge(2, 1), edge(4, 1)];
    expect(computeAllyPaths(people, relationships)).toEqual({ paths: [], unreachable: [1] });
    // A longer way round the opponent is taken instead.
    const around = computeAllyPaths([...people, who(5)], [...relationships, edge(3, 5), edge(5, 1)]);
    expect(around.paths).toEqual([{ toStakeholderId: 1, steps: [3, 5, 1] }]);
  });

  it('still reaches an opposed decision-maker: that is who the chain is for', () => {
    expect(computeAllyPaths([dm(1, { stance: 'opponent' }), ally(2)], [edge(2, 1)]).paths).toEqual([{ toStakeholderId: 1, steps: [2, 1] }]);
  });

  it('skips people who left the customer, as starts, steps and targets', () => {
    const people = [dm(1), who(2, { leftAt: '2026-05-01' }), ally(3), ally(4, { leftAt: '2026-05-01' }), dm(5, { leftAt: '2026-05-01' })];
    expect(computeAllyPaths(people, [edge(3, 2), edge(2, 1), edge(4, 1), edge(3, 5)])).toEqual({ paths: [], unreachable: [1] });
  });

  it('still counts someone whose leaving day is ahead, as everywhere else', () => {
    const people = [dm(1), who(2, { leftAt: '2026-07-01' }), ally(3)];
    expect(computeAllyPaths(people, [edge(3, 2), edge(2, 1)]).paths).toEqual([{ toStakeholderId: 1, steps: [3, 2, 1] }]);
    expect(computeAt(people, [edge(3, 2), edge(2, 1)], new Date('2026-07-01T08:00:00Z'))).toEqual({ paths: [], unreachable: [1] });
  });

  it('reports each decision-maker on its own: one reached, one not', () => {
    const people = [dm(1), dm(2), ally(3), who(4)];
    expect(computeAllyPaths(people, [edge(3, 1), edge(4, 2)])).toEqual({ paths: [{ toStakeholderId: 1, steps: [3, 1] }], unreachable: [2] });
  });

  it('lists every decision-maker as unreachable when nobody is on our side', () => {
    const people = [dm(1, { reportsToContactId: 2 }), who(2, { stance: 'supporter' }), dm(3)];
    expect(computeAllyPaths(people, [edge(2, 3, 'allied')])).toEqual({ paths: [], unreachable: [1, 3] });
  });

  it('returns nothing for a map without a final decision-maker', () => {
    expect(computeAllyPaths([ally(1), who(2)], [edge(1, 2)])).toEqual({ paths: [], unreachable: [] });
  });

  it('breaks ties by the lowest ids, whatever the input order', () => {
    // Two allies (5, 6) each two hops away, through 3 or 4.
    const people = [dm(1), who(3), who(4), ally(5), ally(6)];
    const relationships = [edge(6, 3), edge(6, 4), edge(5, 4), edge(5, 3), edge(3, 1), edge(4, 1)];
    const expected = [{ toStakeholderId: 1, steps: [5, 3, 1] }];
    expect(computeAllyPaths(people, relationships).paths).toEqual(expected);
    expect(computeAllyPaths([...people].reverse(), [...relationships].reverse()).paths).toEqual(expected);
  });

  // --- Properties, checked against an independent reading of the rules ---

  const arbitraryMap = fc.integer({ min: 1, max: 9 }).chain((count) =>
    fc.tuple(
      fc.array(
        fc.record({
          stance: fc.constantFrom(...STANCES),
          isCoach: fc.boolean(),
          decisionRole: fc.constantFrom(...DECISION_ROLES),
          reportsTo: fc.option(fc.integer({ min: 1, max: count }), { nil: null }),
          left: fc.boolean(),
        }),
        { minLength: count, maxLength: count },
      ),
      fc.array(fc.record({ from: fc.integer({ min: 1, max: count }), to: fc.integer({ min: 1, max: count }), kind: fc.constantFrom(...RELATIONSHIP_KINDS) }), { maxLength: 14 }),
    ),
  );

  function build([rows, edges]: [Array<{ stance: PathStakeholder['stance']; isCoach: boolean; decisionRole: PathStakeholder['decisionRole']; reportsTo: number | null; left: boolean }>, Array<{ from: number; to: number; kind: RelationshipKind }>]) {
    const people = rows.map((r, i) => who(i + 1, { stance: r.stance, isCoach: r.isCoach, decisionRole: r.decisionRole, reportsToContactId: r.reportsTo, leftAt: r.left ? '2026-01-01' : null }));
    return { people, relationships: edges.map((e) => edge(e.from, e.to, e.kind)) };
  }

  const byId = (people: PathStakeholder[]) => new Map(people.map((p) => [p.id, p]));
  /** Adjacent as the spec words it: a reporting line or an influences/allied edge, either way, both present. */
  function adjacent(people: PathStakeholder[], relationships: PathRelationship[], a: number, b: number): boolean {
    const ids = byId(people);
    const pa = ids.get(a);
    const pb = ids.get(b);
    if (!pa || !pb || pa.leftAt || pb.leftAt || a === b) return false;
    if (pa.reportsToContactId === pb.contactId || pb.reportsToContactId === pa.contactId) return true;
    return relationships.some((r) => r.kind !== 'rivals' && ((r.fromStakeholderId === a && r.toStakeholderId === b) || (r.fromStakeholderId === b && r.toStakeholderId === a)));
  }
  const isStart = (p: PathStakeholder) => !p.leftAt && p.stance !== 'opponent' && (p.isCoach || p.stance === 'ally');

  /** Brute force: breadth-first from every start, by the rules above, for the shortest length. */
  function shortestLength(people: PathStakeholder[], relationships: PathRelationship[], target: number): number | null {
    let best: number | null = null;
    for (const start of people.filter(isStart)) {
      const seen = new Map([[start.id, 1]]);
      const queue = [start.id];
      while (queue.length > 0) {
        const current = queue.shift() as number;
        if (current === target) break;
        for (const next of people) {
          if (seen.has(next.id) || !adjacent(people, relationships, current, next.id)) continue;
          if (next.id !== target && next.stance === 'opponent') continue;
          seen.set(next.id, (seen.get(current) as number) + 1);
          queue.push(next.id);
        }
      }
      const length = seen.get(target);
      if (length !== undefined && (best === null || length < best)) best = length;
    }
    return best;
  }

  it('returns only valid, shortest chains, and calls unreachable exactly the decision-makers with none', () => {
    fc.assert(
      fc.property(arbitraryMap, (input) => {
        const { people, relationships } = build(input);
        const ids = byId(people);
        const result = computeAllyPaths(people, relationships);
        const targets = people.filter((p) => p.decisionRole === 'final_decision_maker' && !p.leftAt).map((p) => p.id);
        expect([...result.paths.map((p) => p.toStakeholderId), ...result.unreachable].sort((a, b) => a - b)).toEqual(targets);
        for (const { toStakeholderId, steps } of result.paths) {
          expect(isStart(ids.get(steps[0] as number) as PathStakeholder)).toBe(true);
          expect(steps[steps.length - 1]).toBe(toStakeholderId);
          expect(new Set(steps).size).toBe(steps.length);
          for (const inside of steps.slice(0, -1)) expect(ids.get(inside)?.stance).not.toBe('opponent');
          for (let i = 1; i < steps.length; i++) expect(adjacent(people, relationships, steps[i - 1] as number, steps[i] as number)).toBe(true);
          expect(steps.length).toBe(shortestLength(people, relationships, toStakeholderId));
        }
        for (const target of result.unreachable) expect(shortestLength(people, relationships, target)).toBeNull();
      }),
      { numRuns: 400 },
    );
  });
});
