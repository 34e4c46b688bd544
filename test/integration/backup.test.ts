import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, loginAs } from '../helpers/api';
import { startTestServer, testEngine, type TestServer } from '../helpers/server';

// scripts/backup.ts copies the SQLite file (SQLite's online backup API); on PostgreSQL
// backups are pg_dump's job (README), so there is nothing of ours to test there.
describe.skipIf(testEngine() === 'postgres')('online backup and restore', () => {
  let live: TestServer;
  let restored: TestServer | null = null;
  beforeAll(async () => {
    live = await startTestServer();
  });
  afterAll(async () => {
    await restored?.stop();
    await live.stop();
  });

  it('backs up the live database while it serves, and the backup restores into a working server', async () => {
    const rep = await loginAs(live, 'rep1@demo.test');
    expectOk(await rep.mutate('account.create', { name: 'Written before the backup' }));
    if (live.database.engine !== 'sqlite') throw new Error('the backup test runs on SQLite only');
    const file = join(live.dir, 'backup.sqlite');
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', file], {
      env: { ...process.env, DATABASE_PATH: live.database.sqlite.name },
      encoding: 'utf8',
    });
    expect(output).toContain('integrity ok');
    // The live server kept working during and after the backup.
    expectOk(await rep.mutate('account.create', { name: 'Written after the backup' }));

    // Restore = start a server on the backup file.
    restored = await startTestServer({ env: { DATABASE_PATH: file } });
    const again = await loginAs(restored, 'rep1@demo.test');
    const names = (await again.trpc.account.list.query()).map((a) => a.name);
    expect(names).toContain('Written before the backup');
    expect(names).not.toContain('Written after the backup');
  });
});
