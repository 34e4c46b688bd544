import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { AppDatabase } from './client';
import { applyPgMigrations } from './migrate.pg';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Apply the committed drizzle-kit migrations of the database's engine; already-applied
 * ones are skipped. SQLite migrates on the writer's connection (services' `db` reads
 * through a query-only one); PostgreSQL under an advisory lock, so instances that start
 * together migrate once.
 */
export async function applyMigrations(database: AppDatabase): Promise<void> {
  if (database.engine === 'postgres') return applyPgMigrations(database.url);
  migrate(drizzle(database.sqlite), { migrationsFolder });
}
