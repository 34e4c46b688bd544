/**
 * ADR 39: on PostgreSQL the queries built once by `prepared` are named statements, parsed
 * and planned once per pooled connection; every query built per call stays unnamed, so a
 * connection never collects more statements than there are `prepared` queries. Checked
 * in PostgreSQL's own view of the connection's statements, on a pool of one connection.
 */
import { eq } from 'drizzle-orm';
import type { Request } from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSessionUser, SESSION_COOKIE } from '../../server/auth/session';
import { openPostgres, writeTransaction, type PostgresDatabase } from '../../server/db/client';
import { applyMigrations } from '../../server/db/migrate';
import { teams } from '../../server/db/tables';
import { createTestDatabase, dropTestDatabase } from '../helpers/postgres';

let url: string;
let database: PostgresDatabase;
beforeAll(async () => {
  url = await createTestDatabase();
  database = openPostgres(url, { poolSize: 1 });
  await applyMigrations(database);
});
afterAll(async () => {
  await database?.close();
  if (url) await dropTestDatabase(url);
});

/** The named statements of the pool's one connection. */
async function statements(): Promise<{ name: string; statement: string }[]> {
  const { rows } = await database.pool.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements order by name');
  return rows;
}

it('names a prepared query once per connection, in and out of transactions, and leaves queries built per call unnamed', async () => {
  const request = { headers: { cookie: `${SESSION_COOKIE}=no-such-session-token` } } as Request;
  const now = new Date();
  expect(await statements()).toEqual([]);

  for (let call = 0; call < 3; call++) expect(await readSessionUser(database.db, request, now)).toBeNull();
  const named = await statements();
  expect(named).toEqual([{ name: expect.stringMatching(/^dealroom_[0-9a-f]{20}$/), statement: expect.stringContaining('from "sessions"') }]);

  // A transaction builds the query again for its own session: the same text, the same name, parsed already on this connection.
  expect(await writeTransaction(database.db, (tx) => readSessionUser(tx, request, now))).toBeNull();
  // Queries built per call, with different values each time.
  for (const name of ['north', 'south', 'east']) await database.db.select().from(teams).where(eq(teams.name, name));
  expect(await statements()).toEqual(named);
});
