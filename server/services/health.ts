/**
 * Deal health on the server: load what the pure scoring module needs — in bulk,
 * one query per table for any number of deals — and keep the coverage history.
 */
import { and, asc, eq, gte, inArray, lt, max, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { daysBefore } from '../../shared/dates';
import { CONTACT_KINDS, MEETING_KINDS, THRESHOLD_KEYS, type ThresholdKey } from '../../shared/domain';
import { computeHealth, lastIntelAt, type Health, type HealthInput } from '../../shared/scoring';
import type { ThresholdSettings } from '../../shared/settings';
import { together, writeTransaction, type Db, type Tx } from '../db/client';
import { idList, inIdList } from '../db/dialect';
import { prepared } from '../db/prepared';
import { first } from '../db/rows';
import { groupBy } from '../../shared/groupBy';
import { activities, activityStakeholders, contacts, coverageSnapshots, dealHealth as dealHealthTable, deals, infoPoints, stakeholders } from '../db/tables';
import { recordEvent } from './events';
import { loadSnoozes } from './flagSnoozes';
import { storeHealth, storeMissingAttention } from './storedHealth';
import { enqueueWebhooks, type WebhookMessage } from './webhookOutbox';
import { getThresholds } from './teamThresholds';

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
  leftAt: contacts.leftAt,
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
    // Contact is any activity but a note; of those, only meetings count as having *met* someone (SPEC §4).
    lastContact: db
      .select({
        stakeholderId: activityStakeholders.stakeholderId,
        at: max(activities.occurredAt),
        metAt: sql<string | null>`max(case when ${inArray(activities.kind, [...MEETING_KINDS])} then ${activities.occurredAt} end)`,
      })
      .from(activityStakeholders)
      .innerJoin(activities, eq(activities.id, activityStakeholders.activityId))
      .where(and(inDeals(activities.dealId), inArray(activities.kind, [...CONTACT_KINDS])))
      .groupBy(activityStakeholders.stakeholderId),
    points: db
      .select({
        dealId: infoPoints.dealId,
        point: infoPoints.point,
        status: infoPoints.status,
        verifiedAt: infoPoints.verifiedAt,
        updatedAt: infoPoints.updatedAt,
        sourceStakeholderId: infoPoints.sourceStakeholderId,
      })
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
 * travel as one parameter (`inIdList`), so one statement serves a single
 * deal room and a team of thousands of deals alike.
 */
const healthReads = prepared((db) => {
  const inDeals = (dealColumn: SQLiteColumn) => inIdList(dealColumn, sql.placeholder('ids'));
  const queries = healthQueries(db, inDeals, sql.placeholder('since'));
  return {
    people: queries.people.prepare(),
    lastContact: queries.lastContact.prepare(),
    points: queries.points.prepare(),
    history: queries.history.prepare(),
    inForce: queries.inForce.prepare(),
  };
});

async function readHealthRows(db: Db | Tx, ids: number[], since: string) {
  const queries = healthReads(db);
  const params = { ids: idList(ids), since };
  // Independent reads, sent together outside a transaction (see `together`).
  const [people, lastContact, points, history, inForce] = await together(
    () => queries.people.execute(params),
    () => queries.lastContact.execute(params),
    () => queries.points.execute(params),
    () => queries.history.execute(params),
    () => queries.inForce.execute(params),
  );
  return { people, lastContact, points, history: [...history, ...inForce] };
}

/** Health inputs for many deals at once: five queries whatever the count. */
export async function loadHealthInputs(db: Db | Tx, dealList: readonly DealFacts[], settings: ThresholdSettings, now: Date): Promise<Map<number, HealthInput>> {
  const ids = dealList.map((deal) => deal.id);
  const inputs = new Map<number, HealthInput>();
  if (ids.length === 0) return inputs;
  const since = daysBefore(now, HISTORY_DAYS).toISOString();
  const [{ people, points, history, ...rows }, snoozes] = await together(
    () => readHealthRows(db, ids, since),
    () => loadSnoozes(db, ids),
  );
  const lastContact = new Map(rows.lastContact.map((row) => [row.stakeholderId, row]));

  for (const deal of dealList) {
    inputs.set(deal.id, { deal: { stage: deal.stage, status: deal.status, closeDate: deal.closeDate }, stakeholders: [], infoPoints: [], coverageHistory: [], snoozes: [], settings, now });
  }
  const pointsByDeal = groupBy(points, (point) => point.dealId);
  for (const { dealId, ...person } of people) {
    const contact = { lastContactAt: lastContact.get(person.id)?.at ?? null, lastMetAt: lastContact.get(person.id)?.metAt ?? null };
    inputs.get(dealId)?.stakeholders.push({ ...person, ...contact, lastIntelAt: lastIntelAt({ id: person.id, ...contact }, pointsByDeal.get(dealId) ?? []) });
  }
  for (const { dealId, sourceStakeholderId: _source, ...point } of points) inputs.get(dealId)?.infoPoints.push(point);
  for (const { dealId, ...snapshot } of history) inputs.get(dealId)?.coverageHistory.push(snapshot);
  for (const { dealId, ...snooze } of snoozes) inputs.get(dealId)?.snoozes?.push(snooze);
  return inputs;
}

/** Health for a list of deals of possibly several teams (each team has its own settings). */
export async function healthForDeals(db: Db | Tx, dealList: readonly (DealFacts & { teamId: number })[], now: Date): Promise<Map<number, Health>> {
  const byTeam = groupBy(dealList, (deal) => deal.teamId);
  const result = new Map<number, Health>();
  for (const [teamId, teamDeals] of byTeam) {
    const settings = await getThresholds(db, teamId);
    for (const [dealId, input] of await loadHealthInputs(db, teamDeals, settings, now)) result.set(dealId, computeHealth(input));
  }
  return result;
}

export async function dealHealth(db: Db | Tx, deal: DealFacts & { teamId: number }, now: Date): Promise<Health> {
  return (await healthForDeals(db, [deal], now)).get(deal.id)!;
}

/**
 * The deal room's health from the people and points it has already read (they carry
 * everything scoring needs), so only the coverage window is read again.
 */
export async function dealHealthFrom(
  db: Db | Tx,
  deal: DealFacts & { teamId: number },
  rows: { stakeholders: HealthInput['stakeholders']; infoPoints: HealthInput['infoPoints'] },
  settings: ThresholdSettings,
  now: Date,
): Promise<Health> {
  const since = daysBefore(now, HISTORY_DAYS).toISOString();
  const queries = healthReads(db);
  const params = { ids: idList([deal.id]), since };
  const [history, inForce, snoozes] = await together(
    () => queries.history.execute(params),
    () => queries.inForce.execute(params),
    () => loadSnoozes(db, [deal.id]),
  );
  const coverageHistory = [...history, ...inForce].map(({ at, influence }) => ({ at, influence }));
  return computeHealth({
    deal: { stage: deal.stage, status: deal.status, closeDate: deal.closeDate },
    stakeholders: rows.stakeholders,
    infoPoints: rows.infoPoints,
    coverageHistory,
    snoozes: snoozes.map(({ dealId: _deal, ...snooze }) => snooze),
    settings,
    now,
  });
}

type Snapshot = typeof coverageSnapshots.$inferSelect;
type ThresholdFlags = Record<ThresholdKey, boolean>;
const passedOf = (thresholds: unknown) => (thresholds ?? {}) as Partial<ThresholdFlags>;
/** Key by key: PostgreSQL's jsonb gives keys back in its own order, not the order they were written in. */
const sameFlags = (before: Partial<ThresholdFlags>, after: ThresholdFlags) =>
  Object.keys(before).length === THRESHOLD_KEYS.length && THRESHOLD_KEYS.every((key) => before[key] === after[key]);

/** Each deal's latest snapshot (snapshots are append-only, so the highest id is the latest). */
const latestSnapshots = prepared((db) =>
  db
    .select()
    .from(coverageSnapshots)
    .where(
      inArray(
        coverageSnapshots.id,
        db
          .select({ id: max(coverageSnapshots.id) })
          .from(coverageSnapshots)
          .where(inIdList(coverageSnapshots.dealId, sql.placeholder('ids')))
          .groupBy(coverageSnapshots.dealId),
      ),
    )
    .prepare(),
);
const latestSnapshotsOf = async (tx: Tx, dealIds: number[]) => new Map<number, Snapshot>((await latestSnapshots(tx).execute({ ids: idList(dealIds) })).map((row) => [row.dealId, row]));

/**
 * Record each deal's coverage and thresholds where they changed since its last
 * snapshot, and log each threshold crossed or lost. Scores the deals in bulk (the
 * same handful of reads for one deal or a whole team), inside the caller's
 * transaction, so history never disagrees with data. Returns how many changed.
 */
export async function recordHealthSnapshots(tx: Tx, dealList: readonly (DealFacts & { teamId: number })[], actorId: number | null, at: Date): Promise<number> {
  if (dealList.length === 0) return 0;
  const healths = await healthForDeals(tx, dealList, at);
  const last = await latestSnapshotsOf(tx, dealList.map((deal) => deal.id));
  let recorded = 0;
  const outbox: WebhookMessage[] = [];
  for (const deal of dealList) {
    if (await recordAgainst(tx, deal, healths.get(deal.id)!, last.get(deal.id), actorId, at, outbox)) recorded += 1;
  }
  // One read of the webhooks table for the whole batch (the sweep scores 500 deals at a time).
  await enqueueWebhooks(tx, outbox, at);
  await storeHealth(tx, healths, at);
  return recorded;
}

/**
 * One deal's health as scored elsewhere — the demo seed replays a map as it grew —
 * recorded exactly as the app records it: a snapshot where it changed, an event
 * for each threshold crossed or lost. Returns whether it changed.
 */
export async function recordDealHealth(tx: Tx, deal: { id: number; teamId: number }, health: Health, actorId: number | null, at: Date): Promise<boolean> {
  await storeHealth(tx, new Map([[deal.id, health]]), at);
  const outbox: WebhookMessage[] = [];
  const changed = await recordAgainst(tx, deal, health, (await latestSnapshotsOf(tx, [deal.id])).get(deal.id), actorId, at, outbox);
  await enqueueWebhooks(tx, outbox, at);
  return changed;
}

/** Records the snapshot and threshold events; the `deal.threshold_changed` webhook messages go to `outbox` for the caller to enqueue. */
async function recordAgainst(tx: Tx, deal: { id: number; teamId: number }, health: Health, previous: Snapshot | undefined, actorId: number | null, at: Date, outbox: WebhookMessage[]): Promise<boolean> {
  const passed: ThresholdFlags = {
    information: health.thresholds.information.passed,
    relationships: health.thresholds.relationships.passed,
    topDecisionMaker: health.thresholds.topDecisionMaker.passed,
  };
  const { coverage } = health;
  const unchanged =
    previous &&
    previous.influence === coverage.influence &&
    previous.headcount === coverage.headcount &&
    previous.net === coverage.net &&
    previous.opposition === coverage.opposition &&
    sameFlags(passedOf(previous.thresholds), passed);
  if (unchanged) return false;
  await tx
    .insert(coverageSnapshots)
    .values({ dealId: deal.id, at: at.toISOString(), influence: coverage.influence, headcount: coverage.headcount, net: coverage.net, opposition: coverage.opposition, crossed: health.crossed, thresholds: passed });
  if (!previous) return true;
  const changes = diffThresholdFlags(passedOf(previous.thresholds), passed);
  const snapshot = { influence: coverage.influence, headcount: coverage.headcount, net: coverage.net, opposition: coverage.opposition };
  outbox.push(...changes.map((change) => ({ event: 'deal.threshold_changed' as const, dealId: deal.id, data: { threshold: change.threshold, before: !change.passed, after: change.passed, coverage: snapshot } })));
  for (const change of changes) {
    await recordEvent(tx, {
      teamId: deal.teamId,
      dealId: deal.id,
      actorId,
      kind: change.passed ? 'threshold.crossed' : 'threshold.lost',
      entity: 'threshold',
      entityId: null,
      before: { threshold: change.threshold, passed: !change.passed },
      after: { threshold: change.threshold, passed: change.passed },
      at,
    });
  }
  return true;
}

const dealFacts = { id: deals.id, teamId: deals.teamId, stage: deals.stage, status: deals.status, closeDate: deals.closeDate };

type TeamDealFacts = DealFacts & { teamId: number };

/** The open deals of a team, or of every team, as recordHealthSnapshots takes them. */
export async function openDealFacts(db: Db | Tx, teamId?: number): Promise<TeamDealFacts[]> {
  return db
    .select(dealFacts)
    .from(deals)
    .where(and(eq(deals.status, 'open'), teamId === undefined ? undefined : eq(deals.teamId, teamId)))
    .orderBy(asc(deals.id));
}

/** The closed deals of a team, or of every team: their stored health is re-scored too, without history. */
export async function closedDealFacts(db: Db | Tx, teamId?: number): Promise<TeamDealFacts[]> {
  return db
    .select(dealFacts)
    .from(deals)
    .where(and(ne(deals.status, 'open'), teamId === undefined ? undefined : eq(deals.teamId, teamId)))
    .orderBy(asc(deals.id));
}

/** Score and store, without a snapshot or an event: a closed deal's history ended with its close. */
export async function storeScoredHealth(tx: Tx, dealList: readonly TeamDealFacts[], at: Date): Promise<number> {
  return storeHealth(tx, await healthForDeals(tx, dealList, at), at);
}

/** Deals per transaction when many are scored at once (the sweep, the first start after an upgrade). */
export const HEALTH_BATCH = 500;

/**
 * Score and store every deal that has no stored health yet — a database from before
 * stored health (SPEC §13), on its first start. Idempotent: two instances starting
 * together each store the same rows. Returns how many were stored.
 */
export async function storeMissingHealth(db: Db, now: Date): Promise<number> {
  const missing = await db
    .select(dealFacts)
    .from(deals)
    .where(sql`not exists (select 1 from ${dealHealthTable} where ${dealHealthTable.dealId} = ${deals.id})`)
    .orderBy(asc(deals.id));
  for (let start = 0; start < missing.length; start += HEALTH_BATCH) {
    const batch = missing.slice(start, start + HEALTH_BATCH);
    await writeTransaction(db, (tx) => storeScoredHealth(tx, batch, now));
  }
  // Stored before the deal kept its attention rank (ADR 30): copy it over, once.
  await writeTransaction(db, (tx) => storeMissingAttention(tx));
  return missing.length;
}

/** Every deal a contact is mapped on: a change to the contact's level moves all their coverages. */
export async function dealFactsOfContact(db: Db | Tx, contactId: number): Promise<TeamDealFacts[]> {
  return db
    .select(dealFacts)
    .from(deals)
    .where(inArray(deals.id, db.select({ id: stakeholders.dealId }).from(stakeholders).where(eq(stakeholders.contactId, contactId))));
}

/** One deal's snapshot after a write to it (see recordHealthSnapshots). */
export async function refreshHealthSnapshot(tx: Tx, dealId: number, actorId: number | null, at: Date): Promise<boolean> {
  const deal = first(await tx.select(dealFacts).from(deals).where(eq(deals.id, dealId)).limit(1));
  return deal ? (await recordHealthSnapshots(tx, [deal], actorId, at)) > 0 : false;
}

/** The thresholds whose flag flipped; a flag the last snapshot did not record is no change. */
function diffThresholdFlags(before: Partial<ThresholdFlags>, after: ThresholdFlags) {
  return THRESHOLD_KEYS.filter((key) => before[key] !== undefined && before[key] !== after[key]).map((threshold) => ({ threshold, passed: after[threshold] }));
}
