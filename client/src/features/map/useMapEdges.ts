import type { EdgeChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIP_KINDS, type RelationshipKind } from '../../../../shared/domain';
import { buildEdges } from './edges/buildEdges';
import type { AppEdge, RelationshipRow, StakeholderRow } from './types';

/**
 * The lines of the map: reporting lines and the deal's relationships, rebuilt from the
 * server's rows, with React Flow's edge selection kept here so it survives a refetch.
 */
export function useMapEdges(stakeholders: readonly StakeholderRow[], relationships: readonly RelationshipRow[]) {
  const { t } = useTranslation();
  const kindLabels = useMemo(() => Object.fromEntries(RELATIONSHIP_KINDS.map((kind) => [kind, t(`relationship.${kind}`)])) as Record<RelationshipKind, string>, [t]);
  const baseEdges = useMemo(() => buildEdges(stakeholders, relationships, kindLabels), [stakeholders, relationships, kindLabels]);
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
  const clearEdgeSelection = useCallback(() => setSelectedEdges(new Set()), []);
  return { edges, onEdgesChange, clearEdgeSelection, kindLabels };
}
