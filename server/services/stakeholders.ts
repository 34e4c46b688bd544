import { asc, eq, inArray, sql } from 'drizzle-orm';
import { CONTACT_KINDS, MEETING_KINDS, type ActivityKind } from '../../shared/domain';
import { prepared } from '../db/prepared';
import type { Db, Tx } from '../db/client';
import { first } from '../db/rows';
import { notFound } from '../errors';
import { activities, activityStakeholders, contacts, infoPoints, relationships, stakeholders } from '../db/tables';
import { later } from '../../shared/scoring/people';

/** The latest activity of these kinds that lists the stakeholder (SPEC §4: a note is never contact, only meetings are *met*). */
const lastActivityAt = (kinds: readonly ActivityKind[]) => sql<string | null>`(
  select max(${activities.occurredAt}) from ${activityStakeholders}
  join ${activities} on ${activities.id} = ${activityStakeholders.activityId}
  where ${activityStakeholders.stakeholderId} = ${stakeholders.id} and ${inArray(activities.kind, [...kinds])}
)`;
const lastContactAt = lastActivityAt(CONTACT_KINDS);
const lastMetAt = lastActivityAt(MEETING_KINDS);
/** The latest edit or verification of an info point sourced from the stakeholder (a null verifiedAt compares false, so updatedAt wins). */
const lastSourcedAt = sql<string | null>`(
  select max(case when ${infoPoints.verifiedAt} > ${infoPoints.updatedAt} then ${infoPoints.verifiedAt} else ${infoPoints.updatedAt} end)
  from ${infoPoints} where ${infoPoints.sourceStakeholderId} = ${stakeholders.id}
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
  leftAt: contacts.leftAt,
  lastContactAt,
  lastMetAt,
  lastSourcedAt,
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

type StakeholderRow = Awaited<ReturnType<ReturnType<typeof stakeholdersOfDeal>['execute']>>[number];
/** A stakeholder row plus their last intelligence (SPEC §10): the later of the last contact and the last point sourced from them. */
export type StakeholderDto = StakeholderRow & { lastIntelAt: string | null };
const withIntel = (row: StakeholderRow): StakeholderDto => ({ ...row, lastIntelAt: later(row.lastContactAt, row.lastSourcedAt) });

export async function listStakeholders(db: Db | Tx, dealId: number): Promise<StakeholderDto[]> {
  return (await stakeholdersOfDeal(db).execute({ dealId })).map(withIntel);
}

/**
 * Every stakeholder write reads the record before and after: prepared once per connection. By
 * primary key, so no LIMIT: drizzle binds one as a parameter, and SQLite then spends several
 * times the read itself on every call of this query with its correlated subqueries (ADR 35).
 */
const stakeholderById = prepared((db) =>
  db
    .select(stakeholderColumns)
    .from(stakeholders)
    .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
    .where(eq(stakeholders.id, sql.placeholder('id')))
    .prepare(),
);

/** One stakeholder, in the same shape as the deal room's list. */
export async function getStakeholderDto(db: Db | Tx, id: number): Promise<StakeholderDto> {
  const row = first(await stakeholderById(db).execute({ id }));
  if (!row) throw notFound('Stakeholder');
  return withIntel(row);
}

const relationshipsOfDeal = prepared((db) =>
  db.select().from(relationships).where(eq(relationships.dealId, sql.placeholder('dealId'))).orderBy(asc(relationships.id)).prepare(),
);

export type RelationshipDto = Awaited<ReturnType<ReturnType<typeof relationshipsOfDeal>['execute']>>[number];

export async function listRelationships(db: Db | Tx, dealId: number): Promise<RelationshipDto[]> {
  return relationshipsOfDeal(db).execute({ dealId });
}
