import { asc, eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import { TOP_SUCCESS_FACTORS } from '../../shared/domain';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { successFactors } from '../db/tables';
import { AppError, assertVersion, notFound } from '../errors';
import { requireDeal, type DealRow } from './access';
import type { EventKind, SuccessFactorRanking } from '../../shared/events';
import { recordEvent } from './events';

export type SuccessFactorDto = typeof successFactors.$inferSelect;

/** Ranked, most important first. */
const successFactorsOfDeal = prepared((db) =>
  db
    .select()
    .from(successFactors)
    .where(eq(successFactors.dealId, sql.placeholder('dealId')))
    .orderBy(asc(successFactors.rank), asc(successFactors.id))
    .prepare(),
);

export async function listSuccessFactors(db: Db | Tx, dealId: number): Promise<SuccessFactorDto[]> {
  return successFactorsOfDeal(db).execute({ dealId });
}

const topTitles = (factors: SuccessFactorDto[]) => factors.slice(0, TOP_SUCCESS_FACTORS).map((factor) => factor.title);

/** Rewrite ranks 1..n in the given order, bumping the version of every row whose rank moved. */
async function writeRanks(tx: Tx, ordered: SuccessFactorDto[], stamp: string): Promise<void> {
  for (const [index, factor] of ordered.entries()) {
    if (factor.rank === index + 1) continue;
    await tx
      .update(successFactors)
      .set({ rank: index + 1, version: factor.version + 1, updatedAt: stamp })
      .where(eq(successFactors.id, factor.id));
  }
}

/**
 * Every change to the ranking is kept: the event holds the top three before and
 * after, so history and the stand-up can say what moved.
 */
async function logChange(tx: Tx, user: SessionUser, deal: DealRow, kind: Extract<EventKind, `successFactor.${string}`>, entityId: number, before: SuccessFactorDto[], now: Date, extra: Pick<SuccessFactorRanking, 'title' | 'previousTitle'> = {}) {
  const after = await listSuccessFactors(tx, deal.id);
  await recordEvent(tx, {
    teamId: deal.teamId,
    dealId: deal.id,
    actorId: user.id,
    kind,
    entity: 'successFactor',
    entityId,
    before: { ...extra, top: topTitles(before), ranking: before.map((factor) => factor.title) },
    after: { ...extra, top: topTitles(after), ranking: after.map((factor) => factor.title) },
    at: now,
  });
  return after;
}

export async function addSuccessFactor(db: Db, user: SessionUser, input: { dealId: number; title: string }, now: Date): Promise<SuccessFactorDto> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const before = await listSuccessFactors(tx, deal.id);
    const stamp = now.toISOString();
    const row = single(
      await tx
        .insert(successFactors)
        .values({ dealId: deal.id, title: input.title, rank: before.length + 1, createdAt: stamp, updatedAt: stamp })
        .returning(),
    );
    await logChange(tx, user, deal, 'successFactor.added', row.id, before, now, { title: row.title });
    return row;
  });
}

async function requireFactor(tx: Tx, user: SessionUser, id: number) {
  const factor = first(await tx.select().from(successFactors).where(eq(successFactors.id, id)).limit(1));
  if (!factor) throw notFound('Success factor');
  return { factor, deal: await requireDeal(tx, user, factor.dealId) };
}

export async function updateSuccessFactor(db: Db, user: SessionUser, input: { id: number; version: number; title: string }, now: Date): Promise<SuccessFactorDto> {
  return writeTransaction(db, async (tx) => {
    const { factor, deal } = await requireFactor(tx, user, input.id);
    await assertVersion('Success factor', factor, input.version, (row) => row);
    if (factor.title === input.title) return factor;
    const before = await listSuccessFactors(tx, deal.id);
    const updated = single(
      await tx
        .update(successFactors)
        .set({ title: input.title, version: factor.version + 1, updatedAt: now.toISOString() })
        .where(eq(successFactors.id, factor.id))
        .returning(),
    );
    await logChange(tx, user, deal, 'successFactor.updated', factor.id, before, now, { title: input.title, previousTitle: factor.title });
    return updated;
  });
}

export async function removeSuccessFactor(db: Db, user: SessionUser, id: number, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const { factor, deal } = await requireFactor(tx, user, id);
    const before = await listSuccessFactors(tx, deal.id);
    await tx.delete(successFactors).where(eq(successFactors.id, factor.id));
    await writeRanks(tx, await listSuccessFactors(tx, deal.id), now.toISOString());
    await logChange(tx, user, deal, 'successFactor.removed', factor.id, before, now, { title: factor.title });
    return { ok: true as const };
  });
}

/**
 * Reorder the whole list at once. The ids must be exactly the deal's factors:
 * if someone added or removed one meanwhile, the reorder is refused with the
 * current list rather than silently dropping their change.
 */
export async function reorderSuccessFactors(db: Db, user: SessionUser, input: { dealId: number; orderedIds: number[] }, now: Date): Promise<SuccessFactorDto[]> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const before = await listSuccessFactors(tx, deal.id);
    const byId = new Map(before.map((factor) => [factor.id, factor]));
    const sameSet = input.orderedIds.length === before.length && new Set(input.orderedIds).size === before.length && input.orderedIds.every((id) => byId.has(id));
    if (!sameSet) throw new AppError('CONFLICT', 'The success factors changed meanwhile; reload and reorder again', { current: before });
    if (input.orderedIds.every((id, index) => before[index]?.id === id)) return before;
    await writeRanks(tx, input.orderedIds.map((id) => byId.get(id)!), now.toISOString());
    return logChange(tx, user, deal, 'successFactor.reordered', deal.id, before, now);
  });
}
