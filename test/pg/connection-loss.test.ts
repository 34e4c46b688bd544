/**
 * SPEC §6 and issue #13: a PostgreSQL that cannot be reached answers a clear
 * SERVICE_UNAVAILABLE, never a 500, and the server recovers by itself when the database
 * is back. Simulated on a real server: the database stops accepting connections and every
 * connection the app holds is terminated.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectOk, loginAs, type ApiSession } from '../helpers/api';
import { freePort, startChildServer, type ChildServer } from '../helpers/child-server';
import { createTestDatabase, dropTestDatabase } from '../helpers/postgres';

describe('the database goes away and comes back', () => {
  let url: string;
  let name: string;
  let admin: pg.Client;
  let server: ChildServer;
  let rep: ApiSession;

  /** Refuse (or allow again) new connections to the app's database, and end the ones it holds. */
  async function cutOff(cut: boolean) {
    await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS ${cut ? 'false' : 'true'}`);
    if (cut) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  }

  beforeAll(async () => {
    url = await createTestDatabase();
    name = decodeURIComponent(new URL(url).pathname.slice(1));
    admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    server = await startChildServer(url, await freePort(), { SEED_DEMO: '1', HEALTH_SWEEP_MINUTES: '0' });
    rep = await loginAs({ url: server.url }, 'rep1@demo.test');
  });

  afterAll(async () => {
    await server?.kill();
    if (admin) {
      await cutOff(false).catch(() => undefined);
      await admin.end();
    }
    if (url) await dropTestDatabase(url);
  });

  it('answers SERVICE_UNAVAILABLE while it is gone, and serves again once it is back', async () => {
    const deals = await rep.query('deal.list', {});
    expectOk(deals);
    expect(deals.data.items.length).toBeGreaterThan(0);

    await cutOff(true);
    try {
      const read = await rep.query('deal.list', {});
      expect(read.ok).toBe(false);
      expect(read.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
      expect(read.error?.message).toBe('The database cannot be reached right now; nothing was changed, try again in a moment');
      const healthz = await fetch(`${server.url}/healthz`);
      expect(healthz.status).toBeLessThan(600);
    } finally {
      await cutOff(false);
    }

    const again = await rep.query('deal.list', {});
    expectOk(again);
    expect(again.data.items.map((deal) => deal.id)).toEqual(deals.data.items.map((deal) => deal.id));
    expect(server.stderr()).not.toMatch(/Unhandled|uncaught/i);
  });
});
