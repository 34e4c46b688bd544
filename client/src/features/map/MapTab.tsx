import type { Connection, ReactFlowInstance } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { Loading } from '../../components/States';
import { useErrorText } from '../../lib/fieldErrors';
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery';
import { useNow } from '../../lib/useNow';
import { useDealRoomData } from '../deal-room/useDealRoom';
import { CoveragePanel } from './CoveragePanel';
import { DEFAULT_LAYOUT } from './layout';
import { MapCanvas } from './MapCanvas';
import { MapToolbar } from './MapToolbar';
import type { AppEdge, AppNode, StakeholderRow } from './types';
import { useAllyPath } from './useAllyPath';
import { useDeleteFlow } from './useDeleteFlow';
import { useMapEdges } from './useMapEdges';
import { useMapNodes } from './useMapNodes';

// Not needed to draw the cards, so not in the map's chunk: each loads when first shown (the list on a phone
// only, the dialog on the first connection, the card when the ally path is switched on). Their strings are the map's.
const PeopleList = lazy(() => import('./PeopleList').then((module) => ({ default: module.PeopleList })));
const RelationshipDialog = lazy(() => import('./RelationshipDialog').then((module) => ({ default: module.RelationshipDialog })));
// The person panel opens on a click: its code loads once the map is drawn and the page is idle (ADR 37).
const loadPanel = () => import('./StakeholderPanel');
const StakeholderPanel = lazy(() => loadPanel().then((module) => ({ default: module.StakeholderPanel })));
const AllyPathCard = lazy(() => import('./AllyPathCard').then((module) => ({ default: module.AllyPathCard })));

/** `focusKey` is set when the panel was opened from the keyboard: a new key moves focus into it. */
type PanelState = { mode: 'edit'; id: number; focusKey?: number } | { mode: 'add' } | null;

