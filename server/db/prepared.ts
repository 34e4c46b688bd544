import { createHash } from 'node:crypto';
import { NodePgSession } from 'drizzle-orm/node-postgres';
import type { Db, Tx } from './client';

/** True while `prepared` builds its query (synchronously): the statements prepared then are named. */
let building = false;
let naming = false;

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
 * built again the first time it runs in that transaction. Its statement is a named one
 * (nameStatementsOnPostgres): each pooled connection parses and plans it once, then only
 * binds and runs it. `build` runs after the database is opened, so the dialect's
 * fragments (./dialect.ts) already know the engine.
 */
export function prepared<P>(build: (db: Db | Tx) => P): (db: Db | Tx) => P {
  const cache = new WeakMap<object, P>();
  return (db) => {
    const key = sessionOf(db);
    let query = cache.get(key);
    if (query === undefined) {
      building = true;
      try {
        query = build(db);
      } finally {
        building = false;
      }
      cache.set(key, query);
    }
    return query;
  };
}

/**
 * On PostgreSQL, the queries that `prepared` builds become named statements, named by a hash of
 * their SQL text (the same text, the same name, on every instance): node-postgres then sends the
 * text once per pooled connection, and PostgreSQL parses and plans it once per connection instead
 * of on every call. Every other query — built per call, its text varying with its filters — stays
 * unnamed, so a connection holds one statement per `prepared` query, a fixed few dozen.
 *
 * drizzle's `.prepare()` takes a name only on PostgreSQL's builders; the services write one query
 * for both engines, so the name is given where drizzle hands the query to its node-postgres
 * session. A connection pooler in front of PostgreSQL must support protocol-level prepared
 * statements (PgBouncer ≥ 1.21 with `max_prepared_statements` set; ADR 39).
 */
export function nameStatementsOnPostgres(): void {
  if (naming) return;
  naming = true;
  const prepareQuery = NodePgSession.prototype.prepareQuery;
  NodePgSession.prototype.prepareQuery = function (this: NodePgSession<never, never>, query, fields, name, ...rest) {
    const named = name ?? (building ? `dealroom_${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}` : undefined);
    return prepareQuery.call(this, query, fields, named, ...rest);
  } as typeof prepareQuery;
}
