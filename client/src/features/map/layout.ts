/**
 * Auto-layout of the buying group by reporting lines: a pure function from the
 * people (and who reports to whom) to positions, drawn like an org chart.
 *
 * Rows: people with no boss in the deal start on their level's row (executives
 * on top, staff at the bottom); everyone else sits below their boss, one row
 * per level of difference (a staff member reporting straight to an executive
 * drops two rows). Columns: each reporting tree is packed left to right against
 * the contour of the trees beside it (Reingold–Tilford style), with the boss
 * centred over their people, so a 12-person bank fits in five columns rather
 * than one column per leaf. No layout library: it is small, deterministic, and
 * keeps dagre's 20 kB out of the map's bundle.
 */
import { LEVELS, type Level } from '../../../../shared/domain';
import { groupBy } from '../../../../shared/groupBy';

export interface LayoutPerson {
  id: number;
  contactId: number;
  level: Level;
  reportsToContactId: number | null;
}

interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
}

/** Card size and gaps, tuned so the demo's 12-person buying group fits a laptop screen at ~85% zoom. */
export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 216, nodeHeight: 118, columnGap: 32, rowGap: 64 };

/** rank → [left, right] edge of what a subtree occupies on that row, relative to its head's centre. */
type Contour = Map<number, [number, number]>;

type Positions = Map<number, { x: number; y: number }>;
const ORDERS = ['split', 'leavesLast', 'leavesFirst'] as const;
type Order = (typeof ORDERS)[number];

export function layoutByReportingLines(people: readonly LayoutPerson[], options: LayoutOptions = DEFAULT_LAYOUT): Positions {
  const { nodeWidth: width, columnGap: gap } = options;
  const sorted = [...people].sort((a, b) => a.id - b.id);
  const byContact = new Map(sorted.map((person) => [person.contactId, person]));
  const level = (person: LayoutPerson) => LEVELS.indexOf(person.level);

  // Who each person's boss is on this map; a reporting cycle in the data is cut at its lowest id.
  const boss = new Map<number, LayoutPerson>();
  for (const person of sorted) {
    const candidate = person.reportsToContactId === null ? undefined : byContact.get(person.reportsToContactId);
    if (candidate && candidate.id !== person.id) boss.set(person.id, candidate);
  }
  for (const person of sorted) {
    const seen = new Set<number>([person.id]);
    for (let up = boss.get(person.id); up; up = boss.get(up.id)) {
      if (up.id === person.id) {
        boss.delete(person.id);
        break;
      }
      if (seen.has(up.id)) break;
      seen.add(up.id);
    }
  }
  const reports = groupBy(
    sorted.filter((person) => boss.has(person.id)),
    (person) => boss.get(person.id)!.id,
  );

  const rank = new Map<number, number>();
  const rankOf = (person: LayoutPerson): number => {
    const known = rank.get(person.id);
    if (known !== undefined) return known;
    const head = boss.get(person.id);
    const value = head ? rankOf(head) + Math.max(1, level(person) - level(head)) : level(person);
    rank.set(person.id, value);
    return value;
  };
  sorted.forEach(rankOf);

  const ordered = (group: LayoutPerson[], order: Order) => {
    const leaves = group.filter((person) => !reports.has(person.id));
    const heads = group.filter((person) => reports.has(person.id));
    if (order === 'leavesLast') return [...heads, ...leaves];
    if (order === 'leavesFirst') return [...leaves, ...heads];
    const half = Math.ceil(leaves.length / 2);
    return [...leaves.slice(0, half), ...heads, ...leaves.slice(half)];
  };

  /** Pack subtrees left to right; returns each one's centre offset and the combined contour. */
  const pack = (subtrees: { contour: Contour }[]) => {
    const merged: Contour = new Map();
    const offsets: number[] = [];
    let last = -Infinity;
    for (const { contour } of subtrees) {
      // Against the rows both share; a subtree sharing no row with its left neighbours just takes the next column.
      let offset = -Infinity;
      for (const [row, [left]] of contour) {
        const taken = merged.get(row);
        if (taken) offset = Math.max(offset, taken[1] + gap - left);
      }
      if (offset === -Infinity) offset = offsets.length === 0 ? 0 : last + width + gap;
      for (const [row, [left, right]] of contour) {
        const taken = merged.get(row);
        merged.set(row, [taken ? taken[0] : left + offset, right + offset]);
      }
      offsets.push(offset);
      last = offset;
    }
    return { offsets, merged };
  };

  const relativeX = new Map<number, number>();
  const spread = (contour: Contour) => Math.max(...[...contour.values()].map(([, right]) => right)) - Math.min(...[...contour.values()].map(([left]) => left));
  const layoutTree = (person: LayoutPerson): { contour: Contour } => {
    const own = rankOf(person);
    const team = reports.get(person.id) ?? [];
    if (team.length === 0) return { contour: new Map([[own, [-width / 2, width / 2]]]) };
    const subtrees = new Map(
      team.map((kid) => {
        const tree = layoutTree(kid);
        // A reporting line that skips a row keeps its column clear, so no card sits on the line.
        for (let row = own + 1; row < rankOf(kid); row++) tree.contour.set(row, [-gap / 2, gap / 2]);
        return [kid.id, tree] as const;
      }),
    );
    // Where lone reports go (both ends, after or before the sub-teams) decides how well the trees interlock: keep the narrowest.
    let best: { kids: LayoutPerson[]; offsets: number[]; merged: Contour; centre: number } | null = null;
    for (const order of ORDERS) {
      const kids = ordered(team, order);
      const { offsets, merged } = pack(kids.map((kid) => subtrees.get(kid.id)!));
      const centre = (offsets[0]! + offsets[offsets.length - 1]!) / 2;
      merged.set(own, [Math.min(centre - width / 2, merged.get(own)?.[0] ?? Infinity), Math.max(centre + width / 2, merged.get(own)?.[1] ?? -Infinity)]);
      if (!best || spread(merged) < spread(best.merged)) best = { kids, offsets, merged, centre };
    }
    const { kids, offsets, merged, centre } = best!;
    kids.forEach((kid, index) => relativeX.set(kid.id, offsets[index]! - centre));
    const contour: Contour = new Map();
    for (const [row, [left, right]] of merged) contour.set(row, [left - centre, right - centre]);
    return { contour };
  };

  const roots = ordered(sorted.filter((person) => !boss.has(person.id)), 'split');
  const { offsets } = pack(roots.map(layoutTree));

  // Rows nobody sits on are dropped, so a map without executives does not start with a blank band.
  const rows = [...new Set(rank.values())].sort((a, b) => a - b);
  const rowY = new Map(rows.map((row, index) => [row, index * (options.nodeHeight + options.rowGap)]));
  const positions: Positions = new Map();
  const place = (person: LayoutPerson, centreX: number) => {
    positions.set(person.id, { x: Math.round(centreX - width / 2), y: rowY.get(rankOf(person))! });
    for (const kid of reports.get(person.id) ?? []) place(kid, centreX + relativeX.get(kid.id)!);
  };
  roots.forEach((root, index) => place(root, offsets[index]!));
  return positions;
}
