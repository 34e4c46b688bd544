import { MarkerType } from '@xyflow/react';
import type { RelationshipKind } from '../../../../../shared/domain';
import type { AppEdge, RelationshipRow, StakeholderRow } from '../types';

const KIND_STYLE: Record<RelationshipKind, { stroke: string; dash?: string; arrow: boolean }> = {
  influences: { stroke: '#2c5282', arrow: true },
  allied: { stroke: '#2f855a', arrow: false },
  rivals: { stroke: '#c53030', dash: '6 4', arrow: false },
};

/** Reporting lines come from the contacts' org chart; relationship edges from the deal. Pure, so memoisable. */
export function buildEdges(people: readonly StakeholderRow[], relationships: readonly RelationshipRow[], labels: Record<RelationshipKind, string>): AppEdge[] {
  const byContact = new Map(people.map((person) => [person.contactId, person]));
  const reporting: AppEdge[] = [];
  for (const person of people) {
    const boss = person.reportsToContactId === null ? undefined : byContact.get(person.reportsToContactId);
    if (!boss) continue;
    reporting.push({
      id: `reports-${person.id}`,
      source: String(boss.id),
      target: String(person.id),
      type: 'smoothstep',
      selectable: false,
      deletable: false,
      focusable: false,
      style: { stroke: '#a0aec0', strokeWidth: 1.5 },
      data: { relationshipId: null },
    });
  }
  const relationshipEdges: AppEdge[] = relationships.map((rel) => {
    const style = KIND_STYLE[rel.kind];
    const color = style.stroke;
    return {
      id: `rel-${rel.id}`,
      source: String(rel.fromStakeholderId),
      target: String(rel.toStakeholderId),
      type: 'default',
      label: labels[rel.kind],
      labelStyle: { fill: color, fontWeight: 600, fontSize: 11 },
      labelBgStyle: { fill: '#fff', fillOpacity: 0.9 },
      style: { stroke: color, strokeWidth: 0.5 + rel.strength * 1.2, strokeDasharray: style.dash },
      markerEnd: style.arrow ? { type: MarkerType.ArrowClosed, color, width: 16, height: 16 } : undefined,
      data: { relationshipId: rel.id },
      ariaLabel: labels[rel.kind],
    };
  });
  return [...reporting, ...relationshipEdges];
}
