/**
 * The dialect's fragments on PostgreSQL give the answers they give on SQLite
 * (test/unit/dialect.test.ts). The database sorts text by a language's rules (ICU `en`),
 * as a production server often does, so byte order has to be asked for.
 */
import { randomBytes } from 'node:crypto';
import { asc } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../server/db/client';
import { applyMigrations } from '../../server/db/migrate';
import { teams } from '../../server/db/tables';
import { EXPECTED, runDialectCases } from '../helpers/dialect-cases';
import { dropTestDatabase, withDatabase } from '../helpers/postgres';

let url: string;
let database: PostgresDatabase;
beforeAll(async () => {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C'`);
  } finally {
    await admin.end();
  }
  url = withDatabase(inject('pgAdminUrl'), name);
  database = openPostgres(url);
  await applyMigrations(database);
});
afterAll(async () => {
  await database.close();
  await dropTestDatabase(url);
});

it('every fragment of server/db/dialect.ts means on PostgreSQL what it means on SQLite', async () => {
  expect(await runDialectCases(database.db)).toEqual(EXPECTED);
  // Without byteOrder this database would sort the names by language.
  expect((await database.db.select({ name: teams.name }).from(teams).orderBy(asc(teams.name))).map((row) => row.name)).toEqual(['ana', 'Ängel', 'Zed']);
});
