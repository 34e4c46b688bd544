/**
 * When the disk refuses a write — the file turned read-only, or the disk is full —
 * the user gets a clear error, nothing is half-written, and the server keeps serving.
 * (Simulated with SQLite's own switches: query_only and max_page_count.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startTestServer, type ApiClient, type TestServer } from '../helpers/server';

let server: TestServer;
let rep: ApiClient;
let dealId: number;

beforeAll(async () => {
  server = await startTestServer();
  rep = await loginAs(server, 'rep1@demo.test');
  dealId = (await rep.query('deal.list', {})).data.find((deal: { name: string }) => deal.name === 'Core banking mainframe refresh').id;
});
afterAll(() => server.stop());

const countEvents = () => (server.database.sqlite.prepare('select count(*) as n from events').get() as { n: number }).n;

async function tryToWrite() {
  const point = (await rep.query('deal.get', { id: dealId })).data.infoPoints.find((p: { point: number }) => p.point === 7);
  return rep.mutate('infoPoint.update', { dealId, point: 7, version: point.version, status: 'partial', summary: 'Customer offers a project room' });
}

describe('storage that refuses writes', () => {
  it('a read-only database gives SERVICE_UNAVAILABLE with a clear message, and reads keep working', async () => {
    const events = countEvents();
    server.database.sqlite.pragma('query_only = ON');
    try {
      const res = await tryToWrite();
      expect(res.status).toBe(503);
      expect(res.error?.data.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.error?.message).toBe('The database is read-only right now; your change was not saved');
      expect((await rep.query('deal.get', { id: dealId })).ok).toBe(true);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      server.database.sqlite.pragma('query_only = OFF');
    }
    expect(countEvents()).toBe(events);
    expect((await tryToWrite()).ok).toBe(true);
  });

  it('a full disk gives SERVICE_UNAVAILABLE, rolls the whole change back, and the server stays up', async () => {
    const sqlite = server.database.sqlite;
    const pages = (sqlite.pragma('page_count', { simple: true }) as number);
    const events = countEvents();
    const before = (await rep.query('deal.get', { id: dealId })).data.infoPoints.find((p: { point: number }) => p.point === 7);
    // Fill the file to its limit, so the next write needs a page it cannot have.
    sqlite.pragma(`max_page_count = ${pages}`);
    try {
      const big = 'x'.repeat(3900);
      const res = await rep.mutate('infoPoint.update', { dealId, point: 7, version: before.version, summary: big });
      expect(res.status).toBe(503);
      expect(res.error?.message).toBe('The database disk is full; your change was not saved');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      sqlite.pragma('max_page_count = 4294967294');
    }
    expect(countEvents()).toBe(events);
    const after = (await rep.query('deal.get', { id: dealId })).data.infoPoints.find((p: { point: number }) => p.point === 7);
    expect(after).toEqual(before);
  });
});
