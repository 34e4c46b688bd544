/** The dialect's fragments on SQLite; test/pg/dialect.test.ts expects the same answers from PostgreSQL. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../server/db/client';
import { jsonArrayHas, jsonText, jsonValue } from '../../server/db/dialect';
import { applyMigrations } from '../../server/db/migrate';
import { events } from '../../server/db/tables';
import { EXPECTED, runDialectCases } from '../helpers/dialect-cases';

let database: SqliteDatabase;
beforeAll(async () => {
  database = openDatabase(':memory:');
  await applyMigrations(database);
});
afterAll(() => database.close());

it('every fragment of server/db/dialect.ts gives the answers PostgreSQL gives', async () => {
  expect(await runDialectCases(database.db)).toEqual(EXPECTED);
});

it('a row whose JSON column is not JSON (SQLite stores any text) fails no query and matches nothing', async () => {
  database.sqlite.prepare(`insert into events (team_id, kind, entity, "after") values (1, 'case.broken', 'broken', '{not json')`).run();
  const rows = await database.db
    .select({ value: jsonValue(events.after, 'stakeholderId'), has: jsonArrayHas(events.after, 'stakeholderIds', 5), name: jsonText(events.after, 'name') })
    .from(events)
    .where(eq(events.entity, 'broken'));
  expect(rows).toEqual([{ value: null, has: 0, name: null }]);
});
