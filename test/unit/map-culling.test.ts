import { describe, expect, it } from 'vitest';
import { dotSheet } from '../../client/src/features/map/MapDots';
import { OVERVIEW, overviewFrame } from '../../client/src/features/map/OverviewMap';
import type { AppEdge, AppNode } from '../../client/src/features/map/types';
import { cardMeets, lineMeets, nextArea, offScreen, segmentMeets, visibleArea, type Area } from '../../client/src/features/map/useCulledMap';

const WIDTH = 216;
const HEIGHT = 118;
/** A card as the map makes them: a place and the layout's size (what culling reads). */
const card = (id: number, x: number, y: number): AppNode => ({ id: String(id), type: 'stakeholder', position: { x, y }, width: WIDTH, height: HEIGHT, data: {} as AppNode['data'] });
const relationship = (from: number, to: number): AppEdge => ({ id: `rel-${from}-${to}`, source: String(from), target: String(to), type: 'relationship' });
const reports = (boss: number, report: number): AppEdge => ({ id: `reports-${report}`, source: String(boss), target: String(report), type: 'reports' });
const inside = (outer: Area, inner: Area) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('what a big map keeps in the page (ADR 37)', () => {
  it('reads the screen’s part of the map from React Flow’s transform', () => {
    // Panned 200 px right and 100 px down at 200%: the screen's top-left shows map point (-100, -50).
    expect(visibleArea([200, 100, 2], 1000, 600)).toEqual({ x: -100, y: -50, width: 500, height: 300 });
  });

  it('keeps half a screen around the view, and moves that area only after a quarter screen of panning', () => {
    const view = visibleArea([0, 0, 1], 1000, 600);
    const area = nextArea(null, view)!;
    expect(area).toEqual({ x: -500, y: -300, width: 2000, height: 1200 });
    // Small pans in every direction: the same cards and lines stay.
    for (const [dx, dy] of [[200, 0], [-200, 0], [0, 120], [0, -120], [240, 140]]) {
      expect(nextArea(area, visibleArea([-dx!, -dy!, 1], 1000, 600))).toBeNull();
    }
    // Past a quarter screen, a new area around the new view.
    const moved = visibleArea([-300, 0, 1], 1000, 600);
    const next = nextArea(area, moved)!;
    expect(next).toEqual({ x: -200, y: -300, width: 2000, height: 1200 });
    expect(inside(next, moved)).toBe(true);
  });

  it('makes a new area when a zoom out shows more than it holds, or a zoom in leaves it needlessly large', () => {
    const area = nextArea(null, visibleArea([0, 0, 1], 1000, 600))!;
    expect(nextArea(area, visibleArea([0, 0, 0.8], 1000, 600))).not.toBeNull();
    // Zoomed in a little on the middle: kept.
    expect(nextArea(area, visibleArea([-100, -60, 1.25], 1000, 600))).toBeNull();
    // Zoomed in more than twice: re-made around the small view.
    const close = visibleArea([-1000, -600, 2.5], 1000, 600);
    const next = nextArea(area, close)!;
    expect(next.width).toBeCloseTo(close.width * 2);
    expect(inside(next, close)).toBe(true);
  });

  it('finds the lines that cross the area even when both ends lie outside it', () => {
    const area = { x: 0, y: 0, width: 100, height: 100 };
    expect(segmentMeets({ x: -50, y: 50 }, { x: 150, y: 50 }, area)).toBe(true);
    expect(segmentMeets({ x: -50, y: -50 }, { x: 150, y: 150 }, area)).toBe(true);
    expect(segmentMeets({ x: 50, y: 50 }, { x: 500, y: 500 }, area)).toBe(true);
    // Beside, above, and a diagonal that passes the corner.
    expect(segmentMeets({ x: 120, y: -50 }, { x: 120, y: 150 }, area)).toBe(false);
    expect(segmentMeets({ x: -50, y: -10 }, { x: 150, y: -10 }, area)).toBe(false);
    expect(segmentMeets({ x: 60, y: -100 }, { x: 200, y: 40 }, area)).toBe(false);
    // A single point.
    expect(segmentMeets({ x: 10, y: 10 }, { x: 10, y: 10 }, area)).toBe(true);
  });

  it('keeps a relationship across the screen between two far cards, and drops one far from it', () => {
    const cards = new Map([card(1, -3000, 0), card(2, 3000, 0), card(3, -3000, 2000), card(4, -2000, 2500)].map((c) => [c.id, c]));
    const area = { x: -500, y: -300, width: 1000, height: 600 };
    expect(lineMeets(relationship(1, 2), cards, area)).toBe(true);
    expect(lineMeets(relationship(3, 4), cards, area)).toBe(false);
    // A reporting line bends inside the box of its two ends: the box is what counts.
    expect(lineMeets(reports(1, 2), cards, area)).toBe(true);
    expect(lineMeets(reports(3, 4), cards, area)).toBe(false);
    // A line to a card the map does not know is kept (React Flow decides).
    expect(lineMeets(relationship(1, 99), cards, area)).toBe(true);
  });

  it('keeps a card that is partly in the area', () => {
    const area = { x: 0, y: 0, width: 1000, height: 600 };
    expect(cardMeets(card(1, -WIDTH + 1, 10), area)).toBe(true);
    expect(cardMeets(card(2, 999, 599), area)).toBe(true);
    expect(cardMeets(card(3, -WIDTH - 1, 10), area)).toBe(false);
    expect(cardMeets(card(4, 10, 601), area)).toBe(false);
  });

  it('hides a card off screen but gives it its two handles, so lines to it are still drawn', () => {
    const hidden = offScreen(card(7, 100, 200));
    expect(hidden.hidden).toBe(true);
    expect(hidden.position).toEqual({ x: 100, y: 200 });
    // Where StakeholderNode draws them: 12 px, centred on the top and bottom edges.
    expect(hidden.handles).toEqual([
      { id: null, type: 'target', position: 'top', x: WIDTH / 2 - 6, y: -6, width: 12, height: 12 },
      { id: null, type: 'source', position: 'bottom', x: WIDTH / 2 - 6, y: HEIGHT - 6, width: 12, height: 12 },
    ]);
  });
});

