/**
 * Start the real server over HTTP on a temporary SQLite file. Tests talk to it the
 * way any outside client would, through the typed client in ./api.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../../server/env';
import pino from 'pino';
import type { Logger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/start';

export const DEMO_PASSWORD = 'dealroom-demo';

export interface TestServer extends RunningServer {
  dir: string;
  /** A settable clock: tests move time to check staleness and due dates. */
  clock: { now: Date };
  /** Error-log lines matching these patterns are expected (kept in `loggedErrors`), not failures. */
  expectedErrors: RegExp[];
  loggedErrors: string[];
  stop(): Promise<void>;
}

/**
 * The server's own error log goes to console.error, which the integration setup turns
 * into a failed test: a request that ends in an internal error (a 500 the test might not
 * look at, a failed sweep) cannot pass unnoticed. A test that provokes an error on
 * purpose (a full disk) says which lines it expects, and can check they were logged.
 */
function serverErrorLog(expected: RegExp[], logged: string[]): Logger {
  const write = (line: string) => {
    if (expected.some((pattern) => pattern.test(line))) logged.push(line);
    else console.error(`server logged: ${line.trim()}`);
  };
  return pino({ level: 'error', base: undefined }, { write });
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
  const expectedErrors: RegExp[] = [];
  const loggedErrors: string[] = [];
  const running = await startServer(env, { now: () => clock.now, log: serverErrorLog(expectedErrors, loggedErrors) });
  return {
    ...running,
    dir,
    clock,
    expectedErrors,
    loggedErrors,
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
