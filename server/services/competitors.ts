import { asc, eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import type { z } from 'zod';
import type { ZCompetitorAddSchema, ZCompetitorUpdateSchema } from '../../shared/schemas/infoPoint';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { competitorFavouredBy, competitors } from '../db/tables';
import { assertVersion, notFound } from '../errors';
import { requireDeal } from './access';
import { changedFields, recordEvent } from './events';
import { requireDealStakeholders } from './infoPoints';

export type CompetitorDto = typeof competitors.$inferSelect & { favouredByStakeholderIds: number[] };

const competitorsOfDeal = prepared((db) =>
  db.select().from(competitors).where(eq(competitors.dealId, sql.placeholder('dealId'))).orderBy(asc(competitors.id)).prepare(),
);

/** Who favours each competitor of a deal: by the deal, so it is prepared once like the competitors (deal.get reads both). */
const favouredByOfDeal = prepared((db) =>
  db
    .select({ competitorId: competitorFavouredBy.competitorId, stakeholderId: competitorFavouredBy.stakeholderId })
    .from(competitorFavouredBy)
    .innerJoin(competitors, eq(competitors.id, competitorFavouredBy.competitorId))
    .where(eq(competitors.dealId, sql.placeholder('dealId')))
    .prepare(),
);

export async function listCompetitors(db: Db | Tx, dealId: number): Promise<CompetitorDto[]> {
  const rows = await competitorsOfDeal(db).execute({ dealId });
  if (rows.length === 0) return [];
  const links = await favouredByOfDeal(db).execute({ dealId });
  return rows.map((row) => ({
    ...row,
    favouredByStakeholderIds: links.filter((link) => link.competitorId === row.id).map((link) => link.stakeholderId).sort((a, b) => a - b),
  }));
}

async function competitorDto(tx: Tx, id: number): Promise<CompetitorDto> {
  const row = first(await tx.select().from(competitors).where(eq(competitors.id, id)).limit(1));
  if (!row) throw notFound('Competitor');
  return (await listCompetitors(tx, row.dealId)).find((competitor) => competitor.id === id)!;
}

async function setFavouredBy(tx: Tx, competitorId: number, stakeholderIds: number[]): Promise<void> {
  await tx.delete(competitorFavouredBy).where(eq(competitorFavouredBy.competitorId, competitorId));
  if (stakeholderIds.length > 0) {
    await tx.insert(competitorFavouredBy).values(stakeholderIds.map((stakeholderId) => ({ competitorId, stakeholderId })));
  }
}

export async function addCompetitor(db: Db, user: SessionUser, input: z.infer<typeof ZCompetitorAddSchema>, now: Date): Promise<CompetitorDto> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const favouredBy = await requireDealStakeholders(tx, deal.id, input.favouredByStakeholderIds ?? [], 'favouredByStakeholderIds');
    const stamp = now.toISOString();
    const row = single(
      await tx
        .insert(competitors)
        .values({ dealId: deal.id, name: input.name, strengths: input.strengths ?? '', weaknesses: input.weaknesses ?? '', createdAt: stamp, updatedAt: stamp })
        .returning({ id: competitors.id }),
    );
    await setFavouredBy(tx, row.id, favouredBy);
    const dto = await competitorDto(tx, row.id);
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'competitor.added', entity: 'competitor', entityId: row.id, after: dto, at: now });
    return dto;
  });
}

export async function updateCompetitor(db: Db, user: SessionUser, input: z.infer<typeof ZCompetitorUpdateSchema>, now: Date): Promise<CompetitorDto> {
  return writeTransaction(db, async (tx) => {
    const current = await competitorDto(tx, input.id);
    const deal = await requireDeal(tx, user, current.dealId);
    await assertVersion('Competitor', current, input.version, (row) => row);
    const favouredBy =
      input.favouredByStakeholderIds === undefined
        ? undefined
        : (await requireDealStakeholders(tx, deal.id, input.favouredByStakeholderIds, 'favouredByStakeholderIds')).sort((a, b) => a - b);
    const favouredChanged = favouredBy !== undefined && favouredBy.join(',') !== current.favouredByStakeholderIds.join(',');
    const diff = changedFields(current, { name: input.name, strengths: input.strengths, weaknesses: input.weaknesses });
    if (!diff && !favouredChanged) return current;
    await tx
      .update(competitors)
      .set({ ...diff?.after, version: current.version + 1, updatedAt: now.toISOString() })
      .where(eq(competitors.id, current.id));
    if (favouredBy && favouredChanged) await setFavouredBy(tx, current.id, favouredBy);
    const updated = await competitorDto(tx, current.id);
    await recordEvent(tx, {
      teamId: deal.teamId,
      dealId: deal.id,
      actorId: user.id,
      kind: 'competitor.updated',
      entity: 'competitor',
      entityId: current.id,
      before: { name: current.name, ...diff?.before, ...(favouredChanged ? { favouredByStakeholderIds: current.favouredByStakeholderIds } : {}) },
      after: { name: updated.name, ...diff?.after, ...(favouredChanged ? { favouredByStakeholderIds: favouredBy } : {}) },
      at: now,
    });
    return updated;
  });
}

export async function removeCompetitor(db: Db, user: SessionUser, id: number, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const current = await competitorDto(tx, id);
    const deal = await requireDeal(tx, user, current.dealId);
    await tx.delete(competitors).where(eq(competitors.id, id));
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'competitor.removed', entity: 'competitor', entityId: id, before: current, at: now });
    return { ok: true as const };
  });
}
