import { asc, eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import type { Db, Tx } from '../db/client';
import { first } from '../db/rows';
import { notFound } from '../errors';
import { activities, activityStakeholders, contacts, relationships, stakeholders } from '../db/tables';

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

export type StakeholderDto = Awaited<ReturnType<ReturnType<typeof stakeholdersOfDeal>['execute']>>[number];

export async function listStakeholders(db: Db | Tx, dealId: number): Promise<StakeholderDto[]> {
  return stakeholdersOfDeal(db).execute({ dealId });
}

/** One stakeholder, in the same shape as the deal room's list. */
export async function getStakeholderDto(db: Db | Tx, id: number): Promise<StakeholderDto> {
  const row = first(
    await db.select(stakeholderColumns).from(stakeholders).innerJoin(contacts, eq(contacts.id, stakeholders.contactId)).where(eq(stakeholders.id, id)).limit(1),
  );
  if (!row) throw notFound('Stakeholder');
  return row;
}

const relationshipsOfDeal = prepared((db) =>
  db.select().from(relationships).where(eq(relationships.dealId, sql.placeholder('dealId'))).orderBy(asc(relationships.id)).prepare(),
);

export type RelationshipDto = Awaited<ReturnType<ReturnType<typeof relationshipsOfDeal>['execute']>>[number];

export async function listRelationships(db: Db | Tx, dealId: number): Promise<RelationshipDto[]> {
  return relationshipsOfDeal(db).execute({ dealId });
}
