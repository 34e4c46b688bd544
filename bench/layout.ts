/**
 * `npx tsx bench/layout.ts`: how long the map's auto-layout (dagre) takes for
 * the 300-person, 450-relationship buying group of bench/map.ts, beside the
 * demo bank's 12 people and 5 relationships in the same run. Pure JavaScript,
 * no browser: the time the Auto-layout button spends before saving positions.
 */
import { performance } from 'node:perf_hooks';
import { layoutMap } from '../client/src/features/map/autoLayout';
import type { LayoutLine, LayoutPerson } from '../client/src/features/map/layout';
import { LEVELS } from '../shared/domain';
import { harborBankPeople } from '../server/db/seed-data';

function demoBank(): { people: LayoutPerson[]; lines: LayoutLine[] } {
  const id = new Map(harborBankPeople.map((person, index) => [person.key, index + 1]));
  const people = harborBankPeople.map((person, index) => ({
    id: index + 1,
    contactId: index + 1,
    level: person.level,
    reportsToContactId: person.reportsTo ? id.get(person.reportsTo)! : null,
  }));
  // The demo deal's relationships (server/db/seed.ts).
  const pairs = [['architect', 'cio'], ['cfo', 'ceo'], ['risk', 'cio'], ['coreit', 'architect'], ['risk', 'ceo']] as const;
  const lines = pairs.map(([from, to], index) => ({ id: index + 1, fromStakeholderId: id.get(from)!, toStakeholderId: id.get(to)!, kind: 'influences' as const }));
  return { people, lines };
}

/** bench/map.ts's generator without the API: the same tree shape and the same seeded relationships. */
function largeGroup(size = 300, relationships = 450): { people: LayoutPerson[]; lines: LayoutLine[] } {
  let state = 42;
  const rand = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const people = Array.from({ length: size }, (_, i) => {
    const boss = i === 0 ? null : i < 6 ? 1 : i < 60 ? 2 + (i % 5) : 7 + (i % 54);
    return { id: i + 1, contactId: i + 1, level: LEVELS[i < 6 ? 0 : i < 60 ? 1 : 2], reportsToContactId: boss };
  });
  const seen = new Set<string>();
  const lines: LayoutLine[] = [];
  while (seen.size < relationships) {
    const from = 1 + Math.floor(rand() * size);
    const to = 1 + Math.floor(rand() * size);
    const pair = from < to ? `${from}-${to}` : `${to}-${from}`;
    if (from === to || seen.has(pair)) continue;
    seen.add(pair);
    lines.push({ id: lines.length + 1, fromStakeholderId: from, toStakeholderId: to, kind: 'influences' });
  }
  return { people, lines };
}

function measure(name: string, { people, lines }: { people: LayoutPerson[]; lines: LayoutLine[] }, runs = 5) {
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    layoutMap(people, lines);
    return performance.now() - start;
  });
  const sorted = [...times].sort((a, b) => a - b);
  return { case: name, people: people.length, lines: lines.length, 'first run ms': Math.round(times[0]!), 'median ms': Math.round(sorted[Math.floor(runs / 2)]!) };
}

console.table([measure('demo bank (baseline)', demoBank()), measure('bench/map.ts group', largeGroup()), measure('same, reporting lines only', { people: largeGroup().people, lines: [] })]);
