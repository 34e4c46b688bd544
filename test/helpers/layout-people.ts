/** People and lines for the auto-layout's unit tests: person n's contact is n × 10, so a boss is named by person id. */
import type { LayoutLine, LayoutPerson } from '../../client/src/features/map/layout';

export const person = (id: number, level: LayoutPerson['level'], reportsTo: number | null = null): LayoutPerson => ({
  id,
  contactId: id * 10,
  level,
  reportsToContactId: reportsTo === null ? null : reportsTo * 10,
});

export const line = (id: number, from: number, to: number): LayoutLine => ({ id, fromStakeholderId: from, toStakeholderId: to, kind: 'influences' });
