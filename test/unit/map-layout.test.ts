import { describe, expect, it } from 'vitest';
import { layoutMap } from '../../client/src/features/map/autoLayout';
import { DEFAULT_LAYOUT, type LayoutLine, type Positions } from '../../client/src/features/map/layout';
import { harborBankPeople } from '../../server/db/seed-data';
import { line, person } from '../helpers/layout-people';

const { nodeWidth: W, nodeHeight: H, columnGap } = DEFAULT_LAYOUT;


type XY = { x: number; y: number };
const overlaps = (a: XY, b: XY) => Math.abs(a.x - b.x) < W && Math.abs(a.y - b.y) < H;
const centre = (at: XY): XY => ({ x: at.x + W / 2, y: at.y + H / 2 });

/** Whether the segment a→b passes through the inside of the card at `card` (Liang–Barsky clipping). */
function crossesCard(a: XY, b: XY, card: XY): boolean {
  let enter = 0;
  let leave = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [[-dx, a.x - card.x], [dx, card.x + W - a.x], [-dy, a.y - card.y], [dy, card.y + H - a.y]] as const) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
  }
  return enter < leave;
}

/** How many times a relationship line, drawn centre to centre as the map draws it, runs through a third person's card. */
function lineCardCrossings(positions: Positions, lines: readonly LayoutLine[]): number {
  let crossings = 0;
  for (const { fromStakeholderId: from, toStakeholderId: to } of lines) {
    for (const [id, card] of positions) {
      if (id !== from && id !== to && crossesCard(centre(positions.get(from)!), centre(positions.get(to)!), card)) crossings++;
    }
  }
  return crossings;
}

/** One expectation for all pairs: 45,000 separate ones made the 300-person case take seconds of the test's time budget. */
function expectNoOverlap(positions: Positions) {
  const cards = [...positions.entries()];
  const overlapping: string[] = [];
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) if (overlaps(cards[i]![1], cards[j]![1])) overlapping.push(`${cards[i]![0]} and ${cards[j]![0]}`);
  }
  expect(overlapping).toEqual([]);
}

// A bank: CEO, three executives under them, two managers under each, one staff member under each manager.
const bank = [
  person(1, 'executive'),
  person(2, 'executive', 1),
  person(3, 'executive', 1),
  person(4, 'executive', 1),
  person(5, 'management', 2),
  person(6, 'management', 2),
  person(7, 'management', 3),
  person(8, 'management', 3),
  person(9, 'management', 4),
  person(10, 'management', 4),
  person(11, 'staff', 5),
  person(12, 'staff', 6),
  person(13, 'staff', 7),
  person(14, 'staff', 8),
  person(15, 'staff', 9),
  person(16, 'staff', 10),
];
// Influence across the departments, the kind a naive placement draws straight through other people's cards.
const influence = [line(1, 2, 10), line(2, 11, 4), line(3, 16, 5), line(4, 9, 12)];

