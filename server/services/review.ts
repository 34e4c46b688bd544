/**
 * The manager's review (SPEC §5): the team's open deals with their health,
 * worst first, each with the latest coaching note.
 */
import { HEALTH_ATTENTION_ORDER } from '../../shared/domain';
import type { TReviewPipeline } from '../../shared/schemas/review';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { latestCoachingNotes } from './coachingNotes';
import { listDeals } from './deals';

const SEVERITY = HEALTH_ATTENTION_ORDER;

export async function reviewPipeline(db: Db, user: SessionUser, filters: NonNullable<TReviewPipeline>, now: Date) {
  // listDeals scores every deal in bulk; the review only reorders and annotates.
  const deals = await listDeals(db, user, { status: 'open', ownerId: filters.ownerId, stage: filters.stage }, now);
  const notes = await latestCoachingNotes(db, deals.map((deal) => deal.id));
  const rows = deals.map((deal) => ({
    id: deal.id,
    name: deal.name,
    accountId: deal.accountId,
    accountName: deal.accountName,
    accountTier: deal.accountTier,
    amount: deal.amount,
    currency: deal.currency,
    stage: deal.stage,
    closeDate: deal.closeDate,
    ownerId: deal.ownerId,
    ownerName: deal.ownerName,
    status: deal.status,
    version: deal.version,
    health: deal.health,
    latestCoachingNote: notes.get(deal.id) ?? null,
  }));
  return rows.sort((a, b) => SEVERITY[a.health.status] - SEVERITY[b.health.status] || b.amount - a.amount || a.id - b.id);
}
export type ReviewRow = Awaited<ReturnType<typeof reviewPipeline>>[number];
