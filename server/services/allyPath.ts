import { asc, eq, sql } from 'drizzle-orm';
import { computeAllyPaths, type AllyPaths } from '../../shared/scoring';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { contacts, relationships, stakeholders } from '../db/tables';
import { requireDeal } from './access';

/** Only what the path needs: a person's side, role, place in the org chart and whether they are still there. */
const pathPeopleOfDeal = prepared((db) =>
  db
    .select({
      id: stakeholders.id,
      stance: stakeholders.stance,
      isCoach: stakeholders.isCoach,
      decisionRole: stakeholders.decisionRole,
      contactId: stakeholders.contactId,
      reportsToContactId: contacts.reportsToContactId,
      leftAt: contacts.leftAt,
    })
    .from(stakeholders)
    .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
    .where(eq(stakeholders.dealId, sql.placeholder('dealId')))
    .orderBy(asc(stakeholders.id))
    .prepare(),
);

const pathEdgesOfDeal = prepared((db) =>
  db
    .select({ fromStakeholderId: relationships.fromStakeholderId, toStakeholderId: relationships.toStakeholderId, kind: relationships.kind })
    .from(relationships)
    .where(eq(relationships.dealId, sql.placeholder('dealId')))
    .orderBy(asc(relationships.id))
    .prepare(),
);

/** `deal.allyPath` (SPEC §10): who could walk us to each final decision-maker. Same access as the deal itself. */
export async function getAllyPaths(db: Db, user: SessionUser, dealId: number, now: Date): Promise<AllyPaths> {
  const deal = await requireDeal(db, user, dealId);
  const [people, edges] = await Promise.all([pathPeopleOfDeal(db).execute({ dealId: deal.id }), pathEdgesOfDeal(db).execute({ dealId: deal.id })]);
  return computeAllyPaths(people, edges, now);
}
