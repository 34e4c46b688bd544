import { MarkerType } from '@xyflow/react';
import type { RelationshipKind } from '../../../../../shared/domain';
import type { AppEdge, RelationshipEdgeType, RelationshipRow, ReportingEdgeType, StakeholderRow } from '../types';

export const KIND_COLOR: Record<RelationshipKind, string> = {
  influences: '#2c5282',
  allied: '#2f855a',
  rivals: '#c53030',
};

/** Reporting lines come from the contacts' org chart; relationship edges from the deal. Pure, so memoisable. */
export function buildEdges(people: readonly StakeholderRow[], relationships: readonly RelationshipRow[], labels: Record<RelationshipKind, string>): AppEdge[] {
  const byContact = new Map(people.map((person) => [person.contactId, person]));
  const onMap = new Set(people.map((person) => person.id));
  const reporting: ReportingEdgeType[] = [];
  for (const person of people) {
    const boss = person.reportsToContactId === null ? undefined : byContact.get(person.reportsToContactId);
    if (!boss || boss.id === person.id) continue;
    reporting.push({
      id: `reports-${person.id}`,
      source: String(boss.id),
      target: String(person.id),
      type: 'reports',
      selectable: false,
      deletable: false,
      focusable: false,
      data: { relationshipId: null },
    });
  }
  const relationshipEdges: RelationshipEdgeType[] = relationships
    .filter((rel) => onMap.has(rel.fromStakeholderId) && onMap.has(rel.toStakeholderId))
    .map((rel) => ({
      id: `rel-${rel.id}`,
      source: String(rel.fromStakeholderId),
      target: String(rel.toStakeholderId),
      type: 'relationship',
      markerEnd: rel.kind === 'influences' ? { type: MarkerType.ArrowClosed, color: KIND_COLOR[rel.kind], width: 20, height: 20, markerUnits: 'userSpaceOnUse' } : undefined,
      data: { relationshipId: rel.id, kind: rel.kind, strength: rel.strength, label: labels[rel.kind] },
      ariaLabel: labels[rel.kind],
    }));
  return [...reporting, ...relationshipEdges];
}
