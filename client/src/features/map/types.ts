import type { Edge, Node } from '@xyflow/react';
import type { DealRoomData } from '../deal-room/useDealRoom';

export type StakeholderRow = DealRoomData['stakeholders'][number];
export type RelationshipRow = DealRoomData['relationships'][number];

export type StakeholderNodeData = {
  person: StakeholderRow;
  /** Whole days since the last logged contact; null when never contacted. */
  daysSinceContact: number | null;
};
export type StakeholderNodeType = Node<StakeholderNodeData, 'stakeholder'>;
export type AppNode = StakeholderNodeType;

export type MapEdgeData = { relationshipId: number | null };
export type AppEdge = Edge<MapEdgeData>;
