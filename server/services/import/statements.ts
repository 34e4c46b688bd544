/**
 * The import's inserts, each prepared once per connection and run once per row (SPEC §12
 * bench: tens of thousands of rows). Building one multi-row INSERT through the query
 * builder costs more than the database's own work; a prepared statement per row costs
 * microseconds on SQLite and gives each row's id back from its own statement.
 */
import { eq, sql } from 'drizzle-orm';
import { prepared } from '../../db/prepared';
import { accounts, contacts, coverageSnapshots, deals, events, importLinks, infoPoints, stakeholders } from '../../db/tables';

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

export const insertInfoPoint = prepared((db) => db.insert(infoPoints).values({ dealId: p('dealId'), point: p('point'), updatedAt: p('at') }).prepare());

export const insertStakeholder = prepared((db) =>
  db
    .insert(stakeholders)
    .values({ dealId: p('dealId'), contactId: p('contactId'), decisionRole: p('decisionRole'), influence: 3, stance: 'unknown', isCoach: false, createdAt: p('at'), updatedAt: p('at') })
    .returning({ id: stakeholders.id })
    .prepare(),
);

export const insertEvent = prepared((db) =>
  db
    .insert(events)
    .values({ teamId: p('teamId'), dealId: p('dealId'), actorId: p('actorId'), kind: p('kind'), entity: p('entity'), entityId: p('entityId'), before: p('before'), after: p('after'), at: p('at') })
    .prepare(),
);

export const upsertLink = prepared((db) =>
  db
    .insert(importLinks)
    .values({ teamId: p('teamId'), source: p('source'), kind: p('kind'), externalId: p('externalId'), localId: p('localId'), hash: p('hash'), importedAt: p('at') })
    .onConflictDoUpdate({
      target: [importLinks.teamId, importLinks.source, importLinks.kind, importLinks.externalId],
      set: { localId: sql`excluded.local_id`, hash: sql`excluded.hash`, importedAt: sql`excluded.imported_at` },
    })
    .prepare(),
);

export const insertSnapshot = prepared((db) =>
  db
    .insert(coverageSnapshots)
    .values({ dealId: p('dealId'), at: p('at'), influence: p('influence'), headcount: p('headcount'), net: p('net'), opposition: p('opposition'), crossed: p('crossed'), thresholds: p('thresholds') })
    .prepare(),
);

export const setClosedThresholds = prepared((db) =>
  db
    .update(deals)
    // Update values are not encoded by the column: the JSON text goes in as it is (both engines read it as the column's JSON).
    .set({ closedThresholds: sql`${p('closedThresholds')}` })
    .where(eq(deals.id, p('id')))
    .prepare(),
);
