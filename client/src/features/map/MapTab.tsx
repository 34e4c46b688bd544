import '@xyflow/react/dist/style.css';
import {
  Background,
  ConnectionMode,
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type AriaLabelConfig,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type FitViewOptions,
  type NodeTypes,
  type OnBeforeDelete,
  type OnSelectionChangeFunc,
} from '@xyflow/react';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIP_KINDS, type RelationshipKind } from '../../../../shared/domain';
import { useConfirm } from '../../components/ConfirmDialog';
import { normaliseLocale } from '../../i18n';
import { useErrorText } from '../../lib/fieldErrors';
import { useTRPC } from '../../lib/trpc';
import { useNow } from '../../lib/useNow';
import { useDealRoomData } from '../deal-room/useDealRoom';
import { useInvalidateDeal } from '../info-points/useDealMutation';
import { CoveragePanel } from './CoveragePanel';
import { buildEdges } from './edges/buildEdges';
import { RelationshipEdge } from './edges/RelationshipEdge';
import { ReportingEdge } from './edges/ReportingEdge';
import { DEFAULT_LAYOUT, layoutByReportingLines } from './layout';
import { MapLegend } from './MapLegend';
import { StakeholderNode } from './nodes/StakeholderNode';
import { RelationshipDialog } from './RelationshipDialog';
import { StakeholderPanel } from './StakeholderPanel';
import { STANCE_COLOR } from './stance';
import { useMapNodes } from './useMapNodes';
import type { AppEdge, AppNode, StakeholderRow } from './types';

// Declared once at module level so React Flow never sees a new object and re-mounts nodes or edges.
const nodeTypes = { stakeholder: StakeholderNode } satisfies NodeTypes;
const edgeTypes = { reports: ReportingEdge, relationship: RelationshipEdge } satisfies EdgeTypes;
/** Room for the toolbar above and the legend below; never blown up past 120% on a big screen. */
const FIT_VIEW: FitViewOptions = { padding: { top: '64px', bottom: '60px', left: '28px', right: '28px' }, maxZoom: 1.2, minZoom: 0.05 };
const DELETE_KEYS = ['Delete', 'Backspace'];
/** Below this zoom a card's small print is unreadable anyway; it is hidden so big maps stay light. */
const FAR_ZOOM = 0.45;
/** From this many people on, the overview map starts open. */
const BIG_MAP = 60;
/**
 * Only beyond this are off-screen cards left out of the DOM: measured (bench/map.ts), 300 cards pan as
 * smoothly with all of them rendered, and the PNG export needs them all.
 */
const VIRTUALIZE_FROM = 1000;
const zoomIsFar = (state: { transform: [number, number, number] }) => state.transform[2] < FAR_ZOOM;

export default function MapTab() {
  return (
    <ReactFlowProvider>
      <InfluenceMap />
    </ReactFlowProvider>
  );
}

type PanelState = { mode: 'edit'; id: number } | { mode: 'add' } | null;

