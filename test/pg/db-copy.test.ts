/**
 * `npm run db:copy`: a real app database (migrated and seeded with the demo, plus unicode,
 * JSON and `false` on purpose) copied from SQLite into a real PostgreSQL, then compared
 * row by row through drizzle on both sides, independently of the script's own checksums.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asc, eq, getTableColumns, type Column } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle } from 'drizzle-orm/node-postgres';
import { getTableConfig as getPgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPlan, copySqliteToPostgres, formatReport, TargetNotEmptyError } from '../../scripts/db-copy';
import { openDatabase, type SqliteDatabase } from '../../server/db/client';
import { applyMigrations } from '../../server/db/migrate';
import { applyPgMigrations } from '../../server/db/migrate.pg';
import * as sqliteSchema from '../../server/db/schema';
import * as pgSchema from '../../server/db/schema.pg';
import { seedDemo } from '../../server/db/seed';
import { createTestDatabase, dropTestDatabase } from '../helpers/postgres';
import { schemaTables } from '../helpers/schema-shape';

const run = promisify(execFile);
const EMOJI_NAME = 'Ünïcödé 客户 — 🚀🎯 “quoted” \'single\'';
const PAYLOAD = { z: 1, a: { nested: [3, 1, 2], ok: false, text: '雪 ❄️' }, m: null, f: 0.1 + 0.2 };

let dir: string;
let source: SqliteDatabase;
let sqlitePath: string;
const databases: string[] = [];

async function freshDatabase(): Promise<string> {
  const url = await createTestDatabase();
  databases.push(url);
  return url;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deal-room-copy-'));
  sqlitePath = join(dir, 'source.sqlite');
  source = openDatabase(sqlitePath);
  await applyMigrations(source);
  await seedDemo(source.db, new Date());
  // Odd rows straight into the file, on the writer's connection (`source.db` only reads).
  const db = drizzleSqlite(source.sqlite, { schema: sqliteSchema });
  const t = sqliteSchema;
  const team = db.insert(t.teams).values({ name: EMOJI_NAME }).returning().get();
  const user = db
    .insert(t.users)
    .values({ email: 'inactive@demo.test', name: 'Zoë 🙂', passwordHash: 'x', role: 'rep', teamId: team.id, active: false, locale: 'zh-CN' })
    .returning()
    .get();
  db.insert(t.events).values({ teamId: team.id, actorId: user.id, kind: 'test.payload', entity: 'team', entityId: team.id, before: null, after: PAYLOAD }).run();
  db.insert(t.events).values({ teamId: team.id, kind: 'test.array', entity: 'team', after: [1, 'two', { three: 3 }] }).run();
  // A report whose manager has a HIGHER id: the self-reference must not depend on row order.
  const account = db.insert(t.accounts).values({ teamId: team.id, name: 'Ärger GmbH 🏭' }).returning().get();
  const report = db.insert(t.contacts).values({ accountId: account.id, name: 'Report', level: 'staff' }).returning().get();
  const boss = db.insert(t.contacts).values({ accountId: account.id, name: 'Boss', level: 'executive' }).returning().get();
  db.update(t.contacts).set({ reportsToContactId: boss.id }).where(eq(t.contacts.id, report.id)).run();
  // Delete the newest event: SQLite's AUTOINCREMENT will not hand its id out again, nor may PostgreSQL.
  const last = db.insert(t.events).values({ teamId: team.id, kind: 'test.deleted', entity: 'team' }).returning().get();
  db.delete(t.events).where(eq(t.events.id, last.id)).run();
});

afterAll(async () => {
  await source?.close();
  rmSync(dir, { recursive: true, force: true });
  for (const url of databases) await dropTestDatabase(url);
});

/** Every row of every table, through drizzle, in primary-key order: SQLite and PostgreSQL side by side. */
async function readBoth(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const target = drizzle({ client });
    const sqliteTables = schemaTables(sqliteSchema) as Record<string, SQLiteTable>;
    const pgTables = schemaTables(pgSchema) as Record<string, PgTable>;
    const result: Record<string, { sqlite: unknown[]; pg: unknown[] }> = {};
    for (const [key, sqliteTable] of Object.entries(sqliteTables)) {
      const pgTable = pgTables[key]!;
      const pkOf = (config: { primaryKeys: { columns: Column[] }[]; columns: Column[] }) =>
        config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
      const sqlitePk = pkOf(getSqliteTableConfig(sqliteTable));
      const pgPk = pkOf(getPgTableConfig(pgTable));
      const sqliteCols = Object.values(getTableColumns(sqliteTable)).filter((c) => sqlitePk.includes(c.name));
      const pgCols = Object.values(getTableColumns(pgTable)).filter((c) => pgPk.includes(c.name));
      result[key] = {
        sqlite: source.db.select().from(sqliteTable).orderBy(...sqliteCols.map((c) => asc(c))).all(),
        pg: await target.select().from(pgTable).orderBy(...pgCols.map((c) => asc(c))),
      };
    }
    return result;
  } finally {
    await client.end();
  }
}

