/**
 * The PostgreSQL migrations, applied to a real server: they build exactly what
 * server/db/schema.pg.ts describes, a second run does nothing, and instances starting
 * together on one empty database end with one correct schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPgMigrations, pgMigrationsFolder } from '../../server/db/migrate.pg';
import * as pgSchema from '../../server/db/schema.pg';
import { catalogDefaultMeaning, expectedCatalogTable, readCatalog } from '../helpers/pg-catalog';
import { createTestDatabase, dropTestDatabase } from '../helpers/postgres';
import { describeSchema } from '../helpers/schema-shape';

const journal = JSON.parse(readFileSync(join(pgMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function appliedMigrations(url: string): Promise<string[]> {
  return withClient(url, async (c) => (await c.query<{ hash: string }>('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id')).rows.map((r) => r.hash));
}

/** The catalog with defaults put by meaning, as expectedCatalogTable writes them. */
async function catalog(url: string) {
  const tables = await withClient(url, readCatalog);
  for (const table of Object.values(tables)) for (const column of table.columns) column.default = catalogDefaultMeaning(column.default);
  return tables;
}

const expected = Object.fromEntries(Object.values(describeSchema(pgSchema)).map((shape) => [shape.name, expectedCatalogTable(shape)]));

describe('PostgreSQL migrations', () => {
  const databases: string[] = [];
  let url: string;

  beforeAll(async () => {
    url = await createTestDatabase();
    databases.push(url);
    await applyPgMigrations(url);
  });

  afterAll(async () => {
    for (const db of databases) await dropTestDatabase(db);
  });

  it('build every table, column, key, index and foreign key of schema.pg.ts, and nothing else', async () => {
    const actual = await catalog(url);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    // A tripwire: adding a table is a decision (db:copy, the parity test, backups); update the count with it.
    expect(Object.keys(actual)).toHaveLength(36);
    for (const name of Object.keys(expected)) expect({ table: name, ...actual[name] }).toEqual({ table: name, ...expected[name] });
  });

  it('give timestamp defaults the same ISO-8601 text SQLite writes', async () => {
    const before = Date.now();
    const row = await withClient(url, async (c) => (await c.query<{ created_at: string }>(`INSERT INTO teams (name) VALUES ('Σ team 🚀') RETURNING created_at`)).rows[0]!);
    expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const at = Date.parse(row.created_at);
    expect(at).toBeGreaterThanOrEqual(before - 2000);
    expect(at).toBeLessThanOrEqual(Date.now() + 2000);
  });

  it('record every migration of the journal once, and a second run changes nothing', async () => {
    const first = await appliedMigrations(url);
    expect(first).toHaveLength(journal.entries.length);
    const catalogBefore = await catalog(url);
    await applyPgMigrations(url);
    expect(await appliedMigrations(url)).toEqual(first);
    expect(await catalog(url)).toEqual(catalogBefore);
  });

  it('run by two instances at once on an empty database, end with one correct schema', async () => {
    const fresh = await createTestDatabase();
    databases.push(fresh);
    // Two promises, two connections: the second waits for the advisory lock, then finds nothing to do.
    await Promise.all([applyPgMigrations(fresh), applyPgMigrations(fresh), applyPgMigrations(fresh)]);
    expect(await appliedMigrations(fresh)).toHaveLength(journal.entries.length);
    expect(await catalog(fresh)).toEqual(await catalog(url));
  });
});
