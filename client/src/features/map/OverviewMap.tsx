import { Panel, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { XYMinimap, type XYMinimapInstance } from '@xyflow/system';
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { STANCE_COLOR } from './stance';
import type { AppEdge, AppNode } from './types';
import { sizeOf, visibleArea, type Area } from './useCulledMap';

/** The overview's size on screen, in pixels (the CSS says the same). */
export const OVERVIEW = { width: 180, height: 120, padding: 6 } as const;

type Frame = Area & { scale: number };

/**
 * The overview's window on the map: every card, centred, with a few pixels of border. `scale` is
 * map units per overview pixel. It depends on the cards alone, never on the view, so a pan leaves
 * the drawing as it is.
 */
export function overviewFrame(nodes: readonly AppNode[]): Frame {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const size = sizeOf(node);
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + size.width);
    bottom = Math.max(bottom, node.position.y + size.height);
  }
  if (nodes.length === 0) ({ left, top, right, bottom } = { left: 0, top: 0, right: 1, bottom: 1 });
  const inner = { width: OVERVIEW.width - 2 * OVERVIEW.padding, height: OVERVIEW.height - 2 * OVERVIEW.padding };
  const scale = Math.max((right - left) / inner.width, (bottom - top) / inner.height, 1e-6);
  const width = OVERVIEW.width * scale;
  const height = OVERVIEW.height * scale;
  return { x: (left + right) / 2 - width / 2, y: (top + bottom) / 2 - height / 2, width, height, scale };
}

/** The cards, drawn once per change of the people or their places. */
const OverviewCards = memo(function OverviewCards({ nodes }: { nodes: readonly AppNode[] }) {
  return (
    <>
      {nodes.map((node) => (
        <rect key={node.id} x={node.position.x} y={node.position.y} {...sizeOf(node)} rx={12} fill={STANCE_COLOR[node.data.person.stance]} />
      ))}
    </>
  );
});

/**
 * The map's overview (ADR 37): every card in its stance colour, and the part of the map on screen as
 * a window that can be dragged (or wheeled) to move the map, as React Flow's minimap does. Unlike
 * that minimap, a pan repaints nothing here: the cards are a still drawing, and the window follows
 * the view by a composited transform written straight from the store.
 */
export function OverviewMap({ nodes }: { nodes: readonly AppNode[] }) {
  const { t } = useTranslation();
  const store = useStoreApi<AppNode, AppEdge>();
  const svg = useRef<SVGSVGElement>(null);
  const windowRef = useRef<HTMLDivElement>(null);
  const frame = useMemo(() => overviewFrame(nodes), [nodes]);
  const scale = useRef(frame.scale);
  useLayoutEffect(() => {
    scale.current = frame.scale;
  }, [frame]);
  const panZoom = useStore((s) => s.panZoom);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const translateExtent = useStore((s) => s.translateExtent);

  // Drag or wheel over the overview to move the map: React Flow's own minimap behaviour.
  const minimap = useRef<XYMinimapInstance | null>(null);
  useEffect(() => {
    if (!svg.current || !panZoom) return;
    const instance = XYMinimap({ domNode: svg.current, panZoom, getTransform: () => store.getState().transform, getViewScale: () => scale.current });
    minimap.current = instance;
    return () => {
      instance.destroy();
      minimap.current = null;
    };
  }, [panZoom, store]);
  useEffect(() => {
    minimap.current?.update({ translateExtent, width, height, pannable: true, zoomable: true, zoomStep: 1, inversePan: false });
  }, [panZoom, translateExtent, width, height]);

  useLayoutEffect(() => {
    let last: ReactFlowState<AppNode, AppEdge>['transform'] | null = null;
    let size = '';
    const follow = (state: ReactFlowState<AppNode, AppEdge>) => {
      const element = windowRef.current;
      if (!element || !state.width || !state.height || state.transform === last) return;
      last = state.transform;
      const view = visibleArea(state.transform, state.width, state.height);
      const [width, height] = [`${view.width / frame.scale}px`, `${view.height / frame.scale}px`];
      // A new size is a zoom (a repaint of this little box); a pan only moves it.
      const next = `${width} ${height}`;
      if (next !== size) {
        size = next;
        Object.assign(element.style, { width, height });
      }
      element.style.transform = `translate3d(${(view.x - frame.x) / frame.scale}px, ${(view.y - frame.y) / frame.scale}px, 0)`;
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store, frame]);

  return (
    <Panel position="top-right" className="react-flow__minimap overview-map" data-testid="map-overview">
      <svg ref={svg} width={OVERVIEW.width} height={OVERVIEW.height} viewBox={`${frame.x} ${frame.y} ${frame.width} ${frame.height}`} role="img" aria-label={t('map.a11y.overview')}>
        <OverviewCards nodes={nodes} />
      </svg>
      <div className="overview-window" ref={windowRef} aria-hidden="true" />
    </Panel>
  );
}
