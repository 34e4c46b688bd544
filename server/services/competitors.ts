import { asc, eq, inArray, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import type { z } from 'zod';
import type { ZCompetitorAddSchema, ZCompetitorUpdateSchema } from '../../shared/schemas/infoPoint';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { competitorFavouredBy, competitors } from '../db/schema';
import { assertVersion, notFound } from '../errors';
import { requireDeal } from './access';
import { changedFields, recordEvent } from './events';
import { requireDealStakeholders } from './infoPoints';

export type CompetitorDto = typeof competitors.$inferSelect & { favouredByStakeholderIds: number[] };

const competitorsOfDeal = prepared((db) =>
  db.select().from(competitors).where(eq(competitors.dealId, sql.placeholder('dealId'))).orderBy(asc(competitors.id)).prepare(),
);

export function listCompetitors(db: Db | Tx, dealId: number): CompetitorDto[] {
  const rows = competitorsOfDeal(db).all({ dealId });
  if (rows.length === 0) return [];
  const links = db
    .select()
    .from(competitorFavouredBy)
    .where(inArray(competitorFavouredBy.competitorId, rows.map((row) => row.id)))
    .all();
  return rows.map((row) => ({
    ...row,
    favouredByStakeholderIds: links.filter((link) => link.competitorId === row.id).map((link) => link.stakeholderId).sort((a, b) => a - b),
  }));
}

function competitorDto(tx: Tx, id: number): CompetitorDto {
  const row = tx.select().from(competitors).where(eq(competitors.id, id)).get();
  if (!row) throw notFound('Competitor');
  return listCompetitors(tx, row.dealId).find((competitor) => competitor.id === id)!;
}

function setFavouredBy(tx: Tx, competitorId: number, stakeholderIds: number[]): void {
  tx.delete(competitorFavouredBy).where(eq(competitorFavouredBy.competitorId, competitorId)).run();
  if (stakeholderIds.length > 0) {
    tx.insert(competitorFavouredBy).values(stakeholderIds.map((stakeholderId) => ({ competitorId, stakeholderId }))).run();
  }
}

export function addCompetitor(db: Db, user: SessionUser, input: z.infer<typeof ZCompetitorAddSchema>, now: Date): CompetitorDto {
  return writeTransaction(db, (tx) => {
    const deal = requireDeal(tx, user, input.dealId);
    const favouredBy = requireDealStakeholders(tx, deal.id, input.favouredByStakeholderIds ?? [], 'favouredByStakeholderIds');
    const stamp = now.toISOString();
    const row = tx
      .insert(competitors)
      .values({ dealId: deal.id, name: input.name, strengths: input.strengths ?? '', weaknesses: input.weaknesses ?? '', createdAt: stamp, updatedAt: stamp })
      .returning({ id: competitors.id })
      .get();
    setFavouredBy(tx, row.id, favouredBy);
    const dto = competitorDto(tx, row.id);
    recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'competitor.added', entity: 'competitor', entityId: row.id, after: dto, at: now });
    return dto;
  });
}

export function updateCompetitor(db: Db, user: SessionUser, input: z.infer<typeof ZCompetitorUpdateSchema>, now: Date): CompetitorDto {
  return writeTransaction(db, (tx) => {
    const current = competitorDto(tx, input.id);
    const deal = requireDeal(tx, user, current.dealId);
    assertVersion('Competitor', current, input.version, (row) => row);
    const favouredBy =
      input.favouredByStakeholderIds === undefined
        ? undefined
        : requireDealStakeholders(tx, deal.id, input.favouredByStakeholderIds, 'favouredByStakeholderIds').sort((a, b) => a - b);
    const favouredChanged = favouredBy !== undefined && favouredBy.join(',') !== current.favouredByStakeholderIds.join(',');
    const diff = changedFields(current, { name: input.name, strengths: input.strengths, weaknesses: input.weaknesses });
    if (!diff && !favouredChanged) return current;
    tx.update(competitors)
      .set({ ...diff?.after, version: current.version + 1, updatedAt: now.toISOString() })
      .where(eq(competitors.id, current.id))
      .run();
    if (favouredBy && favouredChanged) setFavouredBy(tx, current.id, favouredBy);
    const updated = competitorDto(tx, current.id);
    recordEvent(tx, {
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

export function removeCompetitor(db: Db, user: SessionUser, id: number, now: Date): { ok: true } {
  return writeTransaction(db, (tx) => {
    const current = competitorDto(tx, id);
    const deal = requireDeal(tx, user, current.dealId);
    tx.delete(competitors).where(eq(competitors.id, id)).run();
    recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'competitor.removed', entity: 'competitor', entityId: id, before: current, at: now });
    return { ok: true as const };
  });
}
