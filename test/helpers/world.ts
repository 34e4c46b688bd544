/**
 * Facts about a running test server's database that the API does not expose: a second
 * team to test isolation against, a fingerprint of every table so a test can prove that
 * a refused request wrote nothing, the event log, and plain SQL for the rest. Each works
 * alike on SQLite and PostgreSQL (whichever the server runs on, see ./server.ts).
 */
import { createHash } from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { RATE_LIMIT_TABLE } from '../../server/auth/rate-limit';
import { writeTransaction } from '../../server/db/client';
import { accounts, deals, events, infoPoints, teamSettings, teams, users } from '../../server/db/tables';
import { first, single } from '../../server/db/rows';
import { storeMissingHealth } from '../../server/services/health';
import { DEFAULT_THRESHOLD_SETTINGS } from '../../shared/settings';
import type { ApiError } from './api';
import { DEMO_PASSWORD, type TestServer } from './server';

/** One row of the event log, as the schema types it (`before`/`after` are parsed JSON). */
export type EventRow = typeof events.$inferSelect;

export interface OtherTeam {
  teamId: number;
  managerEmail: string;
  repEmail: string;
  accountId: number;
  dealId: number;
}

/**
 * Plain SQL on the server's database, for what a test reads from a table directly. Write
 * parameters as `?` (numbered `$1…` on PostgreSQL here). Values come back as the driver
 * gives them: on PostgreSQL `count(*)` is a bigint string and booleans are booleans, on
 * SQLite numbers — `cast(count(*) as integer)` is a number on both.
 */
export async function sql<Row extends Record<string, unknown> = Record<string, unknown>>(
  server: TestServer,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const database = server.database;
  if (database.engine === 'sqlite') return database.sqlite.prepare(text).all(...params) as Row[];
  let n = 0;
  // `?` outside quoted strings and identifiers becomes $1, $2, …
  const numbered = text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) => (match === '?' ? `$${++n}` : match));
  return (await database.pool.query<Row>(numbered, params)).rows;
}

/**
 * There is no API to create teams or users (SPEC §5 Settings only lists them), so the
 * second team goes straight into the database, like an admin script would: one write
 * transaction on the server's own writer, through drizzle and the tables of its engine.
 */
export async function addOtherTeam(server: TestServer, name = 'Key Accounts — West'): Promise<OtherTeam> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const stamp = new Date().toISOString();
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
  const managerEmail = `manager@${slug}.test`;
  const repEmail = `rep@${slug}.test`;
  const team = await writeTransaction(server.database.db, async (tx) => {
    const { id: teamId } = single(await tx.insert(teams).values({ name, createdAt: stamp }).returning({ id: teams.id }));
    await tx.insert(teamSettings).values({ teamId, thresholds: DEFAULT_THRESHOLD_SETTINGS, updatedAt: stamp });
    const addUser = async (email: string, userName: string, role: 'manager' | 'rep') =>
      single(await tx.insert(users).values({ email, name: userName, passwordHash, role, teamId, createdAt: stamp }).returning({ id: users.id })).id;
    await addUser(managerEmail, `${name} manager`, 'manager');
    const repId = await addUser(repEmail, `${name} rep`, 'rep');
    const { id: accountId } = single(
      await tx.insert(accounts).values({ teamId, name: `${name} customer`, createdAt: stamp }).returning({ id: accounts.id }),
    );
    const { id: dealId } = single(
      await tx
        .insert(deals)
        .values({ teamId, accountId, name: `${name} deal`, amount: 1000, closeDate: '2030-01-01', ownerId: repId, createdAt: stamp, updatedAt: stamp })
        .returning({ id: deals.id }),
    );
    await tx.insert(infoPoints).values(Array.from({ length: 9 }, (_, i) => ({ dealId, point: i + 1, updatedAt: stamp })));
    return { teamId, managerEmail, repEmail, accountId, dealId };
  });
  // The deal skipped the services, so its stored health is missing: store it as the server does at start, or lists would not show it.
  await storeMissingHealth(server.database.db, new Date());
  return team;
}

