/**
 * The fragments of server/db/dialect.ts run against real rows, with the answers both
 * engines must give. A process runs one engine, so test/unit/dialect.test.ts runs these on
 * SQLite and test/pg/dialect.test.ts on PostgreSQL, each expecting `EXPECTED`.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../server/db/client';
import { writeTransaction } from '../../server/db/client';
import { ascNullsFirst, byteOrder, idList, inIdList, jsonArrayHas, jsonOf, jsonText, jsonValue, optionalEquals, startsWith } from '../../server/db/dialect';
import { events, teams } from '../../server/db/tables';

/** Event documents as the log may hold them: the keys the history reads, in every shape. */
const DOCUMENTS: Record<string, unknown> = {
  number: { stakeholderId: 5, name: 'Ana', stakeholderIds: [4, 5, 6] },
  otherNumber: { stakeholderId: 6, name: 'bob', stakeholderIds: [6] },
  numberAsString: { stakeholderId: '5', name: 'Émile', stakeholderIds: ['5'] },
  jsonNull: { stakeholderId: null, name: null, stakeholderIds: null },
  scalarList: { stakeholderIds: 5 },
  nestedList: { stakeholderIds: [[5]] },
  array: [5, { stakeholderId: 5 }],
  scalar: 5,
  text: 'stakeholderId',
  missing: {},
};

export const EXPECTED = {
  valueIs5: ['number'],
  valueIsNull: ['array', 'jsonNull', 'missing', 'nestedList', 'scalar', 'scalarList', 'text'],
  listHas5: ['number', 'scalarList'],
  names: { array: null, jsonNull: null, missing: null, nestedList: null, number: 'Ana', numberAsString: 'Émile', otherNumber: 'bob', scalar: null, scalarList: null, text: null },
  kindFamily: ['stakeholder.added', 'stakeholder.moved'],
  inIdList: ['ana', 'Ängel'],
  inEmptyList: [],
  optionalAll: 3,
  optionalOne: ['ana'],
  nullsFirst: [null, 1, 2],
  nullsLastDesc: [2, 1, null],
  byteOrder: ['Zed', 'ana', 'Ängel'],
};

/** Fill an empty, migrated database and run every fragment; returns what EXPECTED describes. */
export async function runDialectCases(db: Db) {
  const teamId = await writeTransaction(db, async (tx) => {
    const rows = await tx.insert(teams).values([{ name: 'Zed' }, { name: 'ana' }, { name: 'Ängel' }]).returning();
    const teamId = rows[0]!.id;
    for (const [key, doc] of Object.entries(DOCUMENTS)) await tx.insert(events).values({ teamId, kind: `case.${key}`, entity: 'case', after: doc });
    for (const kind of ['stakeholder.added', 'stakeholder.moved', 'Stakeholder.added', 'stakeholders.added', 'stakeholderX']) await tx.insert(events).values({ teamId, kind, entity: 'kind' });
    for (const dealId of [2, null, 1]) await tx.insert(events).values({ teamId, dealId, kind: 'order.case', entity: 'order' });
    return teamId;
  });
  const cases = async (where: SQL) =>
    (await db.select({ kind: events.kind }).from(events).where(and(eq(events.entity, 'case'), where))).map((row) => row.kind.slice('case.'.length)).sort();
  const names = await db.select({ kind: events.kind, name: jsonText(events.after, 'name') }).from(events).where(eq(events.entity, 'case'));
  const dealIdsOrdered = async (order: SQL) => (await db.select({ dealId: events.dealId }).from(events).where(eq(events.entity, 'order')).orderBy(order)).map((row) => row.dealId);
  const inList = db.select({ name: teams.name }).from(teams).where(inIdList(teams.id, sql.placeholder('ids'))).orderBy(asc(teams.id)).prepare();
  const byName = db.select({ name: teams.name }).from(teams).where(optionalEquals(teams.name, sql.placeholder('name'))).prepare();
  return {
    valueIs5: await cases(sql`${jsonValue(events.after, 'stakeholderId')} = ${jsonOf(5)}`),
    valueIsNull: await cases(sql`${jsonValue(events.after, 'stakeholderId')} is null`),
    listHas5: await cases(jsonArrayHas(events.after, 'stakeholderIds', 5)),
    names: Object.fromEntries(names.map((row) => [row.kind.slice('case.'.length), typeof row.name === 'string' ? row.name : null])),
    kindFamily: (await db.select({ kind: events.kind }).from(events).where(startsWith(events.kind, 'stakeholder.')).orderBy(asc(events.kind))).map((row) => row.kind),
    inIdList: (await inList.execute({ ids: idList([teamId + 1, teamId + 2, teamId + 999]) })).map((row) => row.name),
    inEmptyList: await inList.execute({ ids: idList([]) }),
    optionalAll: (await byName.execute({ name: null })).length,
    optionalOne: (await byName.execute({ name: 'ana' })).map((row) => row.name),
    nullsFirst: await dealIdsOrdered(ascNullsFirst(events.dealId)),
    nullsLastDesc: await dealIdsOrdered(sql`${events.dealId} desc nulls last`),
    byteOrder: (await db.select({ name: teams.name }).from(teams).orderBy(byteOrder(teams.name))).map((row) => row.name),
  };
}
