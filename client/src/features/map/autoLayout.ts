/**
 * Auto-layout of the buying group with dagre (ADR 0020): reporting lines drawn
 * top-down like an org chart, and the deal's relationships handed to dagre as
 * lighter edges, so its crossing reduction puts people who influence each other
 * side by side and routes long lines between cards rather than through them.
 *
 * The rows are ours, not dagre's: people with no boss on the map start on their
 * level's row, everyone else sits below their boss (a staff member reporting to
 * an executive drops two rows). A relationship never moves anyone up or down,
 * only sideways. dagre chooses each row's left-to-right order; the x of each card
 * is ours too (compactRows.ts), packed tighter than dagre's own placement so the
 * chart stays as narrow as an org chart and cards stay large at fit zoom. People
 * with no line at all go in a compact block beside the chart. Pure and
 * deterministic: the same map always gives the same positions.
 */
import { Graph, layout, type EdgeLabel, type NodeLabel } from '@dagrejs/dagre';
import { LEVELS } from '../../../../shared/domain';
import { compactRows, type Pull, type RowItem } from './compactRows';
import { reportingRanks } from './reportingRanks';
import { DEFAULT_LAYOUT, type LayoutLine, type LayoutOptions, type LayoutPerson, type Positions } from './layout';

/**
 * How hard dagre's ordering pulls each kind of line short. Measured on 20 random
 * buying groups of 14–33 people (ADR 0020), relationship lines through cards: 176
 * without them, 134 at a third of a reporting line's weight, 94 at the same
 * weight, 80 with a same-row pair pulled twice as hard. Heavier than that
 * stretches the org chart for no gain.
 */
const REPORTING_WEIGHT = 1;
const RELATIONSHIP_WEIGHT = 1;
const SAME_ROW_WEIGHT = 2;

/**
 * How hard, once the order is set, a line pulls its two people's x together
 * (compactRows.ts). On the same 20 random groups (ADR 0020) a relationship at half
 * a reporting line's pull kept as few lines through cards as dagre's own placement
 * while the charts came out about a tenth narrower.
 */
const REPORTING_PULL = 1;
/** A reporting line is drawn straight down through the rows it skips, so its passing points hold to the report's x. */
const PASSING_PULL = 100;
const RELATIONSHIP_PULL = 0.5;

/** dagre's graph settings; `ranker: 'none'` keeps the rows we give each node (dagre's "manual ranking"). */
interface ChartLabel {
  rankdir: 'TB';
  ranker: 'none';
  nodesep: number;
  edgesep: number;
  ranksep: number;
}

const nodeKey = (id: number) => `p${id}`;

export function layoutMap(people: readonly LayoutPerson[], lines: readonly LayoutLine[] = [], options: LayoutOptions = DEFAULT_LAYOUT): Positions {
  const sorted = [...people].sort((a, b) => a.id - b.id);
  const { boss, rank } = reportingRanks(sorted);
  const onMap = new Set(sorted.map((person) => person.id));
  const pairs = [...lines]
    .sort((a, b) => a.id - b.id)
    .filter((line) => line.fromStakeholderId !== line.toStakeholderId && onMap.has(line.fromStakeholderId) && onMap.has(line.toStakeholderId))
    .map((line) => [line.fromStakeholderId, line.toStakeholderId] as const);

  const linked = new Set<number>();
  for (const [person, head] of boss) linked.add(person).add(head);
  for (const [from, to] of pairs) linked.add(from).add(to);
  const charted = sorted.filter((person) => linked.has(person.id));
  const loose = sorted.filter((person) => !linked.has(person.id));

  const positions: Positions = new Map();
  const rowY = (row: number) => row * (options.nodeHeight + options.rowGap);
  const chartWidth = charted.length > 0 ? placeChart(charted, boss, rank, pairs, options, positions, rowY) : 0;
  const rows = new Set(charted.map((person) => rank.get(person.id)!)).size;
  placeLoose(loose, chartWidth === 0 ? 0 : chartWidth + 2 * options.columnGap, rows, options, positions, rowY);
  return positions;
}

