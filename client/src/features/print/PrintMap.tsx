import '@xyflow/react/dist/style.css';
import { ReactFlow, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIP_KINDS, type RelationshipKind } from '../../../../shared/domain';
import type { DealRoomData } from '../deal-room/useDealRoom';
import { buildEdges } from '../map/edges/buildEdges';
import { RelationshipEdge } from '../map/edges/RelationshipEdge';
import { ReportingEdge } from '../map/edges/ReportingEdge';
import { Loading } from '../../components/States';
import { DEFAULT_LAYOUT, useAutoLayout } from '../map/layout';
import { cardFacts } from '../map/nodes/cardFacts';
import { CardTextContext, useCardTextValue } from '../map/nodes/cardText';
import { StakeholderNode } from '../map/nodes/StakeholderNode';
import type { AppEdge, AppNode } from '../map/types';

const nodeTypes = { stakeholder: StakeholderNode } satisfies NodeTypes;
const edgeTypes = { reports: ReportingEdge, relationship: RelationshipEdge } satisfies EdgeTypes;

/**
 * The deal room's map, drawn by the same cards and lines but frozen: no dragging,
 * selecting, panning or zooming, so paper shows exactly the layout the team arranged.
 */
export function PrintMap({ room, now }: { room: DealRoomData; now: number }) {
  const { t } = useTranslation();
  const cardText = useCardTextValue();
  // Paper of a map nobody has arranged waits for the layout chunk, as the map tab does; an arranged one never loads it.
  const unplaced = room.stakeholders.some((p) => p.positionX === null || p.positionY === null);
  const layoutMap = useAutoLayout(unplaced)?.layoutMap ?? null;
  const nodes = useMemo<AppNode[]>(() => {
    const auto = layoutMap ? layoutMap(room.stakeholders, room.relationships) : null;
    return room.stakeholders.map((person) => ({
      id: String(person.id),
      type: 'stakeholder',
      position: person.positionX !== null && person.positionY !== null ? { x: person.positionX, y: person.positionY } : (auto?.get(person.id) ?? { x: 0, y: 0 }),
      data: { person, ...cardFacts(person, new Date(now), room.settings.coachSilentDays) },
      width: DEFAULT_LAYOUT.nodeWidth,
      height: DEFAULT_LAYOUT.nodeHeight,
    }));
  }, [room.stakeholders, room.relationships, room.settings.coachSilentDays, now, layoutMap]);
  const labels = useMemo(() => Object.fromEntries(RELATIONSHIP_KINDS.map((kind) => [kind, t(`relationship.${kind}`)])) as Record<RelationshipKind, string>, [t]);
  const edges = useMemo<AppEdge[]>(() => buildEdges(room.stakeholders, room.relationships, labels), [room.stakeholders, room.relationships, labels]);
  if (unplaced && !layoutMap) return <Loading />;
  if (nodes.length === 0) return <p className="muted">{t('print.noPeople')}</p>;
  return (
    <div className="print-map" data-testid="print-map">
      <CardTextContext.Provider value={cardText}>
      <ReactFlow<AppNode, AppEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: 0.04, maxZoom: 1 }}
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        panOnDrag={false}
        zoomOnScroll={false}
        zoomOnPinch={false}
        zoomOnDoubleClick={false}
        preventScrolling={false}
        proOptions={{ hideAttribution: true }}
      />
      </CardTextContext.Provider>
    </div>
  );
}
