import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import type { AppEdge, AppNode } from './types';

/** Map units between two dots of the background grid. */
const GAP = 24;
/** Closer than this on screen (pixels), the dots are not drawn. */
const MIN_CELL = 8;

/** Where the dot sheet sits for this view: its cell size, and its shift (less than a cell) so the dots move with the map. */
export function dotSheet([x, y, zoom]: readonly [number, number, number], gap = GAP) {
  const cell = gap * zoom;
  const shift = (offset: number) => ((offset % cell) + cell) % cell;
  return { cell, dx: shift(x), dy: shift(y) };
}

/**
 * The map's dotted background, drawn as one sheet of CSS dots a cell larger than the map on each side.
 * A pan only moves the sheet (a composited transform: nothing is painted again); a zoom resizes its
 * cells. React Flow's own background redraws its SVG pattern on every frame of a pan, and on a big
 * map each such repaint re-layerised every card and line (ADR 37). Written to the DOM from the
 * store, like React Flow's own viewport, so a pan never re-renders React.
 */
export function MapDots() {
  const store = useStoreApi<AppNode, AppEdge>();
  const sheet = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    let lastCell = 0;
    let last: ReactFlowState<AppNode, AppEdge>['transform'] | null = null;
    const follow = ({ transform }: ReactFlowState<AppNode, AppEdge>) => {
      const element = sheet.current;
      if (!element || transform === last) return;
      last = transform;
      const { cell, dx, dy } = dotSheet(transform);
      if (cell !== lastCell) {
        lastCell = cell;
        element.style.setProperty('--cell', `${cell}px`);
        // A dot one map unit across, as React Flow's were; zoomed far out they would only grey the map.
        element.style.setProperty('--dot', `${transform[2] / 2}px`);
        element.hidden = cell < MIN_CELL;
      }
      element.style.transform = `translate3d(${dx}px, ${dy}px, 0)`;
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store]);
  return (
    <div className="react-flow__background map-dots" aria-hidden="true">
      <div ref={sheet} />
    </div>
  );
}