/** The map tab: the canvas with its toolbar, the person panel and coverage beside it, and the dialogs. */
export default function MapTab() {
  const { t } = useTranslation();
  const room = useDealRoomData();
  const now = useNow();
  // React Flow's store lives inside the canvas (MapCanvas starts it with the cards); its handle comes from onInit.
  const flow = useRef<ReactFlowInstance<AppNode, AppEdge> | null>(null);
  const onFlowInit = useCallback((instance: ReactFlowInstance<AppNode, AppEdge>) => {
    flow.current = instance;
  }, []);
  const errorText = useErrorText();
  const canvas = useRef<HTMLDivElement>(null);
  const [panel, setPanel] = useState<PanelState>(null);
  const [pendingConnection, setPendingConnection] = useState<Connection | null>(null);
  // Mounted from the first connection on and kept, so closing it hands focus back like any dialog.
  const [relationshipAsked, setRelationshipAsked] = useState(false);
  const askRelationship = useCallback((connection: Connection) => {
    setRelationshipAsked(true);
    setPendingConnection(connection);
  }, []);
  const [notice, setNotice] = useState<string | null>(null);
  // On a phone the people can also be shown as a list (?people=list); the canvas stays the default everywhere.
  const phone = useMediaQuery(PHONE_QUERY);
  const [params, setParams] = useSearchParams();
  const asList = phone && params.get('people') === 'list';
  const showAs = (view: 'canvas' | 'list') => {
    if (view === 'list') params.set('people', 'list');
    else params.delete('people');
    setParams(params, { replace: true });
  };

  const onConflict = useCallback((person: StakeholderRow) => setNotice(t('map.moveConflict', { name: person.name })), [t]);
  const { nodes, ready, onNodesChange, placeAll, select } = useMapNodes(room.deal.id, room.stakeholders, now, onConflict);
  const { edges, onEdgesChange, clearEdgeSelection, kindLabels } = useMapEdges(room.stakeholders, room.relationships);
  const allyPath = useAllyPath(room, nodes, edges);
  // The canvas waits for the auto-layout only the first time: once drawn, it stays (with its viewport) while
  // someone new without a position waits for their place.
  const [drawn, setDrawn] = useState(ready);
  if (ready && !drawn) setDrawn(true);
  useEffect(() => {
    if (!drawn) return;
    if (typeof window.requestIdleCallback === 'function') {
      const idle = window.requestIdleCallback(() => void loadPanel(), { timeout: 2000 });
      return () => window.cancelIdleCallback(idle);
    }
    const timer = window.setTimeout(() => void loadPanel(), 1000);
    return () => window.clearTimeout(timer);
  }, [drawn]);

  const openPerson = useCallback((id: number, byKeyboard = false) => setPanel((current) => ({ mode: 'edit', id, focusKey: byKeyboard ? Date.now() : current?.mode === 'edit' && current.id === id ? current.focusKey : undefined })), []);
  const closePanelOf = useCallback((ids: readonly number[]) => setPanel((current) => (current?.mode === 'edit' && ids.includes(current.id) ? null : current)), []);
  const deletion = useDeleteFlow({ canvas, kindLabels, onPeopleRemoved: closePanelOf, onDeleted: clearEdgeSelection });

  /** A person added to a map already arranged by hand lands in the middle of what the user is looking at. */
  const newPersonPosition = () => {
    if (!canvas.current || !flow.current || !room.stakeholders.some((p) => p.positionX !== null)) return undefined;
    const box = canvas.current.getBoundingClientRect();
    const centre = flow.current.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    return { x: Math.round(centre.x - DEFAULT_LAYOUT.nodeWidth / 2), y: Math.round(centre.y - DEFAULT_LAYOUT.nodeHeight / 2) };
  };

  const deletionError = errorText(deletion.error);
  const mapNotice = notice ? { text: notice, isError: false } : deletionError ? { text: deletionError, isError: true } : null;

  const selected = panel?.mode === 'edit' ? room.stakeholders.find((person) => person.id === panel.id) : undefined;
  const closePanel = () => {
    setPanel(null);
    select(null);
  };
  const showPerson = (id: number) => {
    openPerson(id);
    select(id);
  };

  return (
    <div className="map-layout">
      {phone && (
        <div className="segmented view-toggle map-view-toggle" role="group" aria-label={t('map.viewLabel')}>
          {(['canvas', 'list'] as const).map((view) => (
            <button key={view} type="button" className={asList === (view === 'list') ? 'on' : undefined} aria-pressed={asList === (view === 'list')} onClick={() => showAs(view)}>
              {t(`map.view_${view}`)}
            </button>
          ))}
        </div>
      )}
      {asList ? (
        <Suspense fallback={<Loading />}>
          <PeopleList people={room.stakeholders} now={now} selectedId={selected?.id ?? null} onOpen={showPerson} onAddPerson={() => setPanel({ mode: 'add' })} />
        </Suspense>
      ) : !drawn ? (
        <Loading />
      ) : (
        <MapCanvas
          canvas={canvas}
          nodes={allyPath.nodes}
          edges={allyPath.edges}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onBeforeDelete={deletion.onBeforeDelete}
          onOpenPerson={openPerson}
          onPaneClick={() => setPanel((current) => (current?.mode === 'edit' ? null : current))}
          onConnect={askRelationship}
          onInit={onFlowInit}
          notice={mapNotice}
          onDismissNotice={() => {
            setNotice(null);
            deletion.resetError();
          }}
        >
          <MapToolbar canvas={canvas} placeAll={placeAll} onAddPerson={() => setPanel({ mode: 'add' })} onNotice={setNotice} allyPath={allyPath} />
        </MapCanvas>
      )}
      <aside className="map-side">
        <Suspense fallback={null}>
          {panel?.mode === 'add' && <StakeholderPanel key="add" mode="add" newPosition={newPersonPosition} onClose={() => setPanel(null)} onSaved={showPerson} />}
          {selected && <StakeholderPanel key={selected.id} mode="edit" person={selected} focusKey={panel?.mode === 'edit' ? panel.focusKey : undefined} onClose={closePanel} onSaved={() => undefined} onRemove={() => void deletion.removePeople([selected])} />}
        </Suspense>
        {allyPath.on && (
          <Suspense fallback={null}>
            <AllyPathCard stakeholders={room.stakeholders} result={allyPath.result} loading={allyPath.loading} failed={allyPath.failed} onClose={allyPath.toggle} />
          </Suspense>
        )}
        <CoveragePanel stakeholders={room.stakeholders} onSelect={showPerson} />
      </aside>
      {relationshipAsked && (
        <Suspense fallback={null}>
          <RelationshipDialog connection={pendingConnection} onClose={() => setPendingConnection(null)} />
        </Suspense>
      )}
      {deletion.confirmDialog}
    </div>
  );
}
