import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startChildServer, type ChildServer } from '../helpers/child-server';
import { ApiSession, expectOk } from '../helpers/api';
import { createTestDatabase, dropTestDatabase } from '../helpers/postgres';
import { testEngine } from '../helpers/server';

/** SPEC §9: acknowledged writes survive kill -9. `npm run soak` raises the count. */
const KILLS = Number(process.env.SOAK_KILLS ?? 20);

/** The account names the database holds, after checking (on SQLite) that the file is intact. */
async function accountNames(database: string): Promise<Set<string>> {
  if (testEngine() === 'postgres') {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      return new Set((await client.query<{ name: string }>('select name from accounts')).rows.map((row) => row.name));
    } finally {
      await client.end();
    }
  }
  const db = new Database(database);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return new Set(db.prepare<[], { name: string }>('select name from accounts').all().map((row) => row.name));
  } finally {
    db.close();
  }
}

describe('acknowledged writes survive a crash of the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-crash-'));
  /** The SQLite file, or the URL of a fresh PostgreSQL database the child servers share. */
  let database = join(dir, 'crash.sqlite');
  let server: ChildServer | null = null;
  beforeAll(async () => {
    if (testEngine() === 'postgres') database = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
    if (testEngine() === 'postgres') await dropTestDatabase(database);
  });

  it(`keeps every acknowledged write across ${KILLS} SIGKILLs, and the database stays intact`, async () => {
    const acknowledged: string[] = [];
    const port = await freePort();
    let cookie: string | null = null;
    for (let round = 0; round < KILLS; round++) {
      server = await startChildServer(database, port);
      const client = new ApiSession(server.url);
      if (cookie) client.cookie = cookie;
      else {
        const login = await client.mutate('auth.login', { email: 'rep1@demo.test', password: 'dealroom-demo' });
        expectOk(login);
        cookie = client.cookie;
      }
      // Four writers in flight; the kill lands at a random moment in the middle of them.
      let stop = false;
      const writer = async (lane: number) => {
        for (let n = 0; !stop; n++) {
          const name = `Crash test ${round}-${lane}-${n}`;
          try {
            const res = await client.mutate('account.create', { name, tier: 'C' });
            if (res.ok) acknowledged.push(name);
          } catch {
            return; // connection reset by the kill: not acknowledged
          }
        }
      };
      const lanes = [0, 1, 2, 3].map(writer);
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(lanes);

      const names = await accountNames(database);
      const lost = acknowledged.filter((name) => !names.has(name));
      expect(lost, `acknowledged but lost after kill ${round + 1}`).toEqual([]);
    }
    expect(acknowledged.length).toBeGreaterThan(KILLS);
  }, Math.max(240_000, KILLS * 12_000));
});