describe('auto-layout of the map (dagre)', () => {
  it('places everyone, and no two cards overlap', () => {
    const positions = layoutMap(bank, influence);
    expect([...positions.keys()].sort((a, b) => a - b)).toEqual(bank.map((p) => p.id));
    expectNoOverlap(positions);
  });

  it('puts every boss above each of their direct reports, executives above management above staff', () => {
    const positions = layoutMap(bank, influence);
    for (const p of bank) {
      if (p.reportsToContactId !== null) expect(positions.get(p.reportsToContactId / 10)!.y).toBeLessThan(positions.get(p.id)!.y);
    }
    const withBoss = [person(1, 'executive'), person(2, 'staff', 1), person(3, 'management')];
    const rows = layoutMap(withBoss, [line(1, 3, 2)]);
    // a manager with no boss on the map sits in the management row, between the CEO and the staff member reporting straight to them
    expect(rows.get(3)!.y).toBeGreaterThan(rows.get(1)!.y);
    expect(rows.get(3)!.y).toBeLessThan(rows.get(2)!.y);
  });

  it('keeps influence lines off other cards better than a naive placement, and better than ignoring them', () => {
    const positions = layoutMap(bank, influence);
    // Naive: the same rows, everyone left to right in id order.
    const naive: Positions = new Map();
    const rowCount = new Map<number, number>();
    for (const p of bank) {
      const y = positions.get(p.id)!.y;
      const column = rowCount.get(y) ?? 0;
      rowCount.set(y, column + 1);
      naive.set(p.id, { x: column * (W + columnGap), y });
    }
    const ours = lineCardCrossings(positions, influence);
    expect(ours).toBeLessThan(lineCardCrossings(naive, influence));
    expect(ours).toBeLessThan(lineCardCrossings(layoutMap(bank), influence));
  });

  it('draws the demo bank deal no wider than the old hand-packed org chart, so its cards stay large at fit zoom', () => {
    // "Core banking mainframe refresh": its people and reporting lines from the seed, its relationships as server/db/seed.ts adds them.
    const id = new Map(harborBankPeople.map((seedPerson, index) => [seedPerson.key, index + 1]));
    const people = harborBankPeople.map((seedPerson, index) => person(index + 1, seedPerson.level, seedPerson.reportsTo ? id.get(seedPerson.reportsTo)! : null));
    const pairs = [['architect', 'cio'], ['cfo', 'ceo'], ['risk', 'cio'], ['coreit', 'architect'], ['risk', 'ceo']] as const;
    const lines = pairs.map(([from, to], index) => line(index + 1, id.get(from)!, id.get(to)!));
    const positions = layoutMap(people, lines);
    expectNoOverlap(positions);
    const xs = [...positions.values()].map((at) => at.x);
    // The old layout drew it 1208 px wide (five columns); dagre's own placement 1546.
    expect(Math.max(...xs) + W - Math.min(...xs)).toBeLessThanOrEqual(1210);
    for (const p of people) {
      if (p.reportsToContactId !== null) expect(positions.get(p.reportsToContactId / 10)!.y).toBeLessThan(positions.get(p.id)!.y);
    }
  });

  it('is deterministic and ignores input order', () => {
    const a = layoutMap(bank, influence);
    const b = layoutMap([...bank].reverse(), [...influence].reverse());
    expect([...b.entries()].sort(([x], [y]) => x - y)).toEqual([...a.entries()].sort(([x], [y]) => x - y));
  });

  it('packs people with no line into a block beside the chart, not one endless row', () => {
    const loose = Array.from({ length: 20 }, (_, i) => person(100 + i, i < 4 ? 'executive' : 'staff'));
    const positions = layoutMap([...bank, ...loose], influence);
    expectNoOverlap(positions);
    const chartRight = Math.max(...bank.map((p) => positions.get(p.id)!.x)) + W;
    const block = loose.map((p) => positions.get(p.id)!);
    expect(Math.min(...block.map((at) => at.x))).toBeGreaterThan(chartRight);
    const columns = new Set(block.map((at) => at.x)).size;
    const rows = new Set(block.map((at) => at.y)).size;
    expect(columns).toBe(4);
    expect(rows).toBe(5);
    // Executives lead the block, top left.
    expect(positions.get(100)).toEqual({ x: Math.min(...block.map((at) => at.x)), y: 0 });
    const alone = layoutMap(loose);
    expectNoOverlap(alone);
    expect(new Set([...alone.values()].map((at) => at.x)).size).toBe(4);
  });

  it('handles nobody, a boss outside the deal, a reporting cycle, a line to someone not on the map, and 300 people', () => {
    expect(layoutMap([]).size).toBe(0);
    expect(layoutMap([person(1, 'staff', 99)]).size).toBe(1);
    const cycle = layoutMap([person(1, 'management', 2), person(2, 'management', 1)], [line(1, 1, 7)]);
    expect(cycle.size).toBe(2);
    expectNoOverlap(cycle);
    const many = Array.from({ length: 300 }, (_, i) => person(i + 1, i < 10 ? 'executive' : i < 80 ? 'management' : 'staff', i < 10 ? null : (i % 10) + 1));
    const lines = Array.from({ length: 100 }, (_, i) => line(i + 1, ((i * 7) % 300) + 1, ((i * 13 + 5) % 300) + 1));
    const positions = layoutMap(many, lines);
    expect(positions.size).toBe(300);
    expectNoOverlap(positions);
  });
});