describe('the overview and the dotted background', () => {
  it('frames every card inside the overview, centred, whatever the view', () => {
    const cards = [card(1, 0, 0), card(2, 6000, 0), card(3, 0, 3300)];
    const frame = overviewFrame(cards);
    for (const c of cards) {
      expect(c.position.x).toBeGreaterThanOrEqual(frame.x);
      expect(c.position.y).toBeGreaterThanOrEqual(frame.y);
      expect(c.position.x + WIDTH).toBeLessThanOrEqual(frame.x + frame.width);
      expect(c.position.y + HEIGHT).toBeLessThanOrEqual(frame.y + frame.height);
    }
    // The overview's own proportions, so nothing is stretched.
    expect(frame.width / frame.height).toBeCloseTo(OVERVIEW.width / OVERVIEW.height);
    expect(frame.scale).toBeCloseTo(frame.width / OVERVIEW.width);
    expect(frame.x + frame.width / 2).toBeCloseTo((6000 + WIDTH) / 2);
    // An empty map still has a frame to draw.
    expect(Number.isFinite(overviewFrame([]).scale)).toBe(true);
  });

  it('moves the dots with the map by less than a cell, at the zoom’s cell size', () => {
    expect(dotSheet([0, 0, 1])).toEqual({ cell: 24, dx: 0, dy: 0 });
    expect(dotSheet([30, -5, 1])).toEqual({ cell: 24, dx: 6, dy: 19 });
    const zoomed = dotSheet([100, 100, 0.5]);
    expect(zoomed.cell).toBe(12);
    expect(zoomed.dx).toBeGreaterThanOrEqual(0);
    expect(zoomed.dx).toBeLessThan(12);
  });
});
