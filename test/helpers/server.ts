/**
 * Start the real server over HTTP on a temporary SQLite file. Tests talk to it the
 * way any outside client would, through the typed client in ./api.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../../server/env';
import { startServer, type RunningServer } from '../../server/start';

export const DEMO_PASSWORD = 'dealroom-demo';

export interface TestServer extends RunningServer {
  dir: string;
  /** A settable clock: tests move time to check staleness and due dates. */
  clock: { now: Date };
  stop(): Promise<void>;
}

export async function startTestServer(options: { seed?: boolean; env?: Record<string, string>; now?: Date } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-test-'));
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'test.sqlite'),
    SEED_DEMO: options.seed === false ? '0' : '1',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    // Tests call sweepHealth themselves: a timer writing mid-test would make 'nothing was written' checks flaky.
    HEALTH_SWEEP_MINUTES: '0',
    ...options.env,
  });
  const clock = { now: options.now ?? new Date() };
  const running = await startServer(env, { now: () => clock.now });
  return {
    ...running,
    dir,
    clock,
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