describe('db:copy from SQLite to PostgreSQL', () => {
  let url: string;
  let report: Awaited<ReturnType<typeof copySqliteToPostgres>>;

  beforeAll(async () => {
    url = await freshDatabase();
    report = await copySqliteToPostgres({ from: sqlitePath, to: url, batchSize: 7 });
  });

  it('copies every table, parents first, and verifies counts and checksums', () => {
    expect(report.ok).toBe(true);
    const order = report.tables.map((f) => f.table);
    // Every table of the schema, none twice (23 when flag_snoozes came; copyPlan reads schema.pg.ts).
    expect(order).toHaveLength(copyPlan().length);
    expect(new Set(order).size).toBe(order.length);
    for (const table of copyPlan()) for (const parent of table.dependsOn) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(table.name));
    for (const f of report.tables) {
      expect(f.pgRows).toBe(f.sqliteRows);
      expect(f.pgChecksum).toBe(f.sqliteChecksum);
      expect(f.sqliteChecksum).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(report.tables.find((f) => f.table === 'stakeholders')!.sqliteRows).toBeGreaterThan(7); // several batches
    expect(formatReport(report)).toMatch(/every count and checksum matches/);
  });

  it('holds the same rows as SQLite, value for value, read through drizzle on both sides', async () => {
    const both = await readBoth(url);
    for (const [table, rows] of Object.entries(both)) {
      expect({ table, rows: rows.pg }).toEqual({ table, rows: rows.sqlite });
    }
    const teams = both.teams!.pg as { name: string }[];
    expect(teams.map((t) => t.name)).toContain(EMOJI_NAME);
    const users = both.users!.pg as { active: boolean; name: string }[];
    expect(users.find((u) => u.name === 'Zoë 🙂')?.active).toBe(false);
    const events = both.events!.pg as { kind: string; after: unknown }[];
    expect(events.find((e) => e.kind === 'test.payload')?.after).toEqual(PAYLOAD);
    expect(events.find((e) => e.kind === 'test.array')?.after).toEqual([1, 'two', { three: 3 }]);
    const contacts = both.contacts!.pg as { name: string; id: number; reportsToContactId: number | null }[];
    const boss = contacts.find((c) => c.name === 'Boss')!;
    expect(contacts.find((c) => c.name === 'Report')?.reportsToContactId).toBe(boss.id);
  });

  it('sets every identity so the next id is the one SQLite would give', async () => {
    const seq = new Map((source.sqlite.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[]).map((r) => [r.name, r.seq]));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const team = await client.query<{ id: number }>(`INSERT INTO teams (name) VALUES ('next') RETURNING id`);
      expect(team.rows[0]!.id).toBe(seq.get('teams')! + 1);
      const event = await client.query<{ id: number }>(`INSERT INTO events (team_id, kind, entity) VALUES (1, 'next', 'team') RETURNING id`);
      const maxEvent = (source.sqlite.prepare('SELECT max(id) AS m FROM events').get() as { m: number }).m;
      expect(seq.get('events')).toBeGreaterThan(maxEvent); // the deleted one
      expect(event.rows[0]!.id).toBe(seq.get('events')! + 1);
    } finally {
      await client.end();
    }
  });

  it('refuses a target that holds data, and copies nothing', async () => {
    await expect(copySqliteToPostgres({ from: sqlitePath, to: url })).rejects.toThrow(TargetNotEmptyError);
    await expect(copySqliteToPostgres({ from: sqlitePath, to: url })).rejects.toThrow(/not empty \(rows in: teams, .*\)/);
  });
});

