/**
 * `account.history {id}`: the account's own log (SPEC §11) — its facts and tier history,
 * checklist, complaints, account activities and the people of its org chart — newest first,
 * in the rows the History tab already renders (describeEvent). Deals keep their own history.
 */
import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { TAccountHistory } from '../../shared/schemas/account';
import { HISTORY_DEFAULT_LIMIT } from '../../shared/history';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { accountActivities, complaints, contacts, events, users } from '../db/tables';
import { requireAccount } from './access';

export interface AccountHistoryEvent {
  id: number;
  at: string;
  kind: string;
  entity: string;
  entityId: number | null;
  actorId: number | null;
  actorName: string | null;
  before: unknown;
  after: unknown;
}

export async function accountHistory(db: Db, user: SessionUser, input: TAccountHistory): Promise<{ events: AccountHistoryEvent[]; nextCursor: number | null }> {
  const account = await requireAccount(db, user, input.id);
  const ids = async (rows: Promise<{ id: number }[]>) => (await rows).map((row) => row.id);
  const [complaintIds, activityIds, contactIds] = [
    await ids(db.select({ id: complaints.id }).from(complaints).where(eq(complaints.accountId, account.id))),
    await ids(db.select({ id: accountActivities.id }).from(accountActivities).where(eq(accountActivities.accountId, account.id))),
    await ids(db.select({ id: contacts.id }).from(contacts).where(eq(contacts.accountId, account.id))),
  ];
  const about = (entity: string, entityIds: number[]): SQL | undefined => (entityIds.length === 0 ? undefined : and(eq(events.entity, entity), inArray(events.entityId, entityIds)));
  const limit = input.limit ?? HISTORY_DEFAULT_LIMIT;
  const rows = await db
    .select({ id: events.id, at: events.at, kind: events.kind, entity: events.entity, entityId: events.entityId, actorId: events.actorId, actorName: users.name, before: events.before, after: events.after })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(
      and(
        eq(events.teamId, account.teamId),
        input.cursor == null ? undefined : lt(events.id, input.cursor),
        or(
          and(inArray(events.entity, ['account', 'accountPractice']), eq(events.entityId, account.id)),
          about('complaint', complaintIds),
          about('accountActivity', activityIds),
          contactIds.length === 0 ? undefined : and(about('contact', contactIds), inArray(events.kind, ['contact.updated', 'contact.left', 'contact.returned'])),
        ),
      ),
    )
    .orderBy(desc(events.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  // A person's change is logged once per deal they are on, at the same instant: the account shows it once.
  const seen = new Set<string>();
  const unique = page.filter((row) => {
    if (row.entity !== 'contact') return true;
    const key = `${row.kind}:${row.entityId}:${row.at}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { events: unique, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}
