import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Apply the committed drizzle-kit migrations; already-applied ones are skipped. */
export function applyMigrations(db: Db): void {
  migrate(db, { migrationsFolder });
}
