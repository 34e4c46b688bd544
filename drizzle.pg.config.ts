import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations from server/db/schema.pg.ts (the SQLite ones: drizzle.config.ts). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.pg.ts',
  out: './server/db/migrations-pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost:5432/deal_room' },
});
