import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';
import * as pgSchema from './schema.pg';
import { LOCK_IDS } from './lockIds';
import { nameStatementsOnPostgres } from './prepared';
import { bindTables, type Engine } from './tables';

/**
 * What services are given. Typed with the SQLite tables; on PostgreSQL the same methods
 * exist, the tables are bound to their PostgreSQL twins (./tables.ts), and lint keeps the
 * services to what both engines do alike (docs/decisions/0015, 0016).
 */
export type Db = BetterSQLite3Database<typeof schema>;
/** Inside a write transaction. */
export type Tx = Db;

interface Common {
  /** What services are given: reads outside a transaction, and `writeTransaction` for writes. */
  db: Db;
  close(): Promise<void>;
}
export interface SqliteDatabase extends Common {
  engine: 'sqlite';
  /** The writer's connection (migrations, backups and tests that inspect the file use it). */
  sqlite: Database.Database;
  path: string;
}
export interface PostgresDatabase extends Common {
  engine: 'postgres';
  pool: pg.Pool;
  url: string;
}
export type AppDatabase = SqliteDatabase | PostgresDatabase;
export type { Engine };

/** How each engine runs one write transaction. */
type RunTransaction = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
const transactions = new WeakMap<Db, RunTransaction>();
/** Set while a write transaction runs, so a nested one fails loudly instead of deadlocking. */
const inTransaction = new AsyncLocalStorage<true>();

/**
 * SQLite's page cache per connection, in KiB. better-sqlite3 builds SQLite with 16 MB
 * (-16000), which each of the two connections fills once the file outgrows it (50,000
 * deals: a 450 MB file): 32 MB of the server's memory. The reader serves every list from indexes
 * over stored health, so 8 MB holds their hot pages; the writer touches a few pages per
 * write, so 4 MB. A page outside the cache comes from the OS's file cache, not the disk
 * (docs/decisions/0031).
 */
const CACHE_KIB = { reader: 8_000, writer: 4_000 } as const;

function connect(path: string, role: keyof typeof CACHE_KIB): Database.Database {
  const connection = new Database(path);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  connection.pragma(`cache_size = -${CACHE_KIB[role]}`);
  return connection;
}

/**
 * Open the SQLite file with the settings every connection needs: WAL so readers
 * never wait for the writer, synchronous=NORMAL (durable across a process crash;
 * see docs/decisions/0003-sqlite.md), foreign keys on, and a busy timeout so a
 * second process waits instead of failing.
 *
 * Services are asynchronous, so a write transaction may await between its statements
 * and another request may run meanwhile. Two connections keep SQLite's semantics: reads
 * outside a transaction use their own connection (WAL: they see the last commit, never
 * another request's uncommitted rows), and write transactions take turns on the
 * writer's connection, one at a time (docs/decisions/0015).
 */
export function openDatabase(path: string): SqliteDatabase {
  bindTables('sqlite');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = connect(path, 'writer');
  // An in-memory database exists only on its own connection: there, reads share the writer's.
  const reader = path === ':memory:' ? sqlite : connect(path, 'reader');
  if (reader !== sqlite) reader.pragma('query_only = ON');
  const writer = drizzle(sqlite, { schema });
  const db = reader === sqlite ? writer : drizzle(reader, { schema });
  let queue: Promise<unknown> = Promise.resolve();
  transactions.set(db, <T>(work: (tx: Tx) => Promise<T>) => {
    const run = async (): Promise<T> => {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(writer);
        sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw error;
      }
    };
    const turn = queue.then(run, run);
    queue = turn.catch(() => undefined);
    return turn;
  });
  return {
    engine: 'sqlite',
    sqlite,
    path,
    db,
    close: async () => {
      if (reader.open) reader.close();
      if (sqlite.open) sqlite.close();
    },
  };
}

/** PostgreSQL SQLSTATEs worth one more try: the transaction lost a race, nothing was applied. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;
const isRetryable = (error: unknown) => {
  const cause = error instanceof Error && 'cause' in error && error.cause ? error.cause : error;
  return typeof cause === 'object' && cause !== null && RETRYABLE.has(String((cause as { code?: unknown }).code));
};

/**
 * Open a PostgreSQL database through a connection pool. Write transactions keep SQLite's
 * semantics (docs/decisions/0016): each first takes one cluster-wide advisory lock, so
 * writers run one after another and each sees every earlier commit (READ COMMITTED takes
 * a new snapshot per statement, after the lock). A service's read–check-version–write
 * therefore cannot interleave with another writer, on this instance or any other, and a
 * stale version is a CONFLICT rather than a serialization failure. A transaction that
 * still loses a race (a deadlock with a reader's lock, say) is retried a few times.
 */
export function openPostgres(url: string, options: { poolSize?: number } = {}): PostgresDatabase {
  bindTables('postgres');
  nameStatementsOnPostgres();
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client that loses its connection must not take the process down; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzlePostgres(pool, { schema: pgSchema }) as unknown as Db;
  const pgDb = db as unknown as ReturnType<typeof drizzlePostgres<typeof pgSchema>>;
  transactions.set(db, async <T>(work: (tx: Tx) => Promise<T>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await pgDb.transaction(
          async (tx) => {
            // One write transaction at a time across every instance; COMMIT or ROLLBACK releases it.
            await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_IDS.writes})`);
            return work(tx as unknown as Tx);
          },
          { isolationLevel: 'read committed' },
        );
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await sleep(5 * attempt + Math.random() * 20 * attempt);
      }
    }
  });
  return { engine: 'postgres', pool, url, db, close: () => pool.end() };
}

/** `DATABASE_URL` (postgres://…) selects PostgreSQL; otherwise SQLite at `DATABASE_PATH`. */
export function openConfiguredDatabase(env: { DATABASE_URL?: string | undefined; DATABASE_PATH: string }): AppDatabase {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openDatabase(env.DATABASE_PATH);
}

/**
 * Run `work` in one write transaction: BEGIN IMMEDIATE on SQLite's writer connection
 * (one at a time), after the cluster-wide write lock on PostgreSQL. The change and its event-log row commit
 * together or not at all.
 */
export async function writeTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const run = transactions.get(db);
  if (!run) throw new Error('writeTransaction needs the database opened by openDatabase/openPostgres, not a transaction');
  if (inTransaction.getStore()) throw new Error('writeTransaction cannot be nested: pass the open transaction down instead');
  // AsyncLocalStorage.run, not a query.
  // eslint-disable-next-line no-restricted-syntax
  return inTransaction.run(true, () => run(work));
}

/**
 * Independent reads sent together: outside a transaction PostgreSQL's pool runs them at
 * once. Inside one they go in turn — its one connection would queue them anyway, and
 * node-postgres deprecates queuing queries on a client that is busy.
 */
export async function together<T extends unknown[]>(...reads: { [K in keyof T]: () => PromiseLike<T[K]> }): Promise<T> {
  if (!inTransaction.getStore()) return (await Promise.all(reads.map((read) => read()))) as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as T;
}
