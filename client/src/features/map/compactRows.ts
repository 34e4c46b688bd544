/**
 * The map's x coordinates after dagre has chosen the left-to-right order of each
 * row (ADR 0020). dagre's own placement (Brandes–Köpf, balanced over four
 * alignments) keeps every team in its own columns, which drew the demo bank
 * 1546 px wide against 1208 for the old hand-packed tree, and the whole map
 * shrank at fit zoom. Here each row keeps dagre's order and its spacing, but
 * everyone is pulled towards the people they are joined to (a boss over the
 * middle of their reports, a report under their boss, related people towards
 * each other, more weakly), so a team slides under its neighbours' empty rows
 * instead of starting a column of its own.
 *
 * Each row is solved exactly for that pull (least squares, in order, at least the
 * gap apart: pool-adjacent-violators), and rows are swept top-down and bottom-up
 * a few times. Pure and deterministic.
 */

/** Something that takes room on a row: a card, or the vertical part of a reporting line passing through the row. */
export interface RowItem {
  key: string;
  /** Half its width: a card's, or 0 for a line passing through. */
  half: number;
  x: number;
}

/** Who pulls on whom, and how hard. */
export interface Pull {
  a: string;
  b: string;
  weight: number;
}

/** Sweeps top-down then bottom-up; more changed no demo or random group measured in ADR 0020 by a pixel. */
const SWEEPS = 6;

/**
 * Positions every item of `rows` (each in its left-to-right order), keeping `gap`
 * between cards and half that beside a passing line. Returns key → centre x.
 */
export function compactRows(rows: readonly (readonly RowItem[])[], pulls: readonly Pull[], gap: number): Map<string, number> {
  const x = new Map<string, number>();
  for (const row of rows) for (const item of row) x.set(item.key, item.x);
  const partners = new Map<string, { key: string; weight: number }[]>();
  const link = (from: string, to: string, weight: number) => {
    const list = partners.get(from) ?? [];
    list.push({ key: to, weight });
    partners.set(from, list);
  };
  for (const { a, b, weight } of pulls) {
    if (!x.has(a) || !x.has(b)) continue;
    link(a, b, weight);
    link(b, a, weight);
  }
  const order = [...rows.keys()];
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (const index of sweep % 2 === 0 ? order : [...order].reverse()) solveRow(rows[index]!, partners, x, gap);
  }
  return x;
}

/** One row: the least-squares positions nearest where each item's partners want it, in order and without overlap. */
function solveRow(row: readonly RowItem[], partners: ReadonlyMap<string, readonly { key: string; weight: number }[]>, x: Map<string, number>, gap: number) {
  if (row.length === 0) return;
  // Shift every item left by the room the items before it need: the ordering constraint becomes "never decreasing".
  let offset = 0;
  const targets = row.map((item, index) => {
    if (index > 0) offset += row[index - 1]!.half + item.half + (row[index - 1]!.half > 0 && item.half > 0 ? gap : gap / 2);
    const pulling = partners.get(item.key) ?? [];
    const total = pulling.reduce((sum, p) => sum + p.weight, 0);
    // Someone nobody pulls on stays put (still pushed by their neighbours), lightly held.
    const want = total === 0 ? x.get(item.key)! : pulling.reduce((sum, p) => sum + p.weight * x.get(p.key)!, 0) / total;
    return { value: want - offset, weight: total === 0 ? 0.01 : total, offset };
  });
  // Pool adjacent violators: merge blocks whose best values are out of order into their weighted mean.
  const blocks: { value: number; weight: number; count: number }[] = [];
  for (const { value, weight } of targets) {
    blocks.push({ value, weight, count: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2]!.value > blocks[blocks.length - 1]!.value) {
      const last = blocks.pop()!;
      const previous = blocks[blocks.length - 1]!;
      const merged = previous.weight + last.weight;
      previous.value = (previous.value * previous.weight + last.value * last.weight) / merged;
      previous.weight = merged;
      previous.count += last.count;
    }
  }
  let index = 0;
  for (const block of blocks) {
    for (let k = 0; k < block.count; k++, index++) x.set(row[index]!.key, block.value + targets[index]!.offset);
  }
}
