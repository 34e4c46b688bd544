import { desc, eq, inArray } from 'drizzle-orm';
import type { TActivityLog } from '../../shared/schemas/activity';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { activities, activityStakeholders, users } from '../db/schema';
import { AppError, badInput, notFound } from '../errors';
import { requireDeal } from './access';
import { recordEvent } from './events';
import { refreshHealthSnapshot } from './health';
import { requireDealStakeholders } from './infoPoints';

/** A little slack for clocks that run ahead; the future is otherwise refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function listActivities(db: Db | Tx, dealId: number) {
  const rows = db
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
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .all();
  if (rows.length === 0) return [];
  const links = db
    .select()
    .from(activityStakeholders)
    .where(inArray(activityStakeholders.activityId, rows.map((row) => row.id)))
    .all();
  return rows.map((row) => ({
    ...row,
    stakeholderIds: links.filter((link) => link.activityId === row.id).map((link) => link.stakeholderId),
  }));
}
export type ActivityDto = ReturnType<typeof listActivities>[number];

function activityDto(tx: Tx, dealId: number, id: number): ActivityDto {
  const found = listActivities(tx, dealId).find((activity) => activity.id === id);
  if (!found) throw notFound('Activity');
  return found;
}

export function logActivity(db: Db, user: SessionUser, input: TActivityLog, now: Date): ActivityDto {
  return writeTransaction(db, (tx) => {
    const deal = requireDeal(tx, user, input.dealId);
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput('occurredAt', 'cannot be in the future');
    const stakeholderIds = requireDealStakeholders(tx, deal.id, input.stakeholderIds, 'stakeholderIds');
    const row = tx
      .insert(activities)
      .values({
        dealId: deal.id,
        kind: input.kind,
        occurredAt: occurredAt.toISOString(),
        summary: input.summary,
        createdBy: user.id,
        createdAt: now.toISOString(),
      })
      .returning({ id: activities.id })
      .get();
    if (stakeholderIds.length > 0) {
      tx.insert(activityStakeholders).values(stakeholderIds.map((stakeholderId) => ({ activityId: row.id, stakeholderId }))).run();
    }
    const dto = activityDto(tx, deal.id, row.id);
    recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'activity.logged', entity: 'activity', entityId: row.id, after: dto, at: now });
    refreshHealthSnapshot(tx, deal.id, user.id, now);
    return dto;
  });
}

/** Only the person who logged an entry may take it back; the event log keeps it either way. */
export function removeActivity(db: Db, user: SessionUser, id: number, now: Date): { ok: true } {
  return writeTransaction(db, (tx) => {
    const row = tx.select().from(activities).where(eq(activities.id, id)).get();
    if (!row) throw notFound('Activity');
    const deal = requireDeal(tx, user, row.dealId);
    if (row.createdBy !== user.id) throw new AppError('FORBIDDEN', 'Only the person who logged an activity can remove it');
    const before = activityDto(tx, deal.id, id);
    tx.delete(activities).where(eq(activities.id, id)).run();
    recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'activity.removed', entity: 'activity', entityId: id, before, at: now });
    refreshHealthSnapshot(tx, deal.id, user.id, now);
    return { ok: true as const };
  });
}
