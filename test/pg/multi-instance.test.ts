/**
 * SPEC §14: several app instances share one PostgreSQL, and a client may hit a different
 * one on every request. Two real servers (child processes, started at the same moment on
 * one fresh database), driven over HTTP with the typed client.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs } from '../helpers/api';
import { freePort, startChildServer, type ChildServer } from '../helpers/child-server';
import { createTestDatabase, dropTestDatabase } from '../helpers/postgres';
import { DEMO_PASSWORD } from '../helpers/server';

/** Low enough to reach in a test; the per-IP limit (5×) stays above every login this file makes. */
const LOGIN_RATE_LIMIT = 5;

describe('two app instances on one PostgreSQL', () => {
  let url: string;
  let admin: pg.Pool;
  let servers: [ChildServer, ChildServer];
  /** Either instance, at random: a load balancer that keeps no affinity. */
  const anyInstance = () => servers[Math.random() < 0.5 ? 0 : 1];

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await admin.query<{ n: number }>(sql, params);
    return Number(rows[0]?.n);
  }

  beforeAll(async () => {
    url = await createTestDatabase();
    admin = new pg.Pool({ connectionString: url, max: 2 });
    const [portA, portB] = [await freePort(), await freePort()];
    const env = { SEED_DEMO: '1', LOGIN_RATE_LIMIT: String(LOGIN_RATE_LIMIT), HEALTH_SWEEP_MINUTES: '0' };
    // Started together on an empty database: both migrate and try to seed at once.
    servers = await Promise.all([startChildServer(url, portA, env), startChildServer(url, portB, env)]);
  });

  afterAll(async () => {
    await Promise.all(servers?.map((server) => server.kill()) ?? []);
    await admin?.end();
    if (url) await dropTestDatabase(url);
  });

  it('seeds the demo exactly once when both start together on an empty database', async () => {
    expect(await count('select count(*) as n from teams')).toBe(1);
    expect(await count('select count(*) as n from users')).toBe(4);
    const deals = await count('select count(*) as n from deals');
    expect(deals).toBeGreaterThan(0);
    expect(await count('select count(distinct name) as n from deals')).toBe(deals);
    // Both serve the same data.
    const [a, b] = await Promise.all(servers.map((server) => loginAs(server, 'manager@demo.test')));
    const [{ items: listA }, { items: listB }] = await Promise.all([a!.trpc.deal.list.query(), b!.trpc.deal.list.query()]);
    expect(listA.map((deal) => deal.id)).toEqual(listB.map((deal) => deal.id));
    expect(listA).toHaveLength(deals);
  });

  it('20 clients × 10 versioned increments, each request to a random instance, apply exactly 200', async () => {
    const first = await loginAs(anyInstance(), 'rep1@demo.test');
    const deal = (await first.trpc.deal.list.query()).items.find((d) => d.name === 'Line 9 CBTC signalling platform');
    if (!deal) throw new Error('the demo seed has no Line 9 deal');
    // One session (logins count towards the per-IP limit), twenty clients, each request to either instance.
    const clientOn = (server: ChildServer) => {
      const client = new ApiSession(server.url);
      client.cookie = first.cookie;
      return client;
    };
    // ~20 attempts per applied write (every client races for the one row): a minute or more on a busy 2-core machine.
    const deadline = Date.now() + 150_000;
    let conflicts = 0;
    const worker = async () => {
      for (let applied = 0, attempts = 0; applied < 10; attempts++) {
        if (attempts > 1_000 || Date.now() > deadline) throw new Error(`gave up after ${attempts} attempts, ${applied} applied`);
        // The version read just before the write, from whichever instance answers.
        const current = (await clientOn(anyInstance()).trpc.deal.get.query({ id: deal.id })).deal;
        const res = await clientOn(anyInstance()).mutate('deal.update', { id: deal.id, version: current.version, amount: current.amount + 1 });
        if (res.ok) applied++;
        else {
          expect(res.error.code).toBe('CONFLICT');
          conflicts++;
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    const final = (await clientOn(anyInstance()).trpc.deal.get.query({ id: deal.id })).deal;
    expect(final.amount).toBe(deal.amount + 200);
    expect(final.version).toBe(deal.version + 200);
    expect(await count(`select count(*) as n from events where deal_id = $1 and kind = 'deal.updated'`, [deal.id])).toBe(200);
    expect(conflicts).toBeGreaterThan(0);
  }, 180_000);

  it('a session made on one instance works on the other; logging out on one ends it on both', async () => {
    const [a, b] = servers;
    const onA = await loginAs(a, 'rep2@demo.test');
    const onB = new ApiSession(b.url);
    onB.cookie = onA.cookie;
    const me = await onB.query('auth.me');
    expectOk(me);
    expect(me.data?.user.email).toBe('rep2@demo.test');
    expectOk(await onB.query('deal.list'));

    expectOk(await onB.mutate('auth.logout'));
    // The cookie B cleared is still what a stolen copy would replay: it must be dead on A too.
    const replay = new ApiSession(a.url);
    replay.cookie = onA.cookie;
    expect((await replay.query('auth.me')).data).toBeNull();
    const list = await replay.query('deal.list');
    expect(list.ok).toBe(false);
    expect(list.error?.code).toBe('UNAUTHORIZED');
    const again = new ApiSession(b.url);
    again.cookie = onA.cookie;
    expect((await again.query('deal.list')).error?.code).toBe('UNAUTHORIZED');
  });

  it('counts login attempts across instances', async () => {
    const email = 'admin@demo.test';
    // Alternate instances: each alone has seen at most half the attempts.
    for (let attempt = 1; attempt <= LOGIN_RATE_LIMIT; attempt++) {
      const res = await new ApiSession(servers[attempt % 2]!.url).mutate('auth.login', { email, password: 'not the password' });
      expect(res.error?.code, `attempt ${attempt}`).toBe('UNAUTHORIZED');
    }
    const refused = await new ApiSession(servers[(LOGIN_RATE_LIMIT + 1) % 2]!.url).mutate('auth.login', { email, password: DEMO_PASSWORD });
    expect(refused.error?.code).toBe('TOO_MANY_REQUESTS');
    // The other instance refuses too, even the right password: the count is in the database.
    const other = await new ApiSession(servers[LOGIN_RATE_LIMIT % 2]!.url).mutate('auth.login', { email, password: DEMO_PASSWORD });
    expect(other.error?.code).toBe('TOO_MANY_REQUESTS');
    expect(await count(`select count(*) as n from login_rate_limits where key = $1`, [`login-email:${email}`])).toBe(1);
  });

  it('kill -9 of one instance during a stream of writes: every acknowledged write is there, and the other keeps serving', async () => {
    const [victim, survivor] = servers;
    const session = await loginAs(survivor, 'rep1@demo.test');
    const on = (server: ChildServer) => {
      const client = new ApiSession(server.url);
      client.cookie = session.cookie;
      return client;
    };
    const acknowledged: string[] = [];
    const afterKill: string[] = [];
    let killed = false;
    const deadline = Date.now() + 60_000;
    // Four writers, each request to either instance; requests to the dead one fail (not acknowledged).
    const writer = async (lane: number) => {
      for (let n = 0; n < 400 && Date.now() < deadline && afterKill.length < 40; n++) {
        const name = `Failover ${lane}-${n}`;
        const target = killed ? survivor : anyInstance();
        try {
          const res = await on(target).mutate('account.create', { name, tier: 'C' });
          if (res.ok) {
            acknowledged.push(name);
            if (killed && target === survivor) afterKill.push(name);
          }
        } catch {
          // connection refused or reset by the kill: not acknowledged
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(writer);
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 300));
    await victim.kill('SIGKILL');
    killed = true;
    await Promise.all(lanes);

    expect(afterKill.length, 'the survivor kept taking writes').toBeGreaterThanOrEqual(40);
    const { rows } = await admin.query<{ name: string }>(`select name from accounts where name like 'Failover %'`);
    const stored = new Set(rows.map((row) => row.name));
    expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
    // And through the survivor's API.
    const listed = new Set((await on(survivor).trpc.account.list.query()).map((account) => account.name));
    expect(acknowledged.filter((name) => !listed.has(name))).toEqual([]);
  }, 90_000);
});