function InfluenceMap() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const room = useDealRoomData();
  const now = useNow();
  const flow = useReactFlow<AppNode, AppEdge>();
  const invalidate = useInvalidateDeal(room.deal.id);
  const errorText = useErrorText();
  const wrapper = useRef<HTMLDivElement>(null);
  const far = useStore(zoomIsFar);
  const [panel, setPanel] = useState<PanelState>(null);
  const [pendingConnection, setPendingConnection] = useState<Connection | null>(null);
  const [busy, setBusy] = useState<'layout' | 'export' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [overview, setOverview] = useState(room.stakeholders.length >= BIG_MAP);

  const onConflict = useCallback((person: StakeholderRow) => setNotice(t('map.moveConflict', { name: person.name })), [t]);
  const { nodes, onNodesChange, placeAll, select } = useMapNodes(room.deal.id, room.stakeholders, now, onConflict);

  const kindLabels = useMemo(() => Object.fromEntries(RELATIONSHIP_KINDS.map((kind) => [kind, t(`relationship.${kind}`)])) as Record<RelationshipKind, string>, [t]);
  const baseEdges = useMemo(() => buildEdges(room.stakeholders, room.relationships, kindLabels), [room.stakeholders, room.relationships, kindLabels]);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const edges = useMemo(() => (selectedEdges.size === 0 ? baseEdges : baseEdges.map((edge) => (selectedEdges.has(edge.id) ? { ...edge, selected: true } : edge))), [baseEdges, selectedEdges]);
  const onEdgesChange = useCallback((changes: EdgeChange<AppEdge>[]) => {
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const change of changes) {
        if (change.type !== 'select') continue;
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }, []);

  const [confirm, confirmDialog] = useConfirm();
  const listFormat = useMemo(() => new Intl.ListFormat(normaliseLocale(i18n.language), { style: 'long', type: 'conjunction' }), [i18n.language]);
  const removeStakeholder = useMutation(trpc.stakeholder.remove.mutationOptions());
  const removeRelationship = useMutation(trpc.relationship.remove.mutationOptions());
  const mutationError = removeStakeholder.error ?? removeRelationship.error;

  // A class toggled on the DOM, not React state: a pan must not re-render the map.
  const startMoving = useCallback(() => wrapper.current?.classList.add('moving'), []);
  const stopMoving = useCallback(() => wrapper.current?.classList.remove('moving'), []);

  const openPerson = useCallback((id: number) => setPanel({ mode: 'edit', id }), []);
  const onSelectionChange: OnSelectionChangeFunc<AppNode, AppEdge> = useCallback(({ nodes: picked }) => {
    if (picked.length === 1) setPanel({ mode: 'edit', id: picked[0]!.data.person.id });
  }, []);
  // Enter on a focused card opens it, and moves focus into the panel so the keyboard can carry on there.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    const card = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
    if (!card?.dataset.id) return;
    openPerson(Number(card.dataset.id));
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="person-panel"] select, [data-testid="person-panel"] input')?.focus());
  };

  /** What the confirmation names: "Qian Lei → Wang Jianguo (influences)". */
  const describeRelationship = useCallback(
    (id: number) => {
      const rel = room.relationships.find((r) => r.id === id);
      if (!rel) return '';
      const name = (personId: number) => room.stakeholders.find((p) => p.id === personId)?.name ?? '?';
      return t('map.relationshipPair', { from: name(rel.fromStakeholderId), to: name(rel.toStakeholderId), kind: kindLabels[rel.kind] });
    },
    [room.relationships, room.stakeholders, kindLabels, t],
  );

  /**
   * Keyboard focus stays on the map: the closed dialog hands it back to the card or edge
   * that had it; when that one is being removed (or focus was in the panel), the map takes it.
   */
  const refocusMap = useCallback((doomedIds: readonly string[]) => {
    const canvas = wrapper.current;
    const active = document.activeElement;
    const onDoomed = active instanceof Element && doomedIds.some((id) => active.closest(`[data-id="${CSS.escape(id)}"]`));
    if (canvas && (onDoomed || !canvas.contains(active))) canvas.focus({ preventScroll: true });
  }, []);

  /** Asks first, in the app's own dialog; true when the people were removed. */
  const removePeople = useCallback(
    async (people: readonly StakeholderRow[]) => {
      const confirmed = await confirm({
        title: t('map.removePerson'),
        message: t('map.confirmRemovePeople', { names: listFormat.format(people.map((p) => p.name)) }),
        confirmLabel: t('map.removePerson'),
      });
      if (!confirmed) return false;
      for (const person of people) await removeStakeholder.mutateAsync({ id: person.id }).catch(() => undefined);
      refocusMap(people.map((p) => String(p.id)));
      setPanel((current) => (current?.mode === 'edit' && people.some((p) => p.id === current.id) ? null : current));
      await invalidate();
      return true;
    },
    [confirm, t, listFormat, removeStakeholder, invalidate, refocusMap],
  );

  const onBeforeDelete: OnBeforeDelete<AppNode, AppEdge> = useCallback(
    async ({ nodes: doomedNodes, edges: doomedEdges }) => {
      const relationshipIds = doomedEdges.map((edge) => edge.data?.relationshipId).filter((id): id is number => typeof id === 'number');
      const people = doomedNodes.map((node) => node.data.person);
      // Removing a person removes their relationships too, so only a pure edge deletion removes edges.
      if (people.length > 0) {
        if (await removePeople(people)) setSelectedEdges(new Set());
        return false;
      }
      if (relationshipIds.length === 0) return false;
      const confirmed = await confirm({
        title: t('map.removeRelationship', { count: relationshipIds.length }),
        message: t('map.confirmRemoveRelationship', { count: relationshipIds.length, pairs: listFormat.format(relationshipIds.map(describeRelationship)) }),
        confirmLabel: t('map.removeRelationship', { count: relationshipIds.length }),
      });
      if (!confirmed) return false;
      for (const id of relationshipIds) await removeRelationship.mutateAsync({ id }).catch(() => undefined);
      refocusMap(relationshipIds.map((id) => `rel-${id}`));
      setSelectedEdges(new Set());
      await invalidate();
      // The refetch redraws the map from the server; React Flow must not delete on its own.
      return false;
    },
    [t, confirm, listFormat, removePeople, describeRelationship, removeRelationship, invalidate, refocusMap],
  );

  const autoLayout = async () => {
    setBusy('layout');
    setNotice(null);
    try {
      const failed = await placeAll(layoutByReportingLines(room.stakeholders));
      if (failed > 0) setNotice(t('map.layoutPartly', { count: failed }));
      window.requestAnimationFrame(() => void flow.fitView({ ...FIT_VIEW, duration: 300 }));
    } finally {
      setBusy(null);
    }
  };

  const exportPng = async () => {
    if (!wrapper.current) return;
    setBusy('export');
    setNotice(null);
    try {
      // html-to-image is only needed here: loaded on the first export, not with the map.
      const { exportMapPng, mapFileName } = await import('./exportPng');
      await exportMapPng(wrapper.current, flow.getNodes(), mapFileName(room.deal.name));
    } catch {
      setNotice(t('map.exportFailed'));
    } finally {
      setBusy(null);
    }
  };

  /** A person added to a map already arranged by hand lands in the middle of what the user is looking at. */
  const newPersonPosition = () => {
    if (!wrapper.current || !room.stakeholders.some((p) => p.positionX !== null)) return undefined;
    const box = wrapper.current.getBoundingClientRect();
    const centre = flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    return { x: Math.round(centre.x - DEFAULT_LAYOUT.nodeWidth / 2), y: Math.round(centre.y - DEFAULT_LAYOUT.nodeHeight / 2) };
  };

  const ariaLabelConfig = useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'node.a11yDescription.default': t('map.a11y.node'),
      'node.a11yDescription.keyboardDisabled': t('map.a11y.node'),
      'node.a11yDescription.ariaLiveMessage': ({ direction }) => t('map.a11y.moved', { direction: t(`map.a11y.direction.${direction}`) }),
      'edge.a11yDescription.default': t('map.a11y.edge'),
      'controls.ariaLabel': t('map.a11y.controls'),
      'controls.zoomIn.ariaLabel': t('map.a11y.zoomIn'),
      'controls.zoomOut.ariaLabel': t('map.a11y.zoomOut'),
      'controls.fitView.ariaLabel': t('map.a11y.fitView'),
      'minimap.ariaLabel': t('map.a11y.overview'),
      'handle.ariaLabel': t('map.a11y.handle'),
    }),
    [t],
  );

  const selected = panel?.mode === 'edit' ? room.stakeholders.find((person) => person.id === panel.id) : undefined;
  const closePanel = () => {
    setPanel(null);
    select(null);
  };

  return (
    <div className="map-layout">
      <div className={`map-canvas card${far ? ' zoom-far' : ''}`} ref={wrapper} data-testid="influence-map" onKeyDown={onKeyDown} tabIndex={-1}>
        <ReactFlow<AppNode, AppEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeClick={(_event, node) => openPerson(node.data.person.id)}
          onSelectionChange={onSelectionChange}
          onPaneClick={() => setPanel((current) => (current?.mode === 'edit' ? null : current))}
          onMoveStart={startMoving}
          onMoveEnd={stopMoving}
          onConnect={(connection) => connection.source !== connection.target && setPendingConnection(connection)}
          onBeforeDelete={onBeforeDelete}
          connectionMode={ConnectionMode.Loose}
          connectionRadius={36}
          deleteKeyCode={DELETE_KEYS}
          fitView
          fitViewOptions={FIT_VIEW}
          minZoom={0.05}
          maxZoom={2}
          onlyRenderVisibleElements={room.stakeholders.length >= VIRTUALIZE_FROM}
          ariaLabelConfig={ariaLabelConfig}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} color="#e2e8f0" />
          <Controls showInteractive={false} fitViewOptions={{ ...FIT_VIEW, duration: 300 }}>
            <ControlButton onClick={() => setOverview((open) => !open)} title={overview ? t('map.hideOverview') : t('map.showOverview')} aria-label={overview ? t('map.hideOverview') : t('map.showOverview')} aria-pressed={overview}>
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <rect x="1.5" y="3" width="13" height="10" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
                <rect x="8" y="8" width="5" height="3.5" fill="currentColor" />
              </svg>
            </ControlButton>
          </Controls>
          {overview && <MiniMap pannable zoomable nodeColor={(node) => STANCE_COLOR[(node as AppNode).data.person.stance]} nodeStrokeWidth={3} />}
          <Panel position="top-left" className="map-toolbar">
            <button type="button" className="btn btn-primary btn-small" onClick={() => setPanel({ mode: 'add' })}>
              {t('map.addPerson')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => void autoLayout()} disabled={busy !== null || room.stakeholders.length === 0} title={t('map.autoLayoutHint')}>
              {busy === 'layout' ? t('map.arranging') : t('map.autoLayout')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => void exportPng()} disabled={busy !== null || room.stakeholders.length === 0}>
              {busy === 'export' ? t('map.exporting') : t('map.exportPng')}
            </button>
          </Panel>
          <MapLegend />
          {room.stakeholders.length === 0 && (
            <Panel position="top-center" className="map-empty">
              <strong>{t('map.emptyTitle')}</strong>
              <p>{t('map.emptyBody')}</p>
            </Panel>
          )}
        </ReactFlow>
        {(notice ?? mutationError) && (
          <p className={`map-notice${notice ? '' : ' form-error'}`} role="status">
            {notice ?? errorText(mutationError)}
            <button type="button" className="btn btn-ghost btn-icon" onClick={() => { setNotice(null); removeStakeholder.reset(); removeRelationship.reset(); }} aria-label={t('action.close')}>
              ×
            </button>
          </p>
        )}
      </div>
      <aside className="map-side">
        {panel?.mode === 'add' && <StakeholderPanel key="add" mode="add" newPosition={newPersonPosition} onClose={() => setPanel(null)} onSaved={(id) => { openPerson(id); select(id); }} />}
        {selected && <StakeholderPanel key={selected.id} mode="edit" person={selected} onClose={closePanel} onSaved={() => undefined} onRemove={() => void removePeople([selected])} />}
        <CoveragePanel stakeholders={room.stakeholders} onSelect={(id) => { openPerson(id); select(id); }} />
      </aside>
      <RelationshipDialog connection={pendingConnection} onClose={() => setPendingConnection(null)} />
      {confirmDialog}
    </div>
  );
}
