import '@xyflow/react/dist/style.css';
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type NodeTypes,
  type OnBeforeDelete,
  type OnNodeDrag,
} from '@xyflow/react';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIP_KINDS, type RelationshipKind } from '../../../../shared/domain';
import { useErrorText } from '../../lib/fieldErrors';
import { useTRPC } from '../../lib/trpc';
import { useNow } from '../../lib/useNow';
import { useDealRoomData } from '../deal-room/useDealRoom';
import { useInvalidateDeal } from '../info-points/useDealMutation';
import { CoveragePanel } from './CoveragePanel';
import { buildEdges } from './edges/buildEdges';
import { exportMapPng, mapFileName } from './exportPng';
import { DEFAULT_LAYOUT, layoutByReportingLines } from './layout';
import { StakeholderNode } from './nodes/StakeholderNode';
import { RelationshipDialog } from './RelationshipDialog';
import { StakeholderPanel } from './StakeholderPanel';
import { STANCE_COLOR, STANCE_ORDER } from './stance';
import type { AppEdge, AppNode } from './types';

// Declared once at module level so React Flow never sees a new object and re-mounts nodes.
const nodeTypes = { stakeholder: StakeholderNode } satisfies NodeTypes;
const DAY = 86_400_000;

export default function MapTab() {
  return (
    <ReactFlowProvider>
      <InfluenceMap />
    </ReactFlowProvider>
  );
}

type PanelState = { mode: 'edit'; id: number } | { mode: 'add' } | null;

