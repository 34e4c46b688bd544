import { desc, eq, inArray } from 'drizzle-orm';
import type { TActivityLog, TDealActivityLog } from '../../shared/schemas/activity';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { activities, activityStakeholders, users } from '../db/tables';
import { AppError, badInput, fromDatabaseError, notFound } from '../errors';
import { requireDeal } from './access';
import { accountActivityLogged, logAccountActivity, type AccountActivityDto } from './accountActivities';
import { recordEvent } from './events';
import { refreshHealthSnapshot } from './health';
import { requireDealStakeholders } from './infoPoints';

/** A little slack for clocks that run ahead; the future is otherwise refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

export async function listActivities(db: Db | Tx, dealId: number) {
  const rows = await db
    .select({
      id: activities.id,
      dealId: activities.dealId,
      kind: activities.kind,
      occurredAt: activities.occurredAt,
      summary: activities.summary,
      createdBy: activities.createdBy,
      createdByName: users.name,
      createdAt: activities.createdAt,
    })
    .from(activities)
    .innerJoin(users, eq(users.id, activities.createdBy))
    .where(eq(activities.dealId, dealId))
    .orderBy(desc(activities.occurredAt), desc(activities.id));
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(activityStakeholders)
    .where(inArray(activityStakeholders.activityId, rows.map((row) => row.id)));
  return rows.map((row) => ({
    ...row,
    stakeholderIds: links.filter((link) => link.activityId === row.id).map((link) => link.stakeholderId),
  }));
}
export type ActivityDto = Awaited<ReturnType<typeof listActivities>>[number];

async function activityDto(tx: Tx, dealId: number, id: number): Promise<ActivityDto> {
  const found = (await listActivities(tx, dealId)).find((activity) => activity.id === id);
  if (!found) throw notFound('Activity');
  return found;
}

/**
 * The activity a device already sent under this clientId, or null. The same key from
 * someone else, or for another deal, is not a retry but a clash: CONFLICT, nothing written.
 */
async function alreadyLogged(tx: Db | Tx, user: SessionUser, input: TDealActivityLog): Promise<ActivityDto | null> {
  if (input.clientId === undefined) return null;
  const row = first(await tx.select({ id: activities.id, dealId: activities.dealId, createdBy: activities.createdBy }).from(activities).where(eq(activities.clientId, input.clientId)).limit(1));
  if (!row) return null;
  if (row.createdBy !== user.id || row.dealId !== input.dealId) throw new AppError('CONFLICT', 'clientId: already used for another activity');
  return activityDto(tx, row.dealId, row.id);
}

/** The schema has checked the pair: a deal and its stakeholders, or an account and its contacts (SPEC §11). */
export function logActivity(db: Db, user: SessionUser, input: TActivityLog, now: Date): Promise<ActivityDto | AccountActivityDto> {
  const { dealId, stakeholderIds, accountId, contactIds, ...activity } = input;
  if (accountId !== undefined) return retriedOnce(() => logAccountActivity(db, user, { ...activity, accountId, contactIds: contactIds ?? [] }, now), input.clientId, () => accountActivityLogged(db, user, { accountId, clientId: input.clientId }));
  const deal = { ...activity, dealId: dealId!, stakeholderIds: stakeholderIds ?? [] };
  return retriedOnce(() => logOnce(db, user, deal, now), input.clientId, () => alreadyLogged(db, user, deal));
}

async function retriedOnce<T>(log: () => Promise<T>, clientId: string | undefined, logged: () => Promise<T | null>): Promise<T> {
  try {
    return await log();
  } catch (error) {
    // Write transactions take turns, so a retry normally finds the first one above; should two
    // ever race past that check, the unique index refuses the second: answer it as the retry it is.
    const raced = clientId !== undefined && !(error instanceof AppError) && fromDatabaseError(error)?.code === 'CONFLICT';
    const retried = raced ? await logged() : null;
    if (retried) return retried;
    throw error;
  }
}

async function logOnce(db: Db, user: SessionUser, input: TDealActivityLog, now: Date): Promise<ActivityDto> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const logged = await alreadyLogged(tx, user, input);
    if (logged) return logged;
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput('occurredAt', 'cannot be in the future');
    const stakeholderIds = await requireDealStakeholders(tx, deal.id, input.stakeholderIds, 'stakeholderIds');
    const row = single(
      await tx
        .insert(activities)
        .values({
          dealId: deal.id,
          kind: input.kind,
          occurredAt: occurredAt.toISOString(),
          summary: input.summary,
          createdBy: user.id,
          createdAt: now.toISOString(),
          clientId: input.clientId ?? null,
        })
        .returning({ id: activities.id }),
    );
    if (stakeholderIds.length > 0) {
      await tx.insert(activityStakeholders).values(stakeholderIds.map((stakeholderId) => ({ activityId: row.id, stakeholderId })));
    }
    const dto = await activityDto(tx, deal.id, row.id);
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'activity.logged', entity: 'activity', entityId: row.id, after: dto, at: now });
    await refreshHealthSnapshot(tx, deal.id, user.id, now);
    return dto;
  });
}

/** Only the person who logged an entry may take it back; the event log keeps it either way. */
export async function removeActivity(db: Db, user: SessionUser, id: number, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const row = first(await tx.select().from(activities).where(eq(activities.id, id)).limit(1));
    if (!row) throw notFound('Activity');
    const deal = await requireDeal(tx, user, row.dealId);
    if (row.createdBy !== user.id) throw new AppError('FORBIDDEN', 'Only the person who logged an activity can remove it');
    const before = await activityDto(tx, deal.id, id);
    await tx.delete(activities).where(eq(activities.id, id));
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'activity.removed', entity: 'activity', entityId: id, before, at: now });
    await refreshHealthSnapshot(tx, deal.id, user.id, now);
    return { ok: true as const };
  });
}
