/**
 * Deal health on the server: load what the pure scoring module needs — in bulk,
 * one query per table for any number of deals — and keep the coverage history.
 */
import { and, desc, eq, gte, inArray, lt, max } from 'drizzle-orm';
import { computeHealth, type Health, type HealthInput } from '../../shared/scoring';
import type { ThresholdSettings } from '../../shared/settings';
import type { Db, Tx } from '../db/client';
import { activities, activityStakeholders, contacts, coverageSnapshots, deals, events, infoPoints, stakeholders } from '../db/schema';
import { getThresholds } from './settings';

/** COVERAGE_DROP looks back 14 days; a day more covers the calendar-day edge. */
const HISTORY_DAYS = 15;

type DealFacts = Pick<typeof deals.$inferSelect, 'id' | 'stage' | 'status' | 'closeDate'>;

/** Health inputs for many deals at once: five queries whatever the count. */
export function loadHealthInputs(db: Db | Tx, dealList: readonly DealFacts[], settings: ThresholdSettings, now: Date): Map<number, HealthInput> {
  const ids = dealList.map((deal) => deal.id);
  const inputs = new Map<number, HealthInput>();
  if (ids.length === 0) return inputs;
  const people = db
    .select({
      id: stakeholders.id,
      dealId: stakeholders.dealId,
      name: contacts.name,
      influence: stakeholders.influence,
      stance: stakeholders.stance,
      level: contacts.level,
      decisionRole: stakeholders.decisionRole,
      isCoach: stakeholders.isCoach,
    })
    .from(stakeholders)
    .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
    .where(inArray(stakeholders.dealId, ids))
    .all();
  const lastContact = new Map(
    db
      .select({ stakeholderId: activityStakeholders.stakeholderId, at: max(activities.occurredAt) })
      .from(activityStakeholders)
      .innerJoin(activities, eq(activities.id, activityStakeholders.activityId))
      .where(inArray(activities.dealId, ids))
      .groupBy(activityStakeholders.stakeholderId)
      .all()
      .map((row) => [row.stakeholderId, row.at]),
  );
  const points = db
    .select({ dealId: infoPoints.dealId, point: infoPoints.point, status: infoPoints.status, verifiedAt: infoPoints.verifiedAt, updatedAt: infoPoints.updatedAt })
    .from(infoPoints)
    .where(inArray(infoPoints.dealId, ids))
    .all();
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const history = db
    .select({ dealId: coverageSnapshots.dealId, at: coverageSnapshots.at, influence: coverageSnapshots.influence })
    .from(coverageSnapshots)
    .where(and(inArray(coverageSnapshots.dealId, ids), gte(coverageSnapshots.at, since)))
    .all();
  // …plus, per deal, the coverage in force when the window opened.
  const inForce = db
    .select({ dealId: coverageSnapshots.dealId, at: max(coverageSnapshots.at).as('in_force_at') })
    .from(coverageSnapshots)
    .where(and(inArray(coverageSnapshots.dealId, ids), lt(coverageSnapshots.at, since)))
    .groupBy(coverageSnapshots.dealId)
    .as('in_force');
  history.push(
    ...db
      .select({ dealId: coverageSnapshots.dealId, at: coverageSnapshots.at, influence: coverageSnapshots.influence })
      .from(coverageSnapshots)
      .innerJoin(inForce, and(eq(inForce.dealId, coverageSnapshots.dealId), eq(inForce.at, coverageSnapshots.at)))
      .all(),
  );

  for (const deal of dealList) {
    inputs.set(deal.id, { deal: { stage: deal.stage, status: deal.status, closeDate: deal.closeDate }, stakeholders: [], infoPoints: [], coverageHistory: [], settings, now });
  }
  for (const { dealId, ...person } of people) inputs.get(dealId)?.stakeholders.push({ ...person, lastContactAt: lastContact.get(person.id) ?? null });
  for (const { dealId, ...point } of points) inputs.get(dealId)?.infoPoints.push(point);
  for (const { dealId, ...snapshot } of history) inputs.get(dealId)?.coverageHistory.push(snapshot);
  return inputs;
}

/** Health for a list of deals of possibly several teams (each team has its own settings). */
export function healthForDeals(db: Db | Tx, dealList: readonly (DealFacts & { teamId: number })[], now: Date): Map<number, Health> {
  const byTeam = new Map<number, (DealFacts & { teamId: number })[]>();
  for (const deal of dealList) byTeam.set(deal.teamId, [...(byTeam.get(deal.teamId) ?? []), deal]);
  const result = new Map<number, Health>();
  for (const [teamId, teamDeals] of byTeam) {
    const settings = getThresholds(db, teamId);
    for (const [dealId, input] of loadHealthInputs(db, teamDeals, settings, now)) result.set(dealId, computeHealth(input));
  }
  return result;
}

export function dealHealth(db: Db | Tx, deal: DealFacts & { teamId: number }, now: Date): Health {
  return healthForDeals(db, [deal], now).get(deal.id)!;
}

type Snapshot = typeof coverageSnapshots.$inferSelect;
const passedOf = (thresholds: unknown) => (thresholds ?? {}) as Record<string, boolean>;

/**
 * Record the deal's coverage and thresholds if they changed since the last
 * snapshot, and log each threshold crossed or lost. Runs inside the write
 * transaction of the change that caused it, so history never disagrees with data.
 */
export function refreshHealthSnapshot(tx: Tx, dealId: number, actorId: number | null, at: Date): void {
  const deal = tx.select({ id: deals.id, teamId: deals.teamId, stage: deals.stage, status: deals.status, closeDate: deals.closeDate }).from(deals).where(eq(deals.id, dealId)).get();
  if (!deal) return;
  const health = dealHealth(tx, deal, at);
  const last: Snapshot | undefined = tx.select().from(coverageSnapshots).where(eq(coverageSnapshots.dealId, dealId)).orderBy(desc(coverageSnapshots.at), desc(coverageSnapshots.id)).limit(1).get();
  const passed = {
    information: health.thresholds.information.passed,
    relationships: health.thresholds.relationships.passed,
    topDecisionMaker: health.thresholds.topDecisionMaker.passed,
  };
  const { coverage } = health;
  const unchanged =
    last &&
    last.influence === coverage.influence &&
    last.headcount === coverage.headcount &&
    last.net === coverage.net &&
    last.opposition === coverage.opposition &&
    JSON.stringify(passedOf(last.thresholds)) === JSON.stringify(passed);
  if (unchanged) return;
  const stamp = at.toISOString();
  tx.insert(coverageSnapshots)
    .values({ dealId, at: stamp, influence: coverage.influence, headcount: coverage.headcount, net: coverage.net, opposition: coverage.opposition, crossed: health.crossed, thresholds: passed })
    .run();
  if (!last) return;
  const before = passedOf(last.thresholds);
  for (const change of diffThresholdFlags(before, passed)) {
    tx.insert(events)
      .values({ teamId: deal.teamId, dealId, actorId, at: stamp, kind: `threshold.${change.change}`, entity: 'threshold', entityId: null, before: { threshold: change.threshold, passed: !change.passed }, after: { threshold: change.threshold, passed: change.passed } })
      .run();
  }
}

function diffThresholdFlags(before: Record<string, boolean>, after: Record<string, boolean>) {
  return Object.entries(after)
    .filter(([key, passed]) => before[key] !== undefined && before[key] !== passed)
    .map(([threshold, passed]) => ({ threshold, passed, change: passed ? ('crossed' as const) : ('lost' as const) }));
}

