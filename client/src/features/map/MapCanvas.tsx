import '@xyflow/react/dist/style.css';
import {
  ConnectionMode,
  ControlButton,
  Controls,
  getNodesBounds,
  getViewportForBounds,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useStore,
  type Connection,
  type EdgeTypes,
  type FitViewOptions,
  type NodeTypes,
  type OnBeforeDelete,
  type OnEdgesChange,
  type OnNodesChange,
  type OnSelectionChangeFunc,
  type ReactFlowInstance,
  type Viewport,
} from '@xyflow/react';
import { startTransition, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useDealRoomData } from '../deal-room/useDealRoom';
import { RelationshipEdge } from './edges/RelationshipEdge';
import { ReportingEdge } from './edges/ReportingEdge';
import { MapDots } from './MapDots';
import { MapLegend } from './MapLegend';
import { CardTextContext, FarZoomContext, useCardTextValue } from './nodes/cardText';
import { StakeholderNode } from './nodes/StakeholderNode';
import { OverviewMap } from './OverviewMap';
import type { AppEdge, AppNode } from './types';
import { useCulledMap } from './useCulledMap';
import { useMapAriaLabels } from './useMapAriaLabels';

// Declared once at module level so React Flow never sees a new object and re-mounts nodes or edges.
const nodeTypes = { stakeholder: StakeholderNode } satisfies NodeTypes;
const edgeTypes = { reports: ReportingEdge, relationship: RelationshipEdge } satisfies EdgeTypes;
/** Room for the toolbar above and the legend below; never blown up past 120% on a big screen. */
export const FIT_VIEW = { padding: { top: '64px', bottom: '60px', left: '28px', right: '28px' }, maxZoom: 1.2, minZoom: 0.05, includeHiddenNodes: true } satisfies FitViewOptions;
const DELETE_KEYS = ['Delete', 'Backspace'];
/** Below this zoom a card's small print is unreadable anyway; it is hidden so big maps stay light. */
const FAR_ZOOM = 0.45;
/** From this many people on, the overview map starts open. */
const BIG_MAP = 60;
/**
 * From this many people on, the cards and lines more than half a screen from the view are left out
 * of the DOM, and the choice is re-made only after a quarter screen of panning (useCulledMap, ADR 37). With
 * React Flow's own culling, re-made on every frame, cards and lines joined and left the page all
 * through a pan. The PNG export asks for every card and line first (RENDER_ALL_EVENT).
 */
const CULL_FROM = 100;
const zoomIsFar = (state: { transform: [number, number, number] }) => state.transform[2] < FAR_ZOOM;

/** Sent on the map's element by the PNG export: `detail` true while it needs every card in the DOM. */
export const RENDER_ALL_EVENT = 'dealroom:map-render-all';

/** True while the PNG export is drawing: a virtualised map then renders every card and line. */
function useRenderAll(canvas: RefObject<HTMLDivElement>): boolean {
  const [renderAll, setRenderAll] = useState(false);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const listener = (event: Event) => setRenderAll((event as CustomEvent<boolean>).detail);
    element.addEventListener(RENDER_ALL_EVENT, listener);
    return () => element.removeEventListener(RENDER_ALL_EVENT, listener);
  }, [canvas]);
  return renderAll;
}

const NO_EDGES: AppEdge[] = [];

/**
 * False until the cards have been painted once: the lines join them in the next commit, as a
 * transition (ADR 32). On the 300-person map the 750 lines (and their labels, when zoomed in) were
 * half of the first render; the cards, which are what a rep reads, no longer wait for them.
 * bench/map.ts reports both moments: every card, and every line.
 */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer = 0;
    // A frame callback runs before that frame's paint; a task queued from it runs after the paint.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setPainted(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  return painted;
}

type Size = { width: number; height: number };

/**
 * React Flow's size, measured before it mounts: a ref callback runs in the commit, and the update
 * it makes is rendered before the paint. React Flow's store then starts with the cards and their
 * fitted view, so its first render draws every card where it stays. Without it, the cards reached
 * the store in an effect after a paint of the empty map, and were fitted after a second measuring
 * (ADR 36).
 */
