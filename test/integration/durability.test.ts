import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startChildServer, type ChildServer } from '../helpers/child-server';
import { ApiSession, expectOk } from '../helpers/api';

/** SPEC §9: acknowledged writes survive kill -9. `npm run soak` raises the count. */
const KILLS = Number(process.env.SOAK_KILLS ?? 20);

describe('acknowledged writes survive a crash of the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-crash-'));
  const databasePath = join(dir, 'crash.sqlite');
  let server: ChildServer | null = null;
  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write across ${KILLS} SIGKILLs, and the file stays intact`, async () => {
    const acknowledged: string[] = [];
    const port = await freePort();
    let cookie: string | null = null;
    for (let round = 0; round < KILLS; round++) {
      server = await startChildServer(databasePath, port);
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

      const db = new Database(databasePath);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const names = new Set(db.prepare<[], { name: string }>('select name from accounts').all().map((row) => row.name));
        const lost = acknowledged.filter((name) => !names.has(name));
        expect(lost, `acknowledged but lost after kill ${round + 1}`).toEqual([]);
      } finally {
        db.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(KILLS);
  }, Math.max(240_000, KILLS * 12_000));
});
