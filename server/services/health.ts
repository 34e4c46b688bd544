/**
 * Deal health on the server: load what the pure scoring module needs — in bulk,
 * one query per table for any number of deals — and keep the coverage history.
 */
import { and, desc, eq, gte, lt, max, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { computeHealth, type Health, type HealthInput } from '../../shared/scoring';
import type { ThresholdSettings } from '../../shared/settings';
import type { Db, Tx } from '../db/client';
import { prepared } from '../db/prepared';
import { activities, activityStakeholders, contacts, coverageSnapshots, deals, events, infoPoints, stakeholders } from '../db/schema';
import { getThresholds } from './settings';

/** COVERAGE_DROP looks back 14 days; a day more covers the calendar-day edge. */
const HISTORY_DAYS = 15;

type DealFacts = Pick<typeof deals.$inferSelect, 'id' | 'stage' | 'status' | 'closeDate'>;

const personColumns = {
  id: stakeholders.id,
  dealId: stakeholders.dealId,
  name: contacts.name,
  influence: stakeholders.influence,
  stance: stakeholders.stance,
  level: contacts.level,
  decisionRole: stakeholders.decisionRole,
  isCoach: stakeholders.isCoach,
};
const snapshotColumns = { dealId: coverageSnapshots.dealId, at: coverageSnapshots.at, influence: coverageSnapshots.influence };

/** The five reads scoring needs, for the deals `inDeals` selects, with the coverage window opening at `since`. */
function healthQueries(db: Db | Tx, inDeals: (dealColumn: SQLiteColumn) => SQL, since: SQLWrapper) {
  // The coverage in force when the window opened: each deal's last snapshot before it.
  const inForce = db
    .select({ dealId: coverageSnapshots.dealId, at: max(coverageSnapshots.at).as('in_force_at') })
    .from(coverageSnapshots)
    .where(and(inDeals(coverageSnapshots.dealId), lt(coverageSnapshots.at, since)))
    .groupBy(coverageSnapshots.dealId)
    .as('in_force');
  return {
    people: db.select(personColumns).from(stakeholders).innerJoin(contacts, eq(contacts.id, stakeholders.contactId)).where(inDeals(stakeholders.dealId)),
    lastContact: db
      .select({ stakeholderId: activityStakeholders.stakeholderId, at: max(activities.occurredAt) })
      .from(activityStakeholders)
      .innerJoin(activities, eq(activities.id, activityStakeholders.activityId))
      .where(inDeals(activities.dealId))
      .groupBy(activityStakeholders.stakeholderId),
    points: db
      .select({ dealId: infoPoints.dealId, point: infoPoints.point, status: infoPoints.status, verifiedAt: infoPoints.verifiedAt, updatedAt: infoPoints.updatedAt })
      .from(infoPoints)
      .where(inDeals(infoPoints.dealId)),
    history: db.select(snapshotColumns).from(coverageSnapshots).where(and(inDeals(coverageSnapshots.dealId), gte(coverageSnapshots.at, since))),
    inForce: db
      .select(snapshotColumns)
      .from(coverageSnapshots)
      .innerJoin(inForce, and(eq(inForce.dealId, coverageSnapshots.dealId), eq(inForce.at, coverageSnapshots.at))),
  };
}

/**
 * The same reads for any number of deals, prepared once per connection: the deal ids
 * travel as one JSON array parameter (`json_each`), so one statement serves a single
 * deal room and a team of thousands of deals alike.
 */
const healthReads = prepared((db) => {
  const inDeals = (dealColumn: SQLiteColumn) => sql`${dealColumn} in (select value from json_each(${sql.placeholder('ids')}))`;
  const queries = healthQueries(db, inDeals, sql.placeholder('since'));
  return {
    people: queries.people.prepare(),
    lastContact: queries.lastContact.prepare(),
    points: queries.points.prepare(),
    history: queries.history.prepare(),
    inForce: queries.inForce.prepare(),
  };
});

function readHealthRows(db: Db | Tx, ids: number[], since: string) {
  const queries = healthReads(db);
  const params = { ids: JSON.stringify(ids), since };
  return {
    people: queries.people.all(params),
    lastContact: queries.lastContact.all(params),
    points: queries.points.all(params),
    history: [...queries.history.all(params), ...queries.inForce.all(params)],
  };
}

/** Health inputs for many deals at once: five queries whatever the count. */
export function loadHealthInputs(db: Db | Tx, dealList: readonly DealFacts[], settings: ThresholdSettings, now: Date): Map<number, HealthInput> {
  const ids = dealList.map((deal) => deal.id);
  const inputs = new Map<number, HealthInput>();
  if (ids.length === 0) return inputs;
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const { people, points, history, ...rows } = readHealthRows(db, ids, since);
  const lastContact = new Map(rows.lastContact.map((row) => [row.stakeholderId, row.at]));

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

/**
 * The deal room's health from the people and points it has already read (they carry
 * everything scoring needs), so only the coverage window is read again.
 */
export function dealHealthFrom(
  db: Db | Tx,
  deal: DealFacts & { teamId: number },
  rows: { stakeholders: HealthInput['stakeholders']; infoPoints: HealthInput['infoPoints'] },
  now: Date,
): Health {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const queries = healthReads(db);
  const params = { ids: JSON.stringify([deal.id]), since };
  const coverageHistory = [...queries.history.all(params), ...queries.inForce.all(params)].map(({ at, influence }) => ({ at, influence }));
  return computeHealth({
    deal: { stage: deal.stage, status: deal.status, closeDate: deal.closeDate },
    stakeholders: rows.stakeholders,
    infoPoints: rows.infoPoints,
    coverageHistory,
    settings: getThresholds(db, deal.teamId),
    now,
  });
}

type Snapshot = typeof coverageSnapshots.$inferSelect;
const passedOf = (thresholds: unknown) => (thresholds ?? {}) as Record<string, boolean>;

/**
 * Record the deal's coverage and thresholds if they changed since the last
 * snapshot, and log each threshold crossed or lost. Runs inside the write
 * transaction of the change that caused it, so history never disagrees with data.
 */
export function refreshHealthSnapshot(tx: Tx, dealId: number, actorId: number | null, at: Date): boolean {
  const deal = tx.select({ id: deals.id, teamId: deals.teamId, stage: deals.stage, status: deals.status, closeDate: deals.closeDate }).from(deals).where(eq(deals.id, dealId)).get();
  if (!deal) return false;
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
  if (unchanged) return false;
  const stamp = at.toISOString();
  tx.insert(coverageSnapshots)
    .values({ dealId, at: stamp, influence: coverage.influence, headcount: coverage.headcount, net: coverage.net, opposition: coverage.opposition, crossed: health.crossed, thresholds: passed })
    .run();
  if (!last) return true;
  const before = passedOf(last.thresholds);
  for (const change of diffThresholdFlags(before, passed)) {
    tx.insert(events)
      .values({ teamId: deal.teamId, dealId, actorId, at: stamp, kind: `threshold.${change.change}`, entity: 'threshold', entityId: null, before: { threshold: change.threshold, passed: !change.passed }, after: { threshold: change.threshold, passed: change.passed } })
      .run();
  }
  return true;
}

function diffThresholdFlags(before: Record<string, boolean>, after: Record<string, boolean>) {
  return Object.entries(after)
    .filter(([key, passed]) => before[key] !== undefined && before[key] !== passed)
    .map(([threshold, passed]) => ({ threshold, passed, change: passed ? ('crossed' as const) : ('lost' as const) }));
}