/** Every value in one form whatever the engine: booleans as 0/1, JSON (text or jsonb) with sorted keys. */
function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return `hex:${value.toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return canonicalJson(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (typeof value === 'object') return canonicalJson(value);
  return value;
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * The app's tables and the primary-key columns of each. Not drizzle's migration journal,
 * nor the login rate limiter's counters (PostgreSQL only; on SQLite they are in memory):
 * a refused login attempt counts there on purpose, on both engines.
 */
async function tablesOf(server: TestServer): Promise<{ name: string; primaryKey: string[] }[]> {
  return (await catalogTables(server)).filter((table) => table.name !== RATE_LIMIT_TABLE);
}

async function catalogTables(server: TestServer): Promise<{ name: string; primaryKey: string[] }[]> {
  const database = server.database;
  if (database.engine === 'sqlite') {
    const names = database.sqlite
      .prepare<[], { name: string }>(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`)
      .all();
    return names.map(({ name }) => ({
      name,
      primaryKey: database.sqlite
        .prepare<[], { name: string; pk: number }>(`select name, pk from pragma_table_info('${name.replace(/'/g, "''")}') where pk > 0 order by pk`)
        .all()
        .map((column) => column.name),
    }));
  }
  const { rows } = await database.pool.query<{ name: string; primary_key: string[] | null }>(
    `SELECT t.table_name AS name,
            (SELECT array_agg(a.attname::text ORDER BY k.ord)
               FROM pg_index x
               CROSS JOIN unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
              WHERE x.indrelid = format('%I.%I', t.table_schema, t.table_name)::regclass AND x.indisprimary) AS primary_key
       FROM information_schema.tables t
      WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name NOT LIKE '\\_\\_drizzle%'
      ORDER BY t.table_name COLLATE "C"`,
  );
  return rows.map((row) => ({ name: row.name, primaryKey: row.primary_key ?? [] }));
}

/**
 * A digest of every row of every table: equal fingerprints mean nothing was written.
 * Rows in primary-key order (PostgreSQL returns them in whatever order it finds them),
 * each with its columns sorted by name and its values normalised.
 */
export async function dbFingerprint(server: TestServer): Promise<Record<string, string>> {
  const tables = await tablesOf(server);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const digests = await Promise.all(
    tables.map(async ({ name, primaryKey }) => {
      // Without a primary key: SQLite's rowid, or every column on PostgreSQL.
      const order = primaryKey.length > 0 ? primaryKey.map(quote).join(', ') : server.database.engine === 'sqlite' ? 'rowid' : '1';
      const rows = await sql(server, `select * from ${quote(name)} order by ${order}`);
      const normalised = rows.map((row) =>
        Object.keys(row)
          .sort()
          .map((column) => [column, normalise(row[column])]),
      );
      if (primaryKey.length === 0 && server.database.engine === 'postgres') normalised.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      return [name, `${rows.length}:${createHash('sha1').update(JSON.stringify(normalised)).digest('hex')}`] as const;
    }),
  );
  return Object.fromEntries(digests);
}

/** How many rows the event log holds. */
export async function eventCount(server: TestServer): Promise<number> {
  return first(await server.database.db.select({ n: count() }).from(events))?.n ?? 0;
}

/** The newest event-log row (of one kind, when given); fails the test when there is none. */
export async function lastEvent(server: TestServer, kind?: string): Promise<EventRow> {
  const row = first(
    await server.database.db
      .select()
      .from(events)
      .where(kind === undefined ? undefined : eq(events.kind, kind))
      .orderBy(desc(events.id))
      .limit(1),
  );
  if (!row) throw new Error(`no event${kind ? ` of kind ${kind}` : ''} in the log`);
  return row;
}

/**
 * A refused request: the expected code (or one of them), never a 5xx, the named
 * field in both the message and `fields`, and not one row changed anywhere.
 * Takes a typed call or a raw one (`session.raw.mutate`) for deliberately wrong input.
 */
export async function expectRefusedWithNothingWritten<R extends { error?: ApiError | undefined }>(
  server: TestServer,
  write: () => Promise<R>,
  code: ApiError['code'] | ApiError['code'][],
  field?: string,
): Promise<R & { error: ApiError }> {
  const before = await dbFingerprint(server);
  const res = await write();
  const error = res.error;
  if (!error) throw new Error(`expected ${[code].flat().join(' or ')}, but the request succeeded`);
  expect(error.httpStatus).toBeLessThan(500);
  expect([code].flat(), JSON.stringify(error)).toContain(error.code);
  if (field) {
    expect(error.fields).toContain(field);
    expect(error.message).toContain(field);
  }
  expect(await dbFingerprint(server)).toEqual(before);
  return { ...res, error };
}

/** `expectRefusedWithNothingWritten` bound to a suite's server, which `beforeAll` assigns later. */
export function refusalCheck(server: () => TestServer) {
  return <R extends { error?: ApiError | undefined }>(write: () => Promise<R>, code: ApiError['code'] | ApiError['code'][], field?: string) =>
    expectRefusedWithNothingWritten(server(), write, code, field);
}
