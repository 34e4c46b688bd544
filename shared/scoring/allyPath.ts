import type { DecisionRole, RelationshipKind, Stance } from '../domain';
import { hasLeft } from './people';

/**
 * The ally path to the top decision-maker (SPEC §10): for each final decision-maker, the
 * shortest chain of people that starts at someone on our side (a coach or an ally) and
 * reaches them over reporting lines and `influences`/`allied` relationships.
 *
 * Choices the spec leaves open, made here once:
 * - "Never through an opponent" means an opponent is never a start nor a step in between.
 *   An opposed final decision-maker is still a target: the chain is how to reach them.
 * - Someone who left the customer (by `now`, as `hasLeft` reads it everywhere) is on no path,
 *   and a final decision-maker who left is no longer a target (neither in `paths` nor in
 *   `unreachable`): they no longer decide.
 * - Among equally short chains the one that is smallest, id by id from the start, wins, so
 *   the same map always shows the same chain.
 */

export interface PathStakeholder {
  id: number;
  stance: Stance;
  isCoach: boolean;
  decisionRole: DecisionRole;
  contactId: number;
  reportsToContactId: number | null;
  /** ISO date the person left (or leaves) the customer; null while they are there. */
  leftAt: string | null;
}

export interface PathRelationship {
  fromStakeholderId: number;
  toStakeholderId: number;
  kind: RelationshipKind;
}

export interface AllyPath {
  toStakeholderId: number;
  /** Stakeholder ids from the coach or ally to the final decision-maker, both included. */
  steps: number[];
}

export interface AllyPaths {
  paths: AllyPath[];
  unreachable: number[];
}

/** Relationship kinds a chain may follow; `rivals` is never a way in. */
const PASSABLE_KINDS: readonly RelationshipKind[] = ['influences', 'allied'];

export const isPathStart = (s: PathStakeholder, now: Date) => !hasLeft(s, now) && s.stance !== 'opponent' && (s.isCoach || s.stance === 'ally');

/** A person a chain may pass through (opponents may only be the target itself). */
const isPassable = (s: PathStakeholder, now: Date) => !hasLeft(s, now) && s.stance !== 'opponent';

/**
 * Undirected neighbours of every present person: reporting lines between two stakeholders
 * of the deal (either way) and passable relationships (either way). Sorted by id, so every
 * walk over it is deterministic.
 */
export function allyPathGraph(stakeholders: readonly PathStakeholder[], relationships: readonly PathRelationship[], now: Date): Map<number, number[]> {
  const present = stakeholders.filter((s) => !hasLeft(s, now));
  const neighbours = new Map<number, Set<number>>(present.map((s) => [s.id, new Set<number>()]));
  const link = (a: number, b: number) => {
    if (a === b || !neighbours.has(a) || !neighbours.has(b)) return;
    neighbours.get(a)?.add(b);
    neighbours.get(b)?.add(a);
  };
  // A contact can be on the deal once, but be defensive: map every stakeholder of a contact.
  const byContact = new Map<number, number[]>();
  for (const s of present) byContact.set(s.contactId, [...(byContact.get(s.contactId) ?? []), s.id]);
  for (const s of present) {
    if (s.reportsToContactId === null) continue;
    for (const boss of byContact.get(s.reportsToContactId) ?? []) link(s.id, boss);
  }
  for (const r of relationships) if (PASSABLE_KINDS.includes(r.kind)) link(r.fromStakeholderId, r.toStakeholderId);
  return new Map([...neighbours].map(([id, set]) => [id, [...set].sort((a, b) => a - b)]));
}

/** Hops from `target` to everyone reachable through passable people (the target itself may be anyone). */
function distancesTo(target: number, graph: Map<number, number[]>, passable: Set<number>): Map<number, number> {
  const distance = new Map<number, number>([[target, 0]]);
  const queue = [target];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head] as number;
    const d = distance.get(current) as number;
    for (const next of graph.get(current) ?? []) {
      if (distance.has(next) || !passable.has(next)) continue;
      distance.set(next, d + 1);
      queue.push(next);
    }
  }
  return distance;
}

/** `now` is an argument, as everywhere in scoring: it decides who has left the customer. */
export function computeAllyPaths(stakeholders: readonly PathStakeholder[], relationships: readonly PathRelationship[], now: Date): AllyPaths {
  const graph = allyPathGraph(stakeholders, relationships, now);
  const passable = new Set(stakeholders.filter((s) => isPassable(s, now)).map((s) => s.id));
  const starts = stakeholders.filter((s) => isPathStart(s, now)).map((s) => s.id);
  const targets = stakeholders
    .filter((s) => s.decisionRole === 'final_decision_maker' && !hasLeft(s, now))
    .map((s) => s.id)
    .sort((a, b) => a - b);

  const result: AllyPaths = { paths: [], unreachable: [] };
  for (const target of targets) {
    const distance = distancesTo(target, graph, passable);
    // The nearest start; on a tie, the lowest id.
    let start: number | null = null;
    for (const candidate of starts) {
      const d = distance.get(candidate);
      if (d === undefined) continue;
      const best = start === null ? undefined : distance.get(start);
      if (best === undefined || d < best || (d === best && candidate < (start as number))) start = candidate;
    }
    if (start === null) {
      result.unreachable.push(target);
      continue;
    }
    // Walk downhill towards the target, always to the lowest-id neighbour one hop closer.
    const steps = [start];
    let current = start;
    while (current !== target) {
      const d = distance.get(current) as number;
      const next = (graph.get(current) ?? []).find((n) => distance.get(n) === d - 1);
      if (next === undefined) break; // unreachable by construction: a distance always has a predecessor
      steps.push(next);
      current = next;
    }
    result.paths.push({ toStakeholderId: target, steps });
  }
  return result;
}
