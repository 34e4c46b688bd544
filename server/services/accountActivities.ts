/**
 * Activities with an account's contacts that belong to the relationship, not to one deal
 * (SPEC §11): `activity.log {accountId, contactIds}`. Same rules as a deal's activities —
 * never in the future, a device's clientId logs it once — in a table of their own, so the
 * deal path and its health scoring stay as they were (docs/decisions/0024).
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { TAccountActivityLog } from '../../shared/schemas/activity';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { accountActivities, accountActivityContacts, contacts, users } from '../db/tables';
import { AppError, badInput, notFound } from '../errors';
import { requireAccount } from './access';
import { recordEvent } from './events';

const CLOCK_SKEW_MS = 5 * 60_000;

export interface AccountActivityDto {
  id: number;
  accountId: number;
  kind: (typeof accountActivities.$inferSelect)['kind'];
  occurredAt: string;
  summary: string;
  createdBy: number;
  createdByName: string;
  createdAt: string;
  contactIds: number[];
  /** Not on a deal: none, so a client reads both kinds of activity alike. */
  dealId: null;
  stakeholderIds: number[];
}

/** Newest first; `limit` bounds what account.get carries. */
export async function listAccountActivities(db: Db | Tx, accountId: number, limit = 200): Promise<AccountActivityDto[]> {
  const rows = await db
    .select({
      id: accountActivities.id,
      accountId: accountActivities.accountId,
      kind: accountActivities.kind,
      occurredAt: accountActivities.occurredAt,
      summary: accountActivities.summary,
      createdBy: accountActivities.createdBy,
      createdByName: users.name,
      createdAt: accountActivities.createdAt,
    })
    .from(accountActivities)
    .innerJoin(users, eq(users.id, accountActivities.createdBy))
    .where(eq(accountActivities.accountId, accountId))
    .orderBy(desc(accountActivities.occurredAt), desc(accountActivities.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const links = await db.select().from(accountActivityContacts).where(inArray(accountActivityContacts.activityId, rows.map((row) => row.id)));
  return rows.map((row) => ({ ...row, contactIds: links.filter((link) => link.activityId === row.id).map((link) => link.contactId), dealId: null, stakeholderIds: [] }));
}

async function activityDto(db: Db | Tx, id: number): Promise<AccountActivityDto> {
  const row = first(await db.select({ accountId: accountActivities.accountId }).from(accountActivities).where(eq(accountActivities.id, id)).limit(1));
  const found = row && (await listAccountActivities(db, row.accountId, 10_000)).find((activity) => activity.id === id);
  if (!found) throw notFound('Activity');
  return found;
}

/** The activity a device already sent under this clientId, or null; the same key from someone else or for another account is a clash. */
export async function accountActivityLogged(db: Db | Tx, user: SessionUser, input: { accountId: number; clientId?: string | undefined }): Promise<AccountActivityDto | null> {
  if (input.clientId === undefined) return null;
  const row = first(await db.select({ id: accountActivities.id, accountId: accountActivities.accountId, createdBy: accountActivities.createdBy }).from(accountActivities).where(eq(accountActivities.clientId, input.clientId)).limit(1));
  if (!row) return null;
  if (row.createdBy !== user.id || row.accountId !== input.accountId) throw new AppError('CONFLICT', 'clientId: already used for another activity');
  return activityDto(db, row.id);
}

async function requireAccountContacts(tx: Tx, accountId: number, ids: readonly number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.accountId, accountId), inArray(contacts.id, unique)));
  if (found.length !== unique.length) throw badInput('contactIds', 'every contact must belong to this account');
  return unique;
}

export async function logAccountActivity(db: Db, user: SessionUser, input: TAccountActivityLog, now: Date): Promise<AccountActivityDto> {
  return writeTransaction(db, async (tx) => {
    const account = await requireAccount(tx, user, input.accountId);
    const logged = await accountActivityLogged(tx, user, input);
    if (logged) return logged;
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput('occurredAt', 'cannot be in the future');
    const contactIds = await requireAccountContacts(tx, account.id, input.contactIds);
    const row = single(
      await tx
        .insert(accountActivities)
        .values({ accountId: account.id, kind: input.kind, occurredAt: occurredAt.toISOString(), summary: input.summary, createdBy: user.id, createdAt: now.toISOString(), clientId: input.clientId ?? null })
        .returning({ id: accountActivities.id }),
    );
    if (contactIds.length > 0) await tx.insert(accountActivityContacts).values(contactIds.map((contactId) => ({ activityId: row.id, contactId })));
    const dto = await activityDto(tx, row.id);
    await recordEvent(tx, { teamId: account.teamId, dealId: null, actorId: user.id, kind: 'account.activityLogged', entity: 'accountActivity', entityId: row.id, after: { kind: dto.kind, summary: dto.summary, contactIds: dto.contactIds }, at: now });
    return dto;
  });
}