function InfluenceMap() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const room = useDealRoomData();
  const now = useNow();
  const flow = useReactFlow<AppNode, AppEdge>();
  const invalidate = useInvalidateDeal(room.deal.id);
  const errorText = useErrorText();
  const wrapper = useRef<HTMLDivElement>(null);
  const [panel, setPanel] = useState<PanelState>(null);
  const [pendingConnection, setPendingConnection] = useState<Connection | null>(null);
  const [exporting, setExporting] = useState(false);

  const moveStakeholder = useMutation(trpc.stakeholder.update.mutationOptions({ onSettled: invalidate }));
  const removeStakeholder = useMutation(trpc.stakeholder.remove.mutationOptions({ onSuccess: invalidate }));
  const removeRelationship = useMutation(trpc.relationship.remove.mutationOptions({ onSuccess: invalidate }));
  const mutationError = moveStakeholder.error ?? removeStakeholder.error ?? removeRelationship.error;

  // People without a saved position fall back to the auto-layout, so a new deal is never a heap in one corner.
  const autoPositions = useMemo(() => layoutByReportingLines(room.stakeholders), [room.stakeholders]);
  const nodes = useMemo<AppNode[]>(
    () =>
      room.stakeholders.map((person) => ({
        id: String(person.id),
        type: 'stakeholder',
        position:
          person.positionX !== null && person.positionY !== null
            ? { x: person.positionX, y: person.positionY }
            : (autoPositions.get(person.id) ?? { x: 0, y: 0 }),
        data: {
          person,
          daysSinceContact: person.lastContactAt ? Math.max(0, Math.floor((now - new Date(person.lastContactAt).getTime()) / DAY)) : null,
        },
        selected: panel?.mode === 'edit' && panel.id === person.id,
        width: DEFAULT_LAYOUT.nodeWidth,
        height: DEFAULT_LAYOUT.nodeHeight,
      })),
    [room.stakeholders, autoPositions, now, panel],
  );
  const kindLabels = useMemo(() => Object.fromEntries(RELATIONSHIP_KINDS.map((kind) => [kind, t(`relationship.${kind}`)])) as Record<RelationshipKind, string>, [t]);
  const edges = useMemo(() => buildEdges(room.stakeholders, room.relationships, kindLabels), [room.stakeholders, room.relationships, kindLabels]);

  // Nodes are controlled by the server's data; while dragging we keep React Flow's local copy.
  const [dragged, setDragged] = useState<Record<string, { x: number; y: number }>>({});
  const shownNodes = useMemo(() => nodes.map((node) => (dragged[node.id] ? { ...node, position: dragged[node.id]! } : node)), [nodes, dragged]);

  const onNodeDrag: OnNodeDrag<AppNode> = useCallback((_event, node) => {
    setDragged((current) => ({ ...current, [node.id]: node.position }));
  }, []);
  const onNodeDragStop: OnNodeDrag<AppNode> = useCallback(
    (_event, node) => {
      const person = node.data.person;
      moveStakeholder.mutate(
        { id: person.id, version: person.version, positionX: Math.round(node.position.x), positionY: Math.round(node.position.y) },
        { onSettled: () => setDragged((current) => Object.fromEntries(Object.entries(current).filter(([id]) => id !== node.id))) },
      );
    },
    [moveStakeholder],
  );

  const onBeforeDelete: OnBeforeDelete<AppNode, AppEdge> = useCallback(
    async ({ nodes: doomedNodes, edges: doomedEdges }) => {
      const relationshipIds = doomedEdges.map((edge) => edge.data?.relationshipId).filter((id): id is number => typeof id === 'number');
      const people = doomedNodes.map((node) => node.data.person);
      if (people.length === 0 && relationshipIds.length === 0) return false;
      const question =
        people.length > 0 ? t('map.confirmRemovePeople', { names: people.map((p) => p.name).join(', ') }) : t('map.confirmRemoveRelationship', { count: relationshipIds.length });
      if (!window.confirm(question)) return false;
      for (const person of people) await removeStakeholder.mutateAsync({ id: person.id }).catch(() => undefined);
      if (people.length === 0) for (const id of relationshipIds) await removeRelationship.mutateAsync({ id }).catch(() => undefined);
      if (people.some((p) => panel?.mode === 'edit' && panel.id === p.id)) setPanel(null);
      // The refetch redraws the map from the server; React Flow must not delete on its own.
      return false;
    },
    [t, removeStakeholder, removeRelationship, panel],
  );

  const autoLayout = async () => {
    const positions = layoutByReportingLines(room.stakeholders);
    for (const person of room.stakeholders) {
      const position = positions.get(person.id);
      if (!position) continue;
      await moveStakeholder.mutateAsync({ id: person.id, version: person.version, positionX: position.x, positionY: position.y }).catch(() => undefined);
    }
    await invalidate();
    window.requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 300 }));
  };

  const exportPng = async () => {
    if (!wrapper.current) return;
    setExporting(true);
    try {
      await exportMapPng(wrapper.current, flow.getNodes(), mapFileName(room.deal.name));
    } finally {
      setExporting(false);
    }
  };

  const selected = panel?.mode === 'edit' ? room.stakeholders.find((person) => person.id === panel.id) : undefined;

  return (
    <div className="map-layout">
      <div className="map-canvas card" ref={wrapper} data-testid="influence-map">
        <ReactFlow<AppNode, AppEdge>
          nodes={shownNodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onNodeClick={(_event, node) => setPanel({ mode: 'edit', id: node.data.person.id })}
          onPaneClick={() => setPanel((current) => (current?.mode === 'edit' ? null : current))}
          onConnect={(connection) => connection.source !== connection.target && setPendingConnection(connection)}
          onBeforeDelete={onBeforeDelete}
          connectionMode={ConnectionMode.Loose}
          deleteKeyCode={['Delete', 'Backspace']}
          fitView
          fitViewOptions={{ padding: 0.15 }}
          minZoom={0.1}
          maxZoom={2}
          onlyRenderVisibleElements={room.stakeholders.length > 80}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} color="#e2e8f0" />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable nodeColor={(node) => STANCE_COLOR[(node as AppNode).data.person.stance]} nodeStrokeWidth={3} />
          <Panel position="top-left" className="map-toolbar">
            <button type="button" className="btn btn-primary btn-small" onClick={() => setPanel({ mode: 'add' })}>
              {t('map.addPerson')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => void autoLayout()} disabled={moveStakeholder.isPending || room.stakeholders.length === 0}>
              {t('map.autoLayout')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => void exportPng()} disabled={exporting || room.stakeholders.length === 0}>
              {t('map.exportPng')}
            </button>
          </Panel>
          <Panel position="bottom-left" className="map-legend" aria-label={t('map.legend')}>
            {STANCE_ORDER.map((stance) => (
              <span key={stance}>
                <i style={{ background: STANCE_COLOR[stance] }} />
                {t(`stance.${stance}`)}
              </span>
            ))}
            <span className="legend-sep" />
            <span><i className="line influences" />{t('relationship.influences')}</span>
            <span><i className="line allied" />{t('relationship.allied')}</span>
            <span><i className="line rivals" />{t('relationship.rivals')}</span>
            <span><i className="line reports" />{t('map.reportsTo')}</span>
          </Panel>
          {room.stakeholders.length === 0 && (
            <Panel position="top-center" className="map-empty">
              <strong>{t('map.emptyTitle')}</strong>
              <p>{t('map.emptyBody')}</p>
            </Panel>
          )}
        </ReactFlow>
        {mutationError && <p className="form-error map-error">{errorText(mutationError)}</p>}
      </div>
      <aside className="map-side">
        {panel?.mode === 'add' && <StakeholderPanel key="add" mode="add" onClose={() => setPanel(null)} onSaved={(id) => setPanel({ mode: 'edit', id })} />}
        {selected && <StakeholderPanel key={selected.id} mode="edit" person={selected} onClose={() => setPanel(null)} onSaved={() => undefined} />}
        <CoveragePanel stakeholders={room.stakeholders} onSelect={(id) => setPanel({ mode: 'edit', id })} />
      </aside>
      <RelationshipDialog connection={pendingConnection} onClose={() => setPendingConnection(null)} />
    </div>
  );
}
