/**
 * The import's inserts, each prepared once per connection and run once per row (SPEC §12
 * bench: tens of thousands of rows). Building one multi-row INSERT through the query
 * builder costs more than the database's own work; a prepared statement per row costs
 * microseconds on SQLite and gives each row's id back from its own statement.
 */
import { eq, sql } from 'drizzle-orm';
import { INFO_POINTS } from '../../../shared/domain';
import type { Db, Tx } from '../../db/client';
import { prepared } from '../../db/prepared';
import { accounts, contacts, coverageSnapshots, dealHealth, deals, events, importLinks, infoPoints, stakeholders } from '../../db/tables';

const p = sql.placeholder;

export const insertAccount = prepared((db) =>
  db.insert(accounts).values({ teamId: p('teamId'), name: p('name'), industry: p('industry'), createdAt: p('at') }).returning({ id: accounts.id }).prepare(),
);

export const insertContact = prepared((db) =>
  db
    .insert(contacts)
    .values({
      accountId: p('accountId'),
      name: p('name'),
      title: p('title'),
      department: p('department'),
      level: p('level'),
      reportsToContactId: p('reportsToContactId'),
      email: p('email'),
      phone: p('phone'),
      createdAt: p('at'),
      updatedAt: p('at'),
    })
    .returning({ id: contacts.id })
    .prepare(),
);

export const insertDeal = prepared((db) =>
  db
    .insert(deals)
    .values({
      teamId: p('teamId'),
      accountId: p('accountId'),
      name: p('name'),
      amount: p('amount'),
      currency: p('currency'),
      stage: p('stage'),
      status: p('status'),
      closeDate: p('closeDate'),
      ownerId: p('ownerId'),
      createdAt: p('at'),
      updatedAt: p('at'),
    })
    .returning({ id: deals.id })
    .prepare(),
);

/** A new deal's nine information points, one statement per deal. */
export const insertInfoPoints = prepared((db) => db.insert(infoPoints).values(INFO_POINTS.map((point) => ({ dealId: p('dealId'), point, updatedAt: p('at') }))).prepare());

export const insertStakeholder = prepared((db) =>
  db
    .insert(stakeholders)
    .values({ dealId: p('dealId'), contactId: p('contactId'), decisionRole: p('decisionRole'), influence: 3, stance: 'unknown', isCoach: false, createdAt: p('at'), updatedAt: p('at') })
    .returning({ id: stakeholders.id })
    .prepare(),
);

/** Rows per execution of the batched statements below (events, links): ten parameters a row stays far below either engine's limit. */
export const BATCH = 25;
/** `{name: value}` of row `i` as the placeholders `name_i` a batched statement binds. */
export const batchParams = (rows: readonly Record<string, unknown>[]) =>
  Object.fromEntries(rows.flatMap((row, i) => Object.entries(row).map(([name, value]) => [`${name}_${i}`, value])));
const at = (name: string, i: number) => p(`${name}_${i}`);

/** One statement for `n` event rows (n = BATCH, or 1 for the rest). */
const eventRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    teamId: at('teamId', i),
    dealId: at('dealId', i),
    actorId: at('actorId', i),
    kind: at('kind', i),
    entity: at('entity', i),
    entityId: at('entityId', i),
    before: at('before', i),
    after: at('after', i),
    at: at('at', i),
  }));
export const insertEvents = prepared((db) => db.insert(events).values(eventRows(BATCH)).prepare());
export const insertEvent = prepared((db) => db.insert(events).values(eventRows(1)).prepare());

const linkRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    teamId: at('teamId', i),
    source: at('source', i),
    kind: at('kind', i),
    externalId: at('externalId', i),
    localId: at('localId', i),
    hash: at('hash', i),
    importedAt: at('at', i),
  }));
const linkUpsert = (db: Db | Tx, n: number) =>
  db
    .insert(importLinks)
    .values(linkRows(n))
    .onConflictDoUpdate({
      target: [importLinks.teamId, importLinks.source, importLinks.kind, importLinks.externalId],
      set: { localId: sql`excluded.local_id`, hash: sql`excluded.hash`, importedAt: sql`excluded.imported_at` },
    })
    .prepare();
export const upsertLinks = prepared((db) => linkUpsert(db, BATCH));
export const upsertLink = prepared((db) => linkUpsert(db, 1));

const snapshotRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    dealId: at('dealId', i),
    at: at('at', i),
    influence: at('influence', i),
    headcount: at('headcount', i),
    net: at('net', i),
    opposition: at('opposition', i),
    crossed: at('crossed', i),
    thresholds: at('thresholds', i),
  }));
export const insertSnapshots = prepared((db) => db.insert(coverageSnapshots).values(snapshotRows(BATCH)).prepare());
export const insertSnapshot = prepared((db) => db.insert(coverageSnapshots).values(snapshotRows(1)).prepare());

export const setClosedThresholds = prepared((db) =>
  db
    .update(deals)
    // Update values are not encoded by the column: the JSON text goes in as it is (both engines read it as the column's JSON).
    .set({ closedThresholds: sql`${p('closedThresholds')}` })
    .where(eq(deals.id, p('id')))
    .prepare(),
);

const healthRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    dealId: at('dealId', i),
    status: at('status', i),
    crossed: at('crossed', i),
    influence: at('influence', i),
    information: at('information', i),
    relationships: at('relationships', i),
    topDecisionMaker: at('topDecisionMaker', i),
    health: at('health', i),
    scoredAt: at('scoredAt', i),
  }));
/** New deals' stored health (no row yet, so a plain insert; the row is storedHealth.ts's). */
export const insertDealHealths = prepared((db) => db.insert(dealHealth).values(healthRows(BATCH)).prepare());
export const insertDealHealth = prepared((db) => db.insert(dealHealth).values(healthRows(1)).prepare());
