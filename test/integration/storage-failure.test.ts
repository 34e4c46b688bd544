/**
 * When the disk refuses a write — the file turned read-only, or the disk is full —
 * the user gets a clear error, nothing is half-written, and the server keeps serving.
 * On SQLite, simulated with SQLite's own switches (query_only and max_page_count); on
 * PostgreSQL, a database made read-only by its administrator (a full disk cannot be
 * simulated there without a disk of its own: errors.ts maps its SQLSTATE 53100 alike).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectOk, loginAs, type ApiSession } from '../helpers/api';
import { startTestServer, testEngine, type TestServer } from '../helpers/server';
import { eventCount } from '../helpers/world';

const engine = testEngine();

let server: TestServer;
let rep: ApiSession;
let dealId: number;

beforeAll(async () => {
  server = await startTestServer();
  rep = await loginAs(server, 'rep1@demo.test');
  const harbor = (await rep.trpc.deal.list.query({})).items.find((deal) => deal.name === 'Core banking mainframe refresh');
  if (!harbor) throw new Error('the demo seed has no Harbor Bank deal');
  dealId = harbor.id;
  // The operator must hear about storage that refuses writes: the server logs each one as an error.
  server.expectedErrors.push(/SQLITE_READONLY|SQLITE_FULL|read-only transaction|"statusCode":503/);
});
afterAll(() => server.stop());

/** Information point 7 of the deal, as deal.get shows it now. */
async function pointSeven() {
  const point = (await rep.trpc.deal.get.query({ id: dealId })).infoPoints.find((p) => p.point === 7);
  if (!point) throw new Error('deal.get lists no information point 7');
  return point;
}

async function tryToWrite() {
  const point = await pointSeven();
  return rep.mutate('infoPoint.update', { dealId, point: 7, version: point.version, status: 'partial', summary: 'Customer offers a project room' });
}

/** The SQLite connection the server writes on: these tests switch SQLite itself. */
function sqliteOf(testServer: TestServer) {
  if (testServer.database.engine !== 'sqlite') throw new Error('a SQLite-only test ran on PostgreSQL');
  return testServer.database.sqlite;
}

// The switches below are SQLite's own (pragmas on the server's connection); PostgreSQL has its own test further down.
describe.skipIf(engine === 'postgres')('storage that refuses writes (SQLite)', () => {
  it('a read-only database gives SERVICE_UNAVAILABLE with a clear message, and reads keep working', async () => {
    const events = await eventCount(server);
    sqliteOf(server).pragma('query_only = ON');
    try {
      const res = await tryToWrite();
      expect(res.error?.httpStatus).toBe(503);
      expect(res.error?.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.error?.message).toBe('The database is read-only right now; your change was not saved');
      expectOk(await rep.query('deal.get', { id: dealId }));
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      sqliteOf(server).pragma('query_only = OFF');
    }
    expect(await eventCount(server)).toBe(events);
    expect(server.loggedErrors.splice(0).join('\n')).toContain('SQLITE_READONLY');
    expectOk(await tryToWrite());
  });

  it('a full disk gives SERVICE_UNAVAILABLE, rolls the whole change back, and the server stays up', async () => {
    const sqlite = sqliteOf(server);
    const pages = (sqlite.pragma('page_count', { simple: true }) as number);
    const events = await eventCount(server);
    const before = await pointSeven();
    // Fill the file to its limit, so the next write needs a page it cannot have.
    sqlite.pragma(`max_page_count = ${pages}`);
    try {
      const big = 'x'.repeat(3900);
      const res = await rep.mutate('infoPoint.update', { dealId, point: 7, version: before.version, summary: big });
      expect(res.error?.httpStatus).toBe(503);
      expect(res.error?.message).toBe('The database disk is full; your change was not saved');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      sqlite.pragma('max_page_count = 4294967294');
    }
    expect(await eventCount(server)).toBe(events);
    expect(server.loggedErrors.splice(0).join('\n')).toContain('SQLITE_FULL');
    expect(await pointSeven()).toEqual(before);
  });
});

describe.skipIf(engine !== 'postgres')('storage that refuses writes (PostgreSQL)', () => {
  /**
   * As the administrator would: `ALTER DATABASE … SET default_transaction_read_only`,
   * which holds for new sessions, then end the app's sessions so its pool reconnects
   * under the new setting. From the maintenance database, so the switch back is not
   * itself refused.
   */
  async function setReadOnly(readOnly: boolean) {
    if (server.database.engine !== 'postgres') throw new Error('a PostgreSQL-only test ran on SQLite');
    const name = decodeURIComponent(new URL(server.database.url).pathname.slice(1));
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    try {
      const database = admin.escapeIdentifier(name);
      await admin.query(readOnly ? `ALTER DATABASE ${database} SET default_transaction_read_only = on` : `ALTER DATABASE ${database} RESET default_transaction_read_only`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    } finally {
      await admin.end();
    }
    // The pool drops the ended (idle) connections when it hears of it; give it that moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  it('a read-only database gives SERVICE_UNAVAILABLE with a clear message, and reads keep working', async () => {
    const events = await eventCount(server);
    const before = await pointSeven();
    await setReadOnly(true);
    try {
      const res = await tryToWrite();
      expect(res.error?.httpStatus).toBe(503);
      expect(res.error?.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.error?.message).toBe('The database is read-only right now; your change was not saved');
      expectOk(await rep.query('deal.get', { id: dealId }));
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await setReadOnly(false);
    }
    expect(await eventCount(server)).toBe(events);
    expect(await pointSeven()).toEqual(before);
    expect(server.loggedErrors.splice(0).join('\n')).toContain('cannot execute UPDATE in a read-only transaction');
    expectOk(await tryToWrite());
  });
});
