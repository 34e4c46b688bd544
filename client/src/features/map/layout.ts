/**
 * Auto-layout of the buying group by reporting lines: a pure function from the
 * people (and who reports to whom) to positions. Executives sit on the top row,
 * management below, staff at the bottom; within that, dagre orders each reporting
 * tree so lines rarely cross.
 */
import dagre from '@dagrejs/dagre';
import { LEVELS, type Level } from '../../../../shared/domain';

export interface LayoutPerson {
  id: number;
  contactId: number;
  level: Level;
  reportsToContactId: number | null;
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 230, nodeHeight: 120, columnGap: 40, rowGap: 90 };

const ANCHOR = (index: number) => `level-anchor-${index}`;

export function layoutByReportingLines(people: readonly LayoutPerson[], options: LayoutOptions = DEFAULT_LAYOUT): Map<number, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: options.columnGap, ranksep: options.rowGap, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));

  // Invisible anchors, one per level, chained top to bottom: they pin each level to its own band.
  LEVELS.forEach((_level, index) => {
    graph.setNode(ANCHOR(index), { width: 1, height: 1 });
    if (index > 0) graph.setEdge(ANCHOR(index - 1), ANCHOR(index), { minlen: 1, weight: 1 });
  });

  const sorted = [...people].sort((a, b) => a.id - b.id);
  const byContact = new Map(sorted.map((person) => [person.contactId, person]));
  for (const person of sorted) graph.setNode(String(person.id), { width: options.nodeWidth, height: options.nodeHeight });
  for (const person of sorted) {
    const level = LEVELS.indexOf(person.level);
    const boss = person.reportsToContactId === null ? undefined : byContact.get(person.reportsToContactId);
    // Everyone sits at least as low as their level's band (the anchor sits one rank above it)…
    graph.setEdge(ANCHOR(level), String(person.id), { minlen: 1, weight: 1 });
    if (boss && boss.id !== person.id) {
      // …and below their boss: one band per level of difference (a staff member reporting to an executive drops two).
      const gap = Math.max(1, level - LEVELS.indexOf(boss.level));
      graph.setEdge(String(boss.id), String(person.id), { minlen: gap, weight: 2 });
    }
  }

  dagre.layout(graph);
  const positions = new Map<number, { x: number; y: number }>();
  for (const person of sorted) {
    const node = graph.node(String(person.id));
    // dagre gives centres; React Flow wants top-left corners.
    positions.set(person.id, { x: Math.round(node.x - options.nodeWidth / 2), y: Math.round(node.y - options.nodeHeight / 2) });
  }
  return positions;
}
