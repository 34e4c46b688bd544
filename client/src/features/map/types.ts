import type { Edge, Node } from '@xyflow/react';
import type { RelationshipKind } from '../../../../shared/domain';
import type { DealRoomData } from '../deal-room/useDealRoom';
import type { CardFacts } from './nodes/cardFacts';

export type StakeholderRow = DealRoomData['stakeholders'][number];
export type RelationshipRow = DealRoomData['relationships'][number];

export type StakeholderNodeData = CardFacts & { person: StakeholderRow };
export type StakeholderNodeType = Node<StakeholderNodeData, 'stakeholder'>;
export type AppNode = StakeholderNodeType;

/** A reporting line from the contacts' org chart: drawn, never edited on the map. */
export type ReportingEdgeType = Edge<{ relationshipId: null }, 'reports'>;
/** A relationship of the deal (influences / allied / rivals): selectable and deletable. */
export type RelationshipEdgeType = Edge<{ relationshipId: number; kind: RelationshipKind; strength: number; label: string }, 'relationship'>;
export type AppEdge = ReportingEdgeType | RelationshipEdgeType;
