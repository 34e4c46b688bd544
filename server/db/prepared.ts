import type { Db, Tx } from './client';

/** A database and every transaction on it share one session (one connection). */
const sessionOf = (db: Db | Tx): object => (db as unknown as { session: object }).session;

/**
 * A query built and prepared once per connection, then run with placeholders
 * (`sql.placeholder`). Drizzle otherwise rebuilds the SQL text and better-sqlite3
 * re-prepares the statement on every call: on the deal room's read path that was
 * about 45% of the server's CPU. Works inside transactions too (same connection).
 *
 * On PostgreSQL the pool's `db` is one session, so its queries are built once per
 * process; each transaction has a session of its own (its pooled client), so a query is
 * built again the first time it runs in that transaction. The statements are unnamed
 * (node-postgres parses them per execution). `build` runs after the database is opened,
 * so the dialect's fragments (./dialect.ts) already know the engine.
 */
export function prepared<P>(build: (db: Db | Tx) => P): (db: Db | Tx) => P {
  const cache = new WeakMap<object, P>();
  return (db) => {
    const key = sessionOf(db);
    let query = cache.get(key);
    if (query === undefined) {
      query = build(db);
      cache.set(key, query);
    }
    return query;
  };
}
