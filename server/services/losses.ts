/**
 * Loss analysis for the Review (SPEC §10): the lost deals of a period with their cause
 * and the thresholds they had crossed when they closed, counted by cause and by missing
 * threshold — next to the same counts for the deals won in that period, so the team sees
 * which threshold its losses lacked that its wins did not.
 */
import { and, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { LOSS_CAUSES, THRESHOLD_KEYS, type LossCause, type ThresholdKey } from '../../shared/domain';
import type { TReviewLosses } from '../../shared/schemas/losses';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { accounts, deals, users } from '../db/tables';
import { visibleDeals } from './access';

type Crossed = Record<ThresholdKey, boolean>;
type Counts<K extends string> = Record<K, number>;

const zeroes = <K extends string>(keys: readonly K[]): Counts<K> => Object.fromEntries(keys.map((key) => [key, 0])) as Counts<K>;

/** How many of the deals had not crossed each threshold; a deal closed before thresholds were recorded counts for none. */
function missing(recorded: (Crossed | null)[]): Counts<ThresholdKey> {
  const counts = zeroes(THRESHOLD_KEYS);
  for (const crossed of recorded) {
    if (!crossed) continue;
    for (const key of THRESHOLD_KEYS) if (crossed[key] !== true) counts[key] += 1;
  }
  return counts;
}

/** Only the three keys, as booleans, whatever order or extra keys the stored JSON has. */
const readCrossed = (stored: Partial<Crossed> | null): Crossed | null =>
  stored ? { information: stored.information === true, relationships: stored.relationships === true, topDecisionMaker: stored.topDecisionMaker === true } : null;

export async function reviewLosses(db: Db, user: SessionUser, filters: NonNullable<TReviewLosses>) {
  const rows = await db
    .select({
      dealId: deals.id,
      dealName: deals.name,
      accountName: accounts.name,
      ownerId: deals.ownerId,
      ownerName: users.name,
      amount: deals.amount,
      currency: deals.currency,
      status: deals.status,
      closeDate: deals.closeDate,
      lossReason: deals.lossReason,
      lossCause: deals.lossCause,
      lostTo: deals.lostTo,
      closedThresholds: deals.closedThresholds,
    })
    .from(deals)
    .innerJoin(accounts, eq(accounts.id, deals.accountId))
    .innerJoin(users, eq(users.id, deals.ownerId))
    .where(
      and(
        visibleDeals(user, db),
        inArray(deals.status, ['won', 'lost']),
        filters.ownerId === undefined ? undefined : eq(deals.ownerId, filters.ownerId),
        filters.since === undefined ? undefined : gte(deals.closeDate, filters.since),
        filters.until === undefined ? undefined : lte(deals.closeDate, filters.until),
      ),
    )
    .orderBy(desc(deals.closeDate), desc(deals.id));

  const lost = rows.filter((row) => row.status === 'lost').map(({ status, closedThresholds, ...row }) => ({ ...row, thresholdsCrossed: readCrossed(closedThresholds) }));
  const won = rows.filter((row) => row.status === 'won').map((row) => readCrossed(row.closedThresholds));
  const byCause = zeroes<LossCause>(LOSS_CAUSES);
  for (const deal of lost) if (deal.lossCause) byCause[deal.lossCause] += 1;
  return {
    deals: lost,
    byCause,
    missingThreshold: missing(lost.map((deal) => deal.thresholdsCrossed)),
    // Additive to SPEC §10: the same counts for the deals won in the period.
    won: { count: won.length, missingThreshold: missing(won) },
  };
}
export type ReviewLosses = Awaited<ReturnType<typeof reviewLosses>>;
