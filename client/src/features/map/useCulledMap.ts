import { Position, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { startTransition, useEffect, useMemo, useState } from 'react';
import type { AppEdge, AppNode } from './types';

/** A rectangle in the map's own coordinates (not the screen's). */
export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How far past the screen the kept cards and lines reach, in screens: half a screen on every side. */
const MARGIN = 0.5;
/** A card's handle, in pixels (styles.css: .sh-handle). */
const HANDLE = 12;
/** Room around a line for the cards it ends in, its bow and its label. */
const LINE_PAD = 120;

/** The part of the map the screen shows, in the map's coordinates. */
export function visibleArea([x, y, zoom]: readonly [number, number, number], width: number, height: number): Area {
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

const grow = (area: Area, dx: number, dy: number): Area => ({ x: area.x - dx, y: area.y - dy, width: area.width + 2 * dx, height: area.height + 2 * dy });
const contains = (outer: Area, inner: Area) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/**
 * The area whose cards and lines stay in the DOM: the screen and half a screen around it. It moves
 * only once the screen has come within a quarter screen of its edge, or the zoom has changed enough
 * to make it too small or more than twice too large (hysteresis). Null keeps the current area.
 */
export function nextArea(current: Area | null, view: Area): Area | null {
  if (current) {
    const inner = grow(current, (-MARGIN / 2) * view.width, (-MARGIN / 2) * view.height);
    const needlesslyLarge = current.width > (2 * MARGIN + 1) * 2 * view.width;
    if (inner.width > 0 && inner.height > 0 && contains(inner, view) && !needlesslyLarge) return null;
  }
  return grow(view, MARGIN * view.width, MARGIN * view.height);
}

/** Whether the segment from a to b passes through the area (Liang–Barsky clipping). */
export function segmentMeets(a: { x: number; y: number }, b: { x: number; y: number }, area: Area): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let enter = 0;
  let leave = 1;
  const sides: [number, number][] = [
    [-dx, a.x - area.x],
    [dx, area.x + area.width - a.x],
    [-dy, a.y - area.y],
    [dy, area.y + area.height - a.y],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
    if (enter > leave) return false;
  }
  return true;
}

/** A card's size: measured on the page, else the layout's. */
export const sizeOf = (node: AppNode) => ({ width: node.measured?.width ?? node.width ?? 0, height: node.measured?.height ?? node.height ?? 0 });
const centreOf = (node: AppNode) => {
  const { width, height } = sizeOf(node);
  return { x: node.position.x + width / 2, y: node.position.y + height / 2 };
};

/**
 * Whether a line may show inside the area. A relationship is drawn nearly straight between the two
 * cards' centres; a reporting line bends inside the box of its two ends, so the box is tested.
 */
export function lineMeets(edge: AppEdge, cards: ReadonlyMap<string, AppNode>, area: Area): boolean {
  const from = cards.get(edge.source);
  const to = cards.get(edge.target);
  if (!from || !to) return true;
  const padded = grow(area, LINE_PAD, LINE_PAD);
  const a = centreOf(from);
  const b = centreOf(to);
  if (edge.type === 'relationship') return segmentMeets(a, b, padded);
  return Math.max(a.x, b.x) >= padded.x && Math.min(a.x, b.x) <= padded.x + padded.width && Math.max(a.y, b.y) >= padded.y && Math.min(a.y, b.y) <= padded.y + padded.height;
}

/** Whether a card lies (partly) inside the area. */
export function cardMeets(node: AppNode, area: Area): boolean {
  const { width, height } = sizeOf(node);
  return node.position.x + width >= area.x && node.position.x <= area.x + area.width && node.position.y + height >= area.y && node.position.y <= area.y + area.height;
}

/**
 * A card left out of the DOM. React Flow forgets a hidden card's handles (it measures them on the
 * page), and draws no line to a card without handles; the card's two handles are therefore given
 * here, where StakeholderNode draws them (12 px, centred on the top and bottom edges), so the lines
 * from the cards on screen to this one are still drawn.
 */
export function offScreen(node: AppNode): AppNode {
  const { width, height } = sizeOf(node);
  const handle = { width: HANDLE, height: HANDLE, x: width / 2 - HANDLE / 2, id: null };
  return {
    ...node,
    hidden: true,
    handles: [
      { ...handle, type: 'target', position: Position.Top, y: -HANDLE / 2 },
      { ...handle, type: 'source', position: Position.Bottom, y: height - HANDLE / 2 },
    ],
  };
}

/**
 * The cards and lines of a big map worth putting in the DOM: those within half a screen of what is shown
 * (ADR 37). The other cards stay in React Flow's store, `hidden`, so lines to them are still drawn;
 * the other lines are left out. React Flow's own culling re-decides on every frame of a pan, so
 * cards and lines join and leave the page all the time, each change a React commit and a repaint.
 * Here the kept area is re-decided only after the view has moved a quarter screen, so most frames of
 * a pan change nothing in the DOM and are only composited. Off (`enabled` false) all is returned.
 */
export function useCulledMap(nodes: AppNode[], edges: AppEdge[], enabled: boolean): { nodes: AppNode[]; edges: AppEdge[] } {
  const store = useStoreApi<AppNode, AppEdge>();
  const [followed, setFollowed] = useState<Area | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let current: Area | null = null;
    const follow = ({ transform, width, height }: ReactFlowState<AppNode, AppEdge>) => {
      if (!width || !height) return;
      const next = nextArea(current, visibleArea(transform, width, height));
      if (!next) return;
      current = next;
      // A transition: React renders the joining cards and lines between frames, not in the one that moved.
      startTransition(() => setFollowed(next));
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store, enabled]);
  const area = enabled ? followed : null;

  // One hidden copy per card object: an unchanged card off screen stays the same object for React Flow.
  const [copies] = useState(() => new WeakMap<AppNode, AppNode>());
  const hide = (node: AppNode) => copies.get(node) ?? copies.set(node, offScreen(node)).get(node)!;
  const keptNodes = useMemo(() => {
    if (!area) return nodes;
    const kept = nodes.map((node) => (node.selected || node.dragging || cardMeets(node, area) ? node : hide(node)));
    // Everyone near the screen (a fitted view): the same array, so React Flow has nothing to update.
    return kept.every((node, i) => node === nodes[i]) ? nodes : kept;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- hide only reads the cache
  }, [nodes, area]);
  // Which lines to keep, as a string: the same lines keep the same array, so React Flow has nothing to update.
  const keptIds = useMemo(() => {
    if (!area) return null;
    const cards = new Map(nodes.map((node) => [node.id, node]));
    return edges
      .filter((edge) => edge.selected || lineMeets(edge, cards, area))
      .map((edge) => edge.id)
      .join(' ');
  }, [edges, nodes, area]);
  const keptEdges = useMemo(() => {
    if (keptIds === null) return edges;
    const kept = new Set(keptIds ? keptIds.split(' ') : []);
    return kept.size === edges.length ? edges : edges.filter((edge) => kept.has(edge.id));
  }, [edges, keptIds]);
  return { nodes: keptNodes, edges: keptEdges };
}
