import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
/** Inside a write transaction: the writer's connection, with the transaction open. */
export type Tx = Db;

export interface AppDatabase {
  /** The writer's connection (migrations, backups and tests that inspect the file use it). */
  sqlite: Database.Database;
  /** What services are given: reads outside a transaction, and `writeTransaction` for writes. */
  db: Db;
  close(): void;
}

/**
 * Services are asynchronous (the same code runs on PostgreSQL, issue #13), so a write
 * transaction may await between its statements and another request may run meanwhile.
 * Two connections keep SQLite's semantics: reads outside a transaction use their own
 * connection (WAL: they see the last commit, never another request's uncommitted rows),
 * and write transactions take turns on the writer's connection, one at a time.
 */
interface Engine {
  writer: Db;
  connection: Database.Database;
  /** The tail of the queue of write transactions. */
  queue: Promise<unknown>;
}
const engines = new WeakMap<Db, Engine>();
/** Set while a write transaction runs, so a nested one fails loudly instead of deadlocking. */
const inTransaction = new AsyncLocalStorage<true>();

function connect(path: string, options: Database.Options = {}): Database.Database {
  const connection = new Database(path, options);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return connection;
}

/**
 * Open the SQLite file with the settings every connection needs: WAL so readers
 * never wait for the writer, synchronous=NORMAL (durable across a process crash;
 * see docs/decisions/0003-sqlite.md), foreign keys on, and a busy timeout so a
 * second process waits instead of failing.
 */
export function openDatabase(path: string): AppDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = connect(path);
  // An in-memory database exists only on its own connection: there, reads share the writer's.
  const reader = path === ':memory:' ? sqlite : connect(path);
  if (reader !== sqlite) reader.pragma('query_only = ON');
  const writer = drizzle(sqlite, { schema });
  const db = reader === sqlite ? writer : drizzle(reader, { schema });
  engines.set(db, { writer, connection: sqlite, queue: Promise.resolve() });
  return {
    sqlite,
    db,
    close: () => {
      if (reader.open) reader.close();
      if (sqlite.open) sqlite.close();
    },
  };
}

/**
 * Run `work` in one BEGIN IMMEDIATE transaction on the writer's connection: the write
 * lock is taken up front, so a read–check-version–write sequence cannot interleave with
 * another writer, and the change and its event-log row commit together or not at all.
 */
export async function writeTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const engine = engines.get(db);
  if (!engine) throw new Error('writeTransaction needs the database opened by openDatabase, not a transaction');
  if (inTransaction.getStore()) throw new Error('writeTransaction cannot be nested: pass the open transaction down instead');
  const { writer, connection } = engine;
  const run = async () => {
    connection.exec('BEGIN IMMEDIATE');
    try {
      // AsyncLocalStorage.run, not a query.
      // eslint-disable-next-line no-restricted-syntax
      const result = await inTransaction.run(true, () => work(writer));
      connection.exec('COMMIT');
      return result;
    } catch (error) {
      if (connection.inTransaction) connection.exec('ROLLBACK');
      throw error;
    }
  };
  const turn = engine.queue.then(run, run);
  engine.queue = turn.catch(() => undefined);
  return turn;
}