describe('db:copy edge cases', () => {
  it('copies a consistent snapshot while the app keeps writing to the SQLite file', async () => {
    const url = await freshDatabase();
    const teamsBefore = (source.sqlite.prepare('SELECT count(*) AS n FROM teams').get() as { n: number }).n;
    const eventsBefore = (source.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    let writes = 0;
    const result = await copySqliteToPostgres({
      from: sqlitePath,
      to: url,
      onTable: () => {
        // Another connection (the app's) commits between tables.
        const team = drizzleSqlite(source.sqlite).insert(sqliteSchema.teams).values({ name: `written during copy ${writes}` }).returning().get();
        drizzleSqlite(source.sqlite).insert(sqliteSchema.events).values({ teamId: team.id, kind: 'test.live', entity: 'team', entityId: team.id }).run();
        writes += 1;
      },
    });
    expect(writes).toBe(copyPlan().length);
    expect(result.ok).toBe(true);
    expect(result.tables.find((f) => f.table === 'teams')!.pgRows).toBe(teamsBefore);
    expect(result.tables.find((f) => f.table === 'events')!.pgRows).toBe(eventsBefore);
  });

  it('rolls back and reports a mismatch when the target does not hold what was sent', async () => {
    const url = await freshDatabase();
    await applyPgMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // A trigger that alters what is written: the checksums must catch it.
    await client.query(`CREATE FUNCTION tamper() RETURNS trigger AS $$ BEGIN NEW.name := NEW.name || '!'; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await client.query(`CREATE TRIGGER tamper BEFORE INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION tamper()`);
    const result = await copySqliteToPostgres({ from: sqlitePath, to: url });
    expect(result.ok).toBe(false);
    const accounts = result.tables.find((f) => f.table === 'accounts')!;
    expect(accounts.pgRows).toBe(accounts.sqliteRows);
    expect(accounts.pgChecksum).not.toBe(accounts.sqliteChecksum);
    expect(result.tables.filter((f) => !f.ok).map((f) => f.table)).toEqual(['accounts']);
    expect(formatReport(result)).toMatch(/MISMATCH in accounts: rolled back/);
    const left = await client.query<{ n: string }>('SELECT (SELECT count(*) FROM teams) + (SELECT count(*) FROM accounts) AS n');
    expect(Number(left.rows[0]!.n)).toBe(0);
    await client.end();
  });

  it('runs as npm run db:copy: prints the figures, exits 0; refuses a non-empty target with exit 1', async () => {
    const url = await freshDatabase();
    const ok = await run('npx', ['tsx', 'scripts/db-copy.ts', '--from', sqlitePath, '--to', url], { encoding: 'utf8' });
    expect(ok.stdout).toMatch(/^table\s+sqlite rows\s+pg rows/m);
    expect(ok.stdout).toMatch(/^stakeholders\s+\d+\s+\d+\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+ok$/m);
    expect(ok.stdout).toMatch(/every count and checksum matches/);
    const refused = await run('npx', ['tsx', 'scripts/db-copy.ts', '--from', sqlitePath, '--to', url], { encoding: 'utf8' }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/target database is not empty/);
  });
});