function useMeasuredSize(): [Size | null, (element: HTMLDivElement | null) => void] {
  const [size, setSize] = useState<Size | null>(null);
  const measure = useCallback((element: HTMLDivElement | null) => {
    if (element) setSize((current) => current ?? { width: element.clientWidth, height: element.clientHeight });
  }, []);
  return [size, measure];
}

/** The view FIT_VIEW gives these cards on a canvas of this size: React Flow's own fit, computed before it mounts. */
function fittedViewport(nodes: readonly AppNode[], { width, height }: Size): Viewport {
  if (nodes.length === 0) return { x: 0, y: 0, zoom: 1 };
  return getViewportForBounds(getNodesBounds([...nodes]), width, height, FIT_VIEW.minZoom, FIT_VIEW.maxZoom, FIT_VIEW.padding);
}

interface MapNotice {
  text: string;
  /** A failed removal, shown as an error; otherwise a plain status line. */
  isError: boolean;
}

interface MapCanvasProps {
  /** The focusable element around the map: focus returns here, and the PNG export draws it. */
  canvas: RefObject<HTMLDivElement>;
  nodes: AppNode[];
  edges: AppEdge[];
  onNodesChange: OnNodesChange<AppNode>;
  onEdgesChange: OnEdgesChange<AppEdge>;
  onBeforeDelete: OnBeforeDelete<AppNode, AppEdge>;
  /** `byKeyboard`: opened with Enter, so the panel takes focus as it opens. */
  onOpenPerson: (id: number, byKeyboard?: boolean) => void;
  onPaneClick: () => void;
  /** A handle dragged onto another person's: the relationship dialog asks what it is. */
  onConnect: (connection: Connection) => void;
  /** React Flow's handle on this map, once it is made (the add-person spot needs its viewport). */
  onInit: (flow: ReactFlowInstance<AppNode, AppEdge>) => void;
  notice: MapNotice | null;
  onDismissNotice: () => void;
  /** The toolbar, drawn over the map. */
  children: ReactNode;
}

