/**
 * The manager's review (SPEC §5, §13): a page of deals with their stored health, the
 * ones that need attention first, each with the latest coaching note; and the counts of
 * its header, counted by the database.
 */
import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { HEALTH_STATUSES, statusForStage, THRESHOLD_KEYS, type HealthStatus, type ThresholdKey } from '../../shared/domain';
import type { TDealQuery } from '../../shared/schemas/deal';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { dealHealth, deals } from '../db/tables';
import { countRows } from '../db/dialect';
import { badInput } from '../errors';
import { repDealArms, requireVisibleTeam, visibleDeals } from './access';
import { latestCoachingNotes } from './coachingNotes';
import { listDealPage } from './dealList';

/** Without a status the review covers the open deals; without a sort, the worst first. */
export async function reviewPipeline(db: Db, user: SessionUser, query: TDealQuery) {
  // A closed stage among the open deals is a filter that can never match: say so rather than show nothing.
  if (query.stage !== undefined && statusForStage(query.stage) !== (query.status ?? 'open')) {
    throw badInput('stage', `a ${query.stage} deal is never ${query.status ?? 'open'}: pick an open stage, or ask for status ${statusForStage(query.stage)}`);
  }
  const page = await listDealPage(db, user, { status: 'open', ...query }, 'health');
  const notes = await latestCoachingNotes(
    db,
    page.items.map((deal) => deal.id),
  );
  const items = page.items.map((deal) => ({
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
    teamId: deal.teamId,
    version: deal.version,
    health: deal.health,
    latestCoachingNote: notes.get(deal.id) ?? null,
  }));
  return { ...page, items };
}
export type ReviewRow = Awaited<ReturnType<typeof reviewPipeline>>['items'][number];

export interface ReviewSummary {
  /** Open deals in the scope. */
  open: number;
  /** Open deals by health status (`closed` counts the deals closed, for the record). */
  byStatus: Record<HealthStatus, number>;
  /** Open deals that have not crossed each threshold, due or not yet. */
  missing: Record<ThresholdKey, number>;
}

/**
 * `review.summary`: one grouped query over the stored health of every deal the user sees
 * (of one team, if asked). For the whole organisation it reads deal_health's summary index
 * alone — status and the three thresholds, not the rows — and joins the deals only to
 * narrow the scope. A deal is open exactly when its health is not `closed` (scoring).
 */
export async function reviewSummary(db: Db, user: SessionUser, input: { teamId?: number | undefined }): Promise<ReviewSummary> {
  if (input.teamId !== undefined) await requireVisibleTeam(db, user, input.teamId);
  const missing = (passed: SQLWrapper) => sql<number>`cast(sum(case when ${passed} then 0 else 1 end) as integer)`.mapWith(Number);
  const counts = () =>
    db
      .select({
        status: dealHealth.status,
        deals: countRows(),
        information: missing(dealHealth.information),
        relationships: missing(dealHealth.relationships),
        topDecisionMaker: missing(dealHealth.topDecisionMaker),
      })
      .from(dealHealth)
      .$dynamic();
  // A rep's deals are counted as their two disjoint arms, each found by its index (ADR 33).
  const arms = user.role === 'rep' ? repDealArms(user, db) : [visibleDeals(user, db)];
  const team = input.teamId === undefined ? undefined : eq(deals.teamId, input.teamId);
  const grouped = await Promise.all(
    arms.map((arm) => {
      const scope = and(arm, team);
      return (scope ? counts().innerJoin(deals, eq(deals.id, dealHealth.dealId)).where(scope) : counts()).groupBy(dealHealth.status);
    }),
  );
  const summary: ReviewSummary = {
    open: 0,
    byStatus: Object.fromEntries(HEALTH_STATUSES.map((status) => [status, 0])) as Record<HealthStatus, number>,
    missing: Object.fromEntries(THRESHOLD_KEYS.map((key) => [key, 0])) as Record<ThresholdKey, number>,
  };
  for (const row of grouped.flat()) {
    summary.byStatus[row.status] += row.deals;
    if (row.status === 'closed') continue;
    summary.open += row.deals;
    for (const key of THRESHOLD_KEYS) summary.missing[key] += row[key];
  }
  return summary;
}
