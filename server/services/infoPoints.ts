import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { addDays } from '../../shared/dates';
import { prepared } from '../db/prepared';
import type { TInfoPointUpdate } from '../../shared/schemas/infoPoint';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first } from '../db/rows';
import { infoPoints, stakeholders } from '../db/tables';
import { AppError, assertVersion, badInput, notFound } from '../errors';
import { requireDeal, type DealRow } from './access';
import { changedFields, recordEvent } from './events';
import { refreshHealthSnapshot } from './health';

export type InfoPointDto = Omit<typeof infoPoints.$inferSelect, never>;

const infoPointsOfDeal = prepared((db) =>
  db.select().from(infoPoints).where(eq(infoPoints.dealId, sql.placeholder('dealId'))).orderBy(asc(infoPoints.point)).prepare(),
);

export async function listInfoPoints(db: Db | Tx, dealId: number): Promise<InfoPointDto[]> {
  return infoPointsOfDeal(db).execute({ dealId });
}

/** Stakeholder ids must name people in this deal; returns them deduplicated. */
export async function requireDealStakeholders(tx: Db | Tx, dealId: number, ids: readonly number[], field: string): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = await tx
    .select({ id: stakeholders.id })
    .from(stakeholders)
    .where(and(eq(stakeholders.dealId, dealId), inArray(stakeholders.id, unique)));
  if (found.length !== unique.length) throw badInput(field, 'every stakeholder must belong to this deal');
  return unique;
}

/** Normalise a date or instant to an ISO instant and refuse the future (a day of slack for time zones). */
function toVerifiedInstant(value: string, now: Date): string {
  const instant = new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
  if (instant.getTime() > addDays(now, 1).getTime()) throw badInput('verifiedAt', 'cannot be in the future');
  return instant.toISOString();
}

export async function updateInfoPoint(db: Db, user: SessionUser, input: TInfoPointUpdate, now: Date): Promise<InfoPointDto> {
  return writeTransaction(db, async (tx) => {
    const deal: DealRow = await requireDeal(tx, user, input.dealId);
    const current = first(
      await tx
        .select()
        .from(infoPoints)
        .where(and(eq(infoPoints.dealId, deal.id), eq(infoPoints.point, input.point)))
        .limit(1),
    );
    if (!current) throw notFound('Information point');
    await assertVersion('Information point', current, input.version, (row) => row);

    if (input.sourceStakeholderId) await requireDealStakeholders(tx, deal.id, [input.sourceStakeholderId], 'sourceStakeholderId');
    let verifiedAt = input.verifiedAt === undefined ? undefined : input.verifiedAt && toVerifiedInstant(input.verifiedAt, now);
    // A point confirmed for the first time is verified now unless a date was given.
    if (input.status === 'confirmed' && current.status !== 'confirmed' && verifiedAt === undefined) {
      verifiedAt = now.toISOString();
    }
    const diff = changedFields(current, {
      status: input.status,
      summary: input.summary,
      sourceStakeholderId: input.sourceStakeholderId,
      verifiedAt,
    });
    if (!diff) return current;
    const updated = first(
      await tx
        .update(infoPoints)
        .set({ ...diff.after, version: current.version + 1, updatedAt: now.toISOString() })
        .where(eq(infoPoints.id, current.id))
        .returning(),
    );
    if (!updated) throw new AppError('CONFLICT', 'Information point changed; reload', { current });
    await recordEvent(tx, {
      teamId: deal.teamId,
      dealId: deal.id,
      actorId: user.id,
      kind: 'infoPoint.updated',
      entity: 'infoPoint',
      entityId: current.id,
      before: { point: current.point, ...diff.before },
      after: { point: current.point, ...diff.after },
      at: now,
    });
    await refreshHealthSnapshot(tx, deal.id, user.id, now);
    return updated;
  });
}