/** The people with lines: order by dagre, x by compactRows; returns the chart's width so the loose people can sit beside it. */
function placeChart(
  chartedIn: readonly LayoutPerson[],
  bossIn: ReadonlyMap<number, number>,
  rank: ReadonlyMap<number, number>,
  pairs: readonly (readonly [number, number])[],
  options: LayoutOptions,
  positions: Positions,
  rowY: (row: number) => number,
): number {
  const { nodeWidth: width, nodeHeight: height, columnGap: gap, rowGap } = options;
  // dagre starts its ordering from the order nodes and edges are added in: hand it a tidy org chart's.
  const seed = treeOrder(chartedIn, bossIn);
  const byTree = (a: number, b: number) => seed.get(a)! - seed.get(b)!;
  const charted = [...chartedIn].sort((a, b) => byTree(a.id, b.id));
  const boss = new Map([...bossIn].sort(([a], [b]) => byTree(a, b)));
  // Rows nobody on the chart sits on are dropped, so a map without executives does not start with a blank band.
  const rows = [...new Set(charted.map((person) => rank.get(person.id)!))].sort((a, b) => a - b);
  const row = (id: number) => rows.indexOf(rank.get(id)!);

  const graph = new Graph<ChartLabel, NodeLabel, EdgeLabel>();
  graph.setGraph({ rankdir: 'TB', ranker: 'none', nodesep: gap, edgesep: gap / 2, ranksep: rowGap });
  // dagre keeps a rank between two rows for the bends of the lines (it does so itself when it ranks): our rows are its even ranks.
  const dagreRank = (id: number) => 2 * row(id);
  for (const person of charted) graph.setNode(nodeKey(person.id), { width, height, rank: dagreRank(person.id) });
  const addEdge = (from: string, to: string, weight: number) => {
    const existing = graph.edge(from, to);
    graph.setEdge(from, to, { weight: (existing?.weight ?? 0) + weight, minlen: 1 });
  };
  for (const [person, head] of boss) addEdge(nodeKey(head), nodeKey(person), REPORTING_WEIGHT);
  for (const [a, b] of pairs) {
    const [upper, lower] = row(a) <= row(b) ? [a, b] : [b, a];
    if (row(upper) < row(lower)) {
      addEdge(nodeKey(upper), nodeKey(lower), RELATIONSHIP_WEIGHT);
      continue;
    }
    // Two people on one row: dagre draws no flat edges, so a zero-size point on the row below pulls them together.
    const [left, right] = upper < lower ? [upper, lower] : [lower, upper];
    const bridge = `bridge-${left}-${right}`;
    if (!graph.hasNode(bridge)) graph.setNode(bridge, { width: 0, height: 0, rank: dagreRank(left) + 2 });
    addEdge(nodeKey(left), bridge, SAME_ROW_WEIGHT);
    addEdge(nodeKey(right), bridge, SAME_ROW_WEIGHT);
  }
  layout(graph);

  // dagre's order of each row, cards and the reporting lines that pass through it; our own x (compactRows.ts).
  const cardY = new Map(charted.map((person) => [row(person.id), graph.node(nodeKey(person.id)).y!]));
  const items: RowItem[][] = rows.map(() => []);
  for (const person of charted) items[row(person.id)]!.push({ key: nodeKey(person.id), half: width / 2, x: graph.node(nodeKey(person.id)).x! });
  const pulls: Pull[] = [];
  for (const [person, head] of boss) {
    let above = nodeKey(head);
    const points = graph.edge(nodeKey(head), nodeKey(person))?.points ?? [];
    for (let through = row(head) + 1; through < row(person); through++) {
      const y = cardY.get(through);
      const point = y === undefined ? undefined : points.reduce<{ x: number; y: number } | undefined>((best, p) => (!best || Math.abs(p.y - y) < Math.abs(best.y - y) ? p : best), undefined);
      const key = `pass-${person}-${through}`;
      items[through]!.push({ key, half: 0, x: point?.x ?? graph.node(nodeKey(person)).x! });
      pulls.push({ a: above, b: key, weight: above === nodeKey(head) ? REPORTING_PULL : PASSING_PULL });
      above = key;
    }
    pulls.push({ a: above, b: nodeKey(person), weight: above === nodeKey(head) ? REPORTING_PULL : PASSING_PULL });
  }
  for (const [a, b] of pairs) pulls.push({ a: nodeKey(a), b: nodeKey(b), weight: RELATIONSHIP_PULL });
  for (const list of items) list.sort((a, b) => a.x - b.x || (a.key < b.key ? -1 : 1));
  const centres = compactRows(items, pulls, gap);

  const lefts = charted.map((person) => centres.get(nodeKey(person.id))! - width / 2);
  const shift = Math.min(...lefts);
  charted.forEach((person, index) => positions.set(person.id, { x: Math.round(lefts[index]! - shift), y: rowY(row(person.id)) }));
  return Math.max(...lefts) - shift + width;
}

/**
 * People with no line on the map: a block of columns, executives first, read top
 * to bottom. It is as tall as the chart beside it (or about as wide as tall on
 * its own), so twenty loose people never become one endless row.
 */
function placeLoose(loose: readonly LayoutPerson[], left: number, chartRows: number, options: LayoutOptions, positions: Positions, rowY: (row: number) => number) {
  if (loose.length === 0) return;
  const ordered = [...loose].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.id - b.id);
  const rows = Math.max(chartRows, Math.ceil(Math.sqrt(ordered.length)));
  ordered.forEach((person, index) => {
    const column = Math.floor(index / rows);
    positions.set(person.id, { x: left + column * (options.nodeWidth + options.columnGap), y: rowY(index % rows) });
  });
}

/**
 * An org chart's left-to-right order, depth first: under each boss, the people
 * with no reports split half before and half after those with teams, so a team's
 * wide bottom rows can sit under lone colleagues rather than beside them (the old
 * hand-packed layout's default). dagre only sharpens it for the relationships.
 */
function treeOrder(charted: readonly LayoutPerson[], boss: ReadonlyMap<number, number>): Map<number, number> {
  const reports = new Map<number, number[]>();
  for (const person of charted) {
    const head = boss.get(person.id);
    if (head !== undefined) reports.set(head, [...(reports.get(head) ?? []), person.id]);
  }
  const split = (ids: number[]) => {
    const leaves = ids.filter((id) => !reports.has(id));
    const heads = ids.filter((id) => reports.has(id));
    const half = Math.ceil(leaves.length / 2);
    return [...leaves.slice(0, half), ...heads, ...leaves.slice(half)];
  };
  const order = new Map<number, number>();
  const visit = (id: number) => {
    order.set(id, order.size);
    for (const kid of split(reports.get(id) ?? [])) visit(kid);
  };
  for (const root of split(charted.filter((person) => !boss.has(person.id)).map((person) => person.id))) visit(root);
  return order;
}
