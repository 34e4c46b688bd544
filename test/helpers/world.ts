/**
 * Facts about a running test server's database that the API does not expose:
 * a second team to test isolation against, and a fingerprint of every table so
 * a test can prove that a refused request wrote nothing.
 */
import { createHash } from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { events } from '../../server/db/schema';
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
 * There is no API to create teams or users (SPEC §5 Settings only lists them),
 * so the second team goes straight into the SQLite file, like an admin script would.
 */
export async function addOtherTeam(server: TestServer, name = 'Key Accounts — West'): Promise<OtherTeam> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const sqlite = server.database.sqlite;
  const stamp = new Date().toISOString();
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
  return sqlite.transaction(() => {
    const teamId = Number(sqlite.prepare('insert into teams (name, created_at) values (?, ?)').run(name, stamp).lastInsertRowid);
    sqlite
      .prepare('insert into team_settings (team_id, thresholds, updated_at) values (?, ?, ?)')
      .run(teamId, JSON.stringify(DEFAULT_THRESHOLD_SETTINGS), stamp);
    const addUser = (email: string, userName: string, role: string) =>
      Number(
        sqlite
          .prepare('insert into users (email, name, password_hash, role, team_id, created_at) values (?, ?, ?, ?, ?, ?)')
          .run(email, userName, passwordHash, role, teamId, stamp).lastInsertRowid,
      );
    const managerEmail = `manager@${slug}.test`;
    const repEmail = `rep@${slug}.test`;
    addUser(managerEmail, `${name} manager`, 'manager');
    const repId = addUser(repEmail, `${name} rep`, 'rep');
    const accountId = Number(
      sqlite.prepare('insert into accounts (team_id, name, created_at) values (?, ?, ?)').run(teamId, `${name} customer`, stamp).lastInsertRowid,
    );
    const dealId = Number(
      sqlite
        .prepare(
          'insert into deals (team_id, account_id, name, amount, close_date, owner_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(teamId, accountId, `${name} deal`, 1000, '2030-01-01', repId, stamp, stamp).lastInsertRowid,
    );
    const point = sqlite.prepare('insert into info_points (deal_id, point, updated_at) values (?, ?, ?)');
    for (let p = 1; p <= 9; p++) point.run(dealId, p, stamp);
    return { teamId, managerEmail, repEmail, accountId, dealId };
  })();
}

/** A digest of every row of every table: equal fingerprints mean nothing was written. */
export function dbFingerprint(server: TestServer): Record<string, string> {
  const sqlite = server.database.sqlite;
  const tables = sqlite
    .prepare<[], { name: string }>(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`)
    .all();
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = sqlite.prepare(`select * from "${name}"`).raw().all();
    result[name] = `${rows.length}:${createHash('sha1').update(JSON.stringify(rows)).digest('hex')}`;
  }
  return result;
}

/** How many rows the event log holds. */
export function eventCount(server: TestServer): number {
  return server.database.db.select({ n: count() }).from(events).get()?.n ?? 0;
}

/** The newest event-log row (of one kind, when given); fails the test when there is none. */
export function lastEvent(server: TestServer, kind?: string): EventRow {
  const row = server.database.db
    .select()
    .from(events)
    .where(kind === undefined ? undefined : eq(events.kind, kind))
    .orderBy(desc(events.id))
    .limit(1)
    .get();
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
  const before = dbFingerprint(server);
  const res = await write();
  const error = res.error;
  if (!error) throw new Error(`expected ${[code].flat().join(' or ')}, but the request succeeded`);
  expect(error.httpStatus).toBeLessThan(500);
  expect([code].flat(), JSON.stringify(error)).toContain(error.code);
  if (field) {
    expect(error.fields).toContain(field);
    expect(error.message).toContain(field);
  }
  expect(dbFingerprint(server)).toEqual(before);
  return { ...res, error };
}

/** `expectRefusedWithNothingWritten` bound to a suite's server, which `beforeAll` assigns later. */
export function refusalCheck(server: () => TestServer) {
  return <R extends { error?: ApiError | undefined }>(write: () => Promise<R>, code: ApiError['code'] | ApiError['code'][], field?: string) =>
    expectRefusedWithNothingWritten(server(), write, code, field);
}