/** The influence map itself: cards, lines, zoom controls, overview, legend, and the notice strip under them. */
export function MapCanvas(props: MapCanvasProps) {
  const { canvas, nodes, onOpenPerson, notice, onDismissNotice } = props;
  const { t } = useTranslation();
  const [size, measure] = useMeasuredSize();
  // Enter on a focused card opens it; the panel takes focus as it renders, so the keyboard carries on there.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.repeat) return;
    const card = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
    if (!card?.dataset.id) return;
    onOpenPerson(Number(card.dataset.id), true);
  };
  return (
    <div className="map-canvas card" ref={canvas} data-testid="influence-map" onKeyDown={onKeyDown} tabIndex={-1}>
      <div className="map-flow" ref={measure}>
        {size && (
          // The store starts with the cards, its size and their fitted view: React Flow's first render draws them (useMeasuredSize).
          <ReactFlowProvider
            initialNodes={nodes}
            initialWidth={size.width}
            initialHeight={size.height}
            fitView
            initialFitViewOptions={FIT_VIEW}
            initialMinZoom={FIT_VIEW.minZoom}
            initialMaxZoom={FIT_VIEW.maxZoom}
          >
            <Flow {...props} size={size} />
          </ReactFlowProvider>
        )}
      </div>
      {notice && (
        <p className={`map-notice${notice.isError ? ' form-error' : ''}`} role="status">
          {notice.text}
          <button type="button" className="btn btn-ghost btn-icon" onClick={onDismissNotice} aria-label={t('action.close')}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}

/** React Flow and what is drawn over it, inside the map's store. */
function Flow({ canvas, nodes, edges, onNodesChange, onEdgesChange, onBeforeDelete, onOpenPerson, onPaneClick, onConnect, onInit, size, children }: MapCanvasProps & { size: Size }) {
  const { t } = useTranslation();
  const room = useDealRoomData();
  const ariaLabelConfig = useMapAriaLabels();
  const far = useStore(zoomIsFar);
  const [overview, setOverview] = useState(room.stakeholders.length >= BIG_MAP);
  const renderAll = useRenderAll(canvas);
  const cardText = useCardTextValue();
  const linesShown = useAfterFirstPaint();
  const shown = useCulledMap(nodes, edges, room.stakeholders.length >= CULL_FROM && !renderAll);
  // The same view the store started with (React Flow's pan and zoom begin from this one, read once).
  const [initialView] = useState(() => fittedViewport(nodes, size));

  // Far zoom hides the cards' small print: a class on the canvas element, which is drawn above the store, set before the paint.
  useLayoutEffect(() => {
    canvas.current?.classList.toggle('zoom-far', far);
  }, [canvas, far]);
  // A class toggled on the DOM, not React state: a pan must not re-render the map.
  const zoomAtStart = useRef(initialView.zoom);
  const startMoving = (_event: unknown, { zoom }: Viewport) => {
    zoomAtStart.current = zoom;
    canvas.current?.classList.add('moving');
  };
  const stopMoving = (_event: unknown, { zoom }: Viewport) => {
    const element = canvas.current;
    element?.classList.remove('moving');
    // The drawing is a composited layer, rastered at the zoom it was made at: after a zoom it is
    // made again for one frame, so cards and words are drawn sharp at the new size.
    if (element && zoom !== zoomAtStart.current) {
      element.classList.add('resharpen');
      requestAnimationFrame(() => requestAnimationFrame(() => element.classList.remove('resharpen')));
    }
  };

  const onSelectionChange: OnSelectionChangeFunc<AppNode, AppEdge> = useCallback(
    ({ nodes: picked }) => {
      if (picked.length === 1) onOpenPerson(picked[0]!.data.person.id);
    },
    [onOpenPerson],
  );

  const overviewLabel = overview ? t('map.hideOverview') : t('map.showOverview');
  return (
    <CardTextContext.Provider value={cardText}>
      <FarZoomContext.Provider value={far}>
        <ReactFlow<AppNode, AppEdge>
          nodes={shown.nodes}
          edges={linesShown ? shown.edges : NO_EDGES}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeClick={(_event, node) => onOpenPerson(node.data.person.id)}
          onSelectionChange={onSelectionChange}
          onPaneClick={onPaneClick}
          onMoveStart={startMoving}
          onMoveEnd={stopMoving}
          onConnect={(connection) => connection.source !== connection.target && onConnect(connection)}
          onBeforeDelete={onBeforeDelete}
          onInit={onInit}
          connectionMode={ConnectionMode.Loose}
          connectionRadius={36}
          deleteKeyCode={DELETE_KEYS}
          defaultViewport={initialView}
          fitView
          fitViewOptions={FIT_VIEW}
          minZoom={0.05}
          maxZoom={2}
          ariaLabelConfig={ariaLabelConfig}
          proOptions={{ hideAttribution: true }}
        >
          <MapDots />
          <Controls showInteractive={false} fitViewOptions={{ ...FIT_VIEW, duration: 300 }}>
            <ControlButton className="overview-toggle" onClick={() => setOverview((open) => !open)} title={overviewLabel} aria-label={overviewLabel} aria-pressed={overview}>
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <rect x="1.5" y="3" width="13" height="10" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
                <rect x="8" y="8" width="5" height="3.5" fill="currentColor" />
              </svg>
            </ControlButton>
          </Controls>
          {overview && <OverviewMap nodes={nodes} />}
          {children}
          <MapLegend />
          {room.stakeholders.length === 0 && (
            <Panel position="top-center" className="map-empty">
              <strong>{t('map.emptyTitle')}</strong>
              <p>{t('map.emptyBody')}</p>
            </Panel>
          )}
        </ReactFlow>
      </FarZoomContext.Provider>
    </CardTextContext.Provider>
  );
}
