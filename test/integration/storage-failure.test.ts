/**
 * When the disk refuses a write — the file turned read-only, or the disk is full —
 * the user gets a clear error, nothing is half-written, and the server keeps serving.
 * (Simulated with SQLite's own switches: query_only and max_page_count.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, loginAs, type ApiSession } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { eventCount } from '../helpers/world';

let server: TestServer;
let rep: ApiSession;
let dealId: number;

beforeAll(async () => {
  server = await startTestServer();
  rep = await loginAs(server, 'rep1@demo.test');
  const harbor = (await rep.trpc.deal.list.query({})).find((deal) => deal.name === 'Core banking mainframe refresh');
  if (!harbor) throw new Error('the demo seed has no Harbor Bank deal');
  dealId = harbor.id;
  // The operator must hear about storage that refuses writes: the server logs each one as an error.
  server.expectedErrors.push(/SQLITE_READONLY|SQLITE_FULL|"statusCode":503/);
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

describe('storage that refuses writes', () => {
  it('a read-only database gives SERVICE_UNAVAILABLE with a clear message, and reads keep working', async () => {
    const events = eventCount(server);
    server.database.sqlite.pragma('query_only = ON');
    try {
      const res = await tryToWrite();
      expect(res.error?.httpStatus).toBe(503);
      expect(res.error?.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.error?.message).toBe('The database is read-only right now; your change was not saved');
      expectOk(await rep.query('deal.get', { id: dealId }));
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      server.database.sqlite.pragma('query_only = OFF');
    }
    expect(eventCount(server)).toBe(events);
    expect(server.loggedErrors.splice(0).join('\n')).toContain('SQLITE_READONLY');
    expectOk(await tryToWrite());
  });

  it('a full disk gives SERVICE_UNAVAILABLE, rolls the whole change back, and the server stays up', async () => {
    const sqlite = server.database.sqlite;
    const pages = (sqlite.pragma('page_count', { simple: true }) as number);
    const events = eventCount(server);
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
    expect(eventCount(server)).toBe(events);
    expect(server.loggedErrors.splice(0).join('\n')).toContain('SQLITE_FULL');
    expect(await pointSeven()).toEqual(before);
  });
});
