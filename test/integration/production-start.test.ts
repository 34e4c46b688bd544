/**
 * `npm start` runs the built server with plain Node: one process, no TypeScript loader
 * (docs/decisions/0021-server-build.md). The bundle is the one `npm start` would run,
 * built here first when it is missing or older than the sources (its prestart check), and
 * it must find its migrations, seed the demo and answer a signed-in user without anything
 * from server/ at run time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../helpers/api';
import { freePort, startChildServer, type ChildServer } from '../helpers/child-server';
import { createTestDatabase, dropTestDatabase } from '../helpers/postgres';
import { childrenOf, procList } from '../helpers/proc';
import { testEngine } from '../helpers/server';

/** Node's arguments in package.json's `start` script, checked to start with plain `node`. */
function startArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = (scripts.start ?? '').split(/\s+/);
  expect(command).toBe('node');
  return args;
}

describe('production start: the built server on plain Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-start-'));
  let database = join(dir, 'start.sqlite');
  let server: ChildServer | null = null;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/ensure-build.mjs', 'server'], { stdio: 'pipe', timeout: 60_000 });
    if (testEngine() === 'postgres') database = await createTestDatabase();
    server = await startChildServer(database, await freePort(), { NODE_ENV: 'production' }, startArgs());
  }, 90_000);

  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    if (testEngine() === 'postgres') await dropTestDatabase(database);
  });

  it('migrates, seeds, signs a demo user in and reads a deal', async () => {
    const rep = await loginAs(server!, 'rep1@demo.test');
    const deals = (await rep.trpc.deal.list.query()).items;
    const harbor = deals.find((deal) => deal.name === 'Core banking mainframe refresh');
    expect(harbor).toBeDefined();
    const { deal } = await rep.trpc.deal.get.query({ id: harbor!.id });
    expect(deal).toMatchObject({ id: harbor!.id, name: 'Core banking mainframe refresh' });
    expect(server!.stderr().trim()).toBe('');
  });

  it.skipIf(process.platform !== 'linux')('is one Node process with no TypeScript loader', () => {
    const pid = server!.process.pid!;
    const argv = procList(pid, 'cmdline');
    expect(argv.slice(1)).toEqual(startArgs());
    expect(argv.join(' ')).not.toMatch(/tsx|loader|--import|--require/);
    const nodeOptions = procList(pid, 'environ').find((entry) => entry.startsWith('NODE_OPTIONS=')) ?? '';
    expect(nodeOptions).not.toMatch(/tsx|loader|--import|--require/);
    // `tsx server/index.ts` is a Node process that starts a second one; this starts none.
    expect(childrenOf(pid)).toEqual([]);
  });
});
