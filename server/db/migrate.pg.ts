import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { LOCK_IDS } from './lockIds';

export const pgMigrationsFolder = fileURLToPath(new URL('./migrations-pg', import.meta.url));

/**
 * The advisory lock every instance takes to migrate (an arbitrary constant, the same in
 * every process of this app).
 */
export const MIGRATION_LOCK_ID = LOCK_IDS.migrations;

/**
 * Apply the committed drizzle-kit PostgreSQL migrations; already-applied ones are skipped.
 *
 * drizzle's migrator alone is not safe when several instances start together on one
 * database: it reads the last applied migration before its transaction, so two of them
 * both apply the same migration (the second fails on "relation already exists").
 * Holding a session-level advisory lock around it makes the others wait, then find
 * nothing left to do. The lock goes with the connection if the process dies.
 */
export async function applyPgMigrations(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: pgMigrationsFolder });
    } finally {
      // If the connection broke, ending it releases the lock anyway: keep the first error.
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
