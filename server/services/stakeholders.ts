import { asc, eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import type { Db, Tx } from '../db/client';
import { notFound } from '../errors';
import { activities, activityStakeholders, contacts, relationships, stakeholders } from '../db/schema';

const lastContactAt = sql<string | null>`(
  select max(${activities.occurredAt}) from ${activityStakeholders}
  join ${activities} on ${activities.id} = ${activityStakeholders.activityId}
  where ${activityStakeholders.stakeholderId} = ${stakeholders.id}
)`;

const stakeholderColumns = {
  id: stakeholders.id,
  dealId: stakeholders.dealId,
  contactId: stakeholders.contactId,
  name: contacts.name,
  title: contacts.title,
  department: contacts.department,
  level: contacts.level,
  reportsToContactId: contacts.reportsToContactId,
  email: contacts.email,
  phone: contacts.phone,
  decisionRole: stakeholders.decisionRole,
  influence: stakeholders.influence,
  stance: stakeholders.stance,
  isCoach: stakeholders.isCoach,
  explicitNeeds: stakeholders.explicitNeeds,
  implicitNeeds: stakeholders.implicitNeeds,
  positionX: stakeholders.positionX,
  positionY: stakeholders.positionY,
  notes: stakeholders.notes,
  version: stakeholders.version,
  contactVersion: contacts.version,
  lastContactAt,
};

/** A stakeholder as the deal room shows it: their part in the deal plus the contact's facts. */
const stakeholdersOfDeal = prepared((db) =>
  db
    .select(stakeholderColumns)
    .from(stakeholders)
    .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
    .where(eq(stakeholders.dealId, sql.placeholder('dealId')))
    .orderBy(asc(stakeholders.id))
    .prepare(),
);

export function listStakeholders(db: Db | Tx, dealId: number) {
  return stakeholdersOfDeal(db).all({ dealId });
}
export type StakeholderDto = ReturnType<typeof listStakeholders>[number];

/** One stakeholder, in the same shape as the deal room's list. */
export function getStakeholderDto(db: Db | Tx, id: number): StakeholderDto {
  const row = db.select(stakeholderColumns).from(stakeholders).innerJoin(contacts, eq(contacts.id, stakeholders.contactId)).where(eq(stakeholders.id, id)).get();
  if (!row) throw notFound('Stakeholder');
  return row;
}

const relationshipsOfDeal = prepared((db) =>
  db.select().from(relationships).where(eq(relationships.dealId, sql.placeholder('dealId'))).orderBy(asc(relationships.id)).prepare(),
);

export function listRelationships(db: Db | Tx, dealId: number) {
  return relationshipsOfDeal(db).all({ dealId });
}
export type RelationshipDto = ReturnType<typeof listRelationships>[number];
