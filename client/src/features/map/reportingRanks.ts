/**
 * Who reports to whom on this map, and the row each person belongs on. Rows
 * follow the org chart and the levels: people with no boss on the map start on
 * their level's row (executives on top), everyone else one row below their boss,
 * or more when the level gap is bigger (a staff member reporting straight to an
 * executive drops two rows).
 */
import { LEVELS } from '../../../../shared/domain';
import type { LayoutPerson } from './layout';

export function reportingRanks(people: readonly LayoutPerson[]) {
  const sorted = [...people].sort((a, b) => a.id - b.id);
  const byContact = new Map(sorted.map((person) => [person.contactId, person]));
  const byId = new Map(sorted.map((person) => [person.id, person]));
  const level = (person: LayoutPerson) => LEVELS.indexOf(person.level);

  /** person id → their boss's id; a reporting cycle in the data is cut where it closes, walking up from the lowest id. */
  const boss = new Map<number, number>();
  for (const person of sorted) {
    const head = person.reportsToContactId === null ? undefined : byContact.get(person.reportsToContactId);
    if (head && head.id !== person.id) boss.set(person.id, head.id);
  }
  for (const person of sorted) {
    const seen = new Set<number>([person.id]);
    for (let up = boss.get(person.id); up !== undefined; up = boss.get(up)) {
      if (up === person.id) {
        boss.delete(person.id);
        break;
      }
      if (seen.has(up)) break;
      seen.add(up);
    }
  }

  const rank = new Map<number, number>();
  const rankOf = (person: LayoutPerson): number => {
    const known = rank.get(person.id);
    if (known !== undefined) return known;
    const headId = boss.get(person.id);
    const head = headId === undefined ? undefined : byId.get(headId)!;
    const value = head ? rankOf(head) + Math.max(1, level(person) - level(head)) : level(person);
    rank.set(person.id, value);
    return value;
  };
  sorted.forEach(rankOf);
  return { boss, rank };
}
