/**
 * Start the real server over HTTP, on a temporary SQLite file or, in the
 * `integration-pg` project, on a fresh database of the test run's PostgreSQL. Tests talk
 * to it the way any outside client would, through the typed client in ./api.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Engine } from '../../server/db/tables';
import { loadEnv } from '../../server/env';
import pino from 'pino';
import { createTestDatabase, dropTestDatabase } from './postgres';
import type { Logger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/start';

export const DEMO_PASSWORD = 'dealroom-demo';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine test servers run on: the `integration-pg` project provides 'postgres' (vite.config.ts). */
    testEngine: Engine;
  }
}

/**
 * The engine this test run's servers use. Read it anywhere in a test file, also at load
 * (`describe.skipIf(testEngine() === 'postgres')` for a test about SQLite itself).
 */
export function testEngine(): Engine {
  try {
    return inject('testEngine') ?? 'sqlite';
  } catch {
    return 'sqlite'; // outside a vitest run (the benchmarks, the screenshot script)
  }
}

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

/**
 * A server on a database of its own: a SQLite file in a temporary folder, or on
 * PostgreSQL a fresh empty database (CREATE DATABASE), dropped again by `stop()`.
 */
export async function startTestServer(options: { seed?: boolean; env?: Record<string, string>; now?: Date } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-test-'));
  const databaseUrl = testEngine() === 'postgres' && !options.env?.DATABASE_URL ? await createTestDatabase() : undefined;
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'test.sqlite'),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    SEED_DEMO: options.seed === false ? '0' : '1',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    // Tests call sweepHealth themselves: a timer writing mid-test would make 'nothing was written' checks flaky.
    HEALTH_SWEEP_MINUTES: '0',
    // Likewise webhook deliveries: tests call deliverDue at the clock they set (or turn the loop on).
    WEBHOOK_POLL_MS: '0',
    ...options.env,
  });
  const clock = { now: options.now ?? new Date() };
  const expectedErrors: RegExp[] = [];
  const loggedErrors: string[] = [];
  let running: RunningServer;
  try {
    running = await startServer(env, { now: () => clock.now, log: serverErrorLog(expectedErrors, loggedErrors) });
  } catch (error) {
    if (databaseUrl) await dropTestDatabase(databaseUrl);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...running,
    dir,
    clock,
    expectedErrors,
    loggedErrors,
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
      // The embedded server is deleted whole at the end of the run; a TEST_DATABASE_URL server is not.
      if (databaseUrl) await dropTestDatabase(databaseUrl);
    },
  };
}
