import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { AppDatabase } from './client';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Apply the committed drizzle-kit migrations; already-applied ones are skipped. */
export function applyMigrations(database: AppDatabase): void {
  // On the writer's connection: services' `db` reads through a query-only one.
  migrate(drizzle(database.sqlite), { migrationsFolder });
}
