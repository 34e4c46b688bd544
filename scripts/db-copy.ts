/**
 * `npm run db:copy -- --from <sqlite file> --to <postgres url>`: move a team from SQLite
 * to PostgreSQL.
 *
 * - The SQLite file is opened read-only and read in one transaction: a consistent
 *   snapshot, even while the app is running and writing (WAL).
 * - The target must be an EMPTY PostgreSQL database: the PostgreSQL migrations are
 *   applied first, then a target with any row in any table is refused.
 * - Tables are copied in foreign-key order, in batches, in ONE PostgreSQL transaction
 *   (the tables locked against other writers): all or nothing.
 * - Identity sequences are set so the next id is the one SQLite would give (its
 *   AUTOINCREMENT counter, never the id of a deleted row again).
 * - Before commit, every table is verified: row count and a SHA-256 checksum computed
 *   the same way on both sides (rows in primary-key order, values normalised: booleans,
 *   JSON re-serialised with sorted keys). Any mismatch rolls back and exits non-zero.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { getTableColumns, getTableName, is, type Column } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { applyPgMigrations } from '../server/db/migrate.pg';
import * as pgSchema from '../server/db/schema.pg';

type Kind = 'integer' | 'float64' | 'text' | 'boolean' | 'json';

const KINDS: Record<string, Kind> = {
  PgInteger: 'integer',
  PgDoublePrecision: 'float64',
  PgText: 'text',
  PgBoolean: 'boolean',
  PgJsonb: 'json',
};

interface CopyColumn {
  name: string;
  kind: Kind;
  identity: boolean;
  /** A foreign key to its own table (contacts.reports_to_contact_id): set after the insert. */
  selfReference: boolean;
}

interface CopyTable {
  name: string;
  columns: CopyColumn[];
  primaryKey: string[];
  dependsOn: string[];
}

export interface TableFigures {
  table: string;
  sqliteRows: number;
  pgRows: number;
  sqliteChecksum: string;
  pgChecksum: string;
  ok: boolean;
}

export interface CopyReport {
  tables: TableFigures[];
  ok: boolean;
  ms: number;
}

/** The target already holds data: nothing was copied. */
export class TargetNotEmptyError extends Error {}
/** The source is not a Deal Room database at the current migration. */
export class SourceNotReadyError extends Error {}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of schema.pg.ts (which the parity test holds equal to schema.ts), parents before children. */
export function copyPlan(): CopyTable[] {
  const tables: CopyTable[] = [];
  for (const value of Object.values(pgSchema)) {
    if (!is(value, PgTable)) continue;
    const config = getPgTableConfig(value);
    const selfColumns = new Set(
      config.foreignKeys
        .map((fk) => fk.reference())
        .filter((ref) => getTableName(ref.foreignTable) === config.name && ref.columns.length === 1)
        .map((ref) => ref.columns[0]!.name),
    );
    const columns = Object.values(getTableColumns(value) as Record<string, Column>).map((column) => {
      const kind = KINDS[column.columnType];
      if (!kind) throw new Error(`db:copy does not know column type ${column.columnType} (${config.name}.${column.name})`);
      return { name: column.name, kind, identity: column.generatedIdentity !== undefined, selfReference: selfColumns.has(column.name) };
    });
    const primaryKey = config.primaryKeys[0]?.columns.map((c) => c.name) ?? columns.filter((c) => config.columns.find((x) => x.name === c.name)?.primary).map((c) => c.name);
    if (primaryKey.length === 0) throw new Error(`db:copy needs a primary key on ${config.name}`);
    const dependsOn = [...new Set(config.foreignKeys.map((fk) => getTableName(fk.reference().foreignTable)).filter((t) => t !== config.name))];
    tables.push({ name: config.name, columns, primaryKey, dependsOn });
  }
  // Topological order (Kahn); the schema's own order breaks ties, so the plan is stable.
  const ordered: CopyTable[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !done.has(t.name) && t.dependsOn.every((d) => done.has(d)));
    if (!next) throw new Error('db:copy: the foreign keys between tables form a cycle');
    ordered.push(next);
    done.add(next.name);
  }
  return ordered;
}

/** Canonical JSON: object keys sorted, so jsonb's own key order does not matter. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** One value as both engines should agree on it. `json` arrives as text (SQLite) or parsed (pg). */
function normalise(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'boolean':
      return value === 1 || value === 1n ? true : value === 0 || value === 0n ? false : value;
    case 'json':
      return canonicalJson(typeof value === 'string' ? JSON.parse(value) : value);
    case 'integer':
    case 'float64':
      return typeof value === 'number' && !Number.isFinite(value) ? String(value) : typeof value === 'bigint' ? value.toString() : value;
    default:
      return value;
  }
}

function hashRow(hash: Hash, table: CopyTable, row: Record<string, unknown>): void {
  hash.update(JSON.stringify(table.columns.map((c) => normalise(c.kind, row[c.name]))));
  hash.update('\n');
}

/** A value as PostgreSQL should receive it. */
function toPg(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean') return value === 1 || value === 1n ? true : value === 0 || value === 0n ? false : value;
  // Keep SQLite's JSON text as it is: jsonb parses it (an array passed as a JS value would become a PostgreSQL array).
  if (kind === 'json') return typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

const MAX_PARAMS = 60_000;

async function insertBatch(client: pg.ClientBase, table: CopyTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const slots = table.columns.map((c) => {
      params.push(c.selfReference ? null : toPg(c.kind, row[c.name]));
      return `$${params.length}`;
    });
    return `(${slots.join(', ')})`;
  });
  await client.query(
    `INSERT INTO ${quote(table.name)} (${table.columns.map((c) => quote(c.name)).join(', ')}) VALUES ${tuples.join(', ')}`,
    params,
  );
}

/** Set the self-references left NULL by insertBatch, now that every row of the table exists. */
async function setSelfReferences(client: pg.ClientBase, table: CopyTable, column: CopyColumn, pairs: [unknown, unknown][]): Promise<void> {
  if (pairs.length === 0) return;
  const [pk] = table.primaryKey;
  const params: unknown[] = [];
  const tuples = pairs.map(([id, ref]) => {
    params.push(id, ref);
    return `($${params.length - 1}::integer, $${params.length}::integer)`;
  });
  await client.query(
    `UPDATE ${quote(table.name)} AS t SET ${quote(column.name)} = v.ref FROM (VALUES ${tuples.join(', ')}) AS v(id, ref) WHERE t.${quote(pk!)} = v.id`,
    params,
  );
}

/** Primary-key order that sorts text by bytes on any server, as SQLite's BINARY collation does. */
function pgOrderBy(table: CopyTable): string {
  return table.primaryKey
    .map((name) => (table.columns.find((c) => c.name === name)?.kind === 'text' ? `${quote(name)} COLLATE "C"` : quote(name)))
    .join(', ');
}

async function pgChecksum(client: pg.ClientBase, table: CopyTable, batchSize: number): Promise<{ rows: number; checksum: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  const cursor = quote(`copy_${table.name}`);
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${table.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(table.name)} ORDER BY ${pgOrderBy(table)}`);
  for (;;) {
    const batch = await client.query<Record<string, unknown>>(`FETCH ${batchSize} FROM ${cursor}`);
    for (const row of batch.rows) hashRow(hash, table, row);
    rows += batch.rows.length;
    if (batch.rows.length < batchSize) break;
  }
  await client.query(`CLOSE ${cursor}`);
  return { rows, checksum: hash.digest('hex') };
}

const sqliteJournal = fileURLToPath(new URL('../server/db/migrations/meta/_journal.json', import.meta.url));

export async function copySqliteToPostgres(options: {
  from: string;
  to: string;
  batchSize?: number;
  /** Called after each table is inserted (tests use it to write to the source meanwhile). */
  onTable?: (table: string) => void | Promise<void>;
}): Promise<CopyReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const plan = copyPlan();
  let sqlite: Database.Database;
  try {
    sqlite = new Database(options.from, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new SourceNotReadyError(`Cannot open ${options.from}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const client = new pg.Client({ connectionString: options.to });
  try {
    // One read transaction: every SELECT below sees the same snapshot, whatever the app writes meanwhile.
    sqlite.exec('BEGIN');
    const expectedMigrations = (JSON.parse(readFileSync(sqliteJournal, 'utf8')) as { entries: unknown[] }).entries.length;
    let appliedMigrations = -1;
    try {
      appliedMigrations = (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    } catch {
      // Not a Deal Room database.
    }
    if (appliedMigrations !== expectedMigrations) {
      throw new SourceNotReadyError(
        appliedMigrations < 0
          ? `${options.from} is not a Deal Room database (no migrations table).`
          : `${options.from} has ${appliedMigrations} of ${expectedMigrations} migrations: start the app on it once (or npm run db:migrate) with this version first.`,
      );
    }
    const sequences = new Map<string, number>();
    try {
      for (const row of sqlite.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[]) sequences.set(row.name, row.seq);
    } catch {
      // No AUTOINCREMENT table has had a row yet.
    }

    await applyPgMigrations(options.to);
    await client.connect();
    await client.query('BEGIN');
    // Nobody else writes while we copy: an app instance started on the target waits for us.
    await client.query(`LOCK TABLE ${plan.map((t) => quote(t.name)).join(', ')} IN ACCESS EXCLUSIVE MODE`);
    const nonEmpty: string[] = [];
    for (const table of plan) {
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(table.name)}) AS any`);
      if (rows[0]?.any) nonEmpty.push(table.name);
    }
    if (nonEmpty.length > 0) {
      throw new TargetNotEmptyError(`The target database is not empty (rows in: ${nonEmpty.join(', ')}). db:copy only copies into an empty database; nothing was copied.`);
    }

    const figures: TableFigures[] = [];
    for (const table of plan) {
      const columnList = table.columns.map((c) => quote(c.name)).join(', ');
      const sqliteRows = (sqlite.prepare(`SELECT count(*) AS n FROM ${quote(table.name)}`).get() as { n: number }).n;
      const perBatch = Math.max(1, Math.min(batchSize, Math.floor(MAX_PARAMS / table.columns.length)));
      const hash = createHash('sha256');
      const selfRefs = table.columns.filter((c) => c.selfReference).map((c) => ({ column: c, pairs: [] as [unknown, unknown][] }));
      let batch: Record<string, unknown>[] = [];
      const rows = sqlite.prepare(`SELECT ${columnList} FROM ${quote(table.name)} ORDER BY ${table.primaryKey.map(quote).join(', ')}`).iterate() as IterableIterator<Record<string, unknown>>;
      for (const row of rows) {
        hashRow(hash, table, row);
        for (const ref of selfRefs) if (row[ref.column.name] !== null) ref.pairs.push([row[table.primaryKey[0]!], row[ref.column.name]]);
        batch.push(row);
        if (batch.length >= perBatch) {
          await insertBatch(client, table, batch);
          batch = [];
        }
      }
      await insertBatch(client, table, batch);
      for (const ref of selfRefs) {
        for (let i = 0; i < ref.pairs.length; i += perBatch) await setSelfReferences(client, table, ref.column, ref.pairs.slice(i, i + perBatch));
      }
      for (const column of table.columns.filter((c) => c.identity)) {
        // The next id is the one SQLite would give: past the highest id, and past any deleted one (AUTOINCREMENT).
        const { rows: max } = await client.query<{ max: number | null }>(`SELECT max(${quote(column.name)}) AS max FROM ${quote(table.name)}`);
        const last = Math.max(max[0]?.max ?? 0, sequences.get(table.name) ?? 0);
        await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)`, [quote(table.name), column.name, Math.max(last, 1), last > 0]);
      }
      await options.onTable?.(table.name);
      figures.push({ table: table.name, sqliteRows, pgRows: 0, sqliteChecksum: hash.digest('hex'), pgChecksum: '', ok: false });
    }

    // Verify what the target now holds (this transaction's view of it) before committing.
    for (const [i, table] of plan.entries()) {
      const figure = figures[i]!;
      const { rows: count } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table.name)}`);
      const read = await pgChecksum(client, table, batchSize);
      figure.pgRows = Number(count[0]?.n ?? -1);
      figure.pgChecksum = read.checksum;
      figure.ok = figure.pgRows === figure.sqliteRows && read.rows === figure.sqliteRows && figure.pgChecksum === figure.sqliteChecksum;
    }
    const ok = figures.every((f) => f.ok);
    await client.query(ok ? 'COMMIT' : 'ROLLBACK');
    return { tables: figures, ok, ms: Date.now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
    sqlite.close();
    await client.end().catch(() => undefined);
  }
}

/** The figures as a plain-text table. */
export function formatReport(report: CopyReport): string {
  const header = ['table', 'sqlite rows', 'pg rows', 'sqlite sha256', 'pg sha256', ''];
  const body = report.tables.map((f) => [f.table, String(f.sqliteRows), String(f.pgRows), f.sqliteChecksum.slice(0, 16), f.pgChecksum.slice(0, 16), f.ok ? 'ok' : 'MISMATCH']);
  const total = report.tables.reduce((n, f) => n + f.sqliteRows, 0);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    report.ok
      ? `Copied ${total} rows in ${report.tables.length} tables in ${report.ms} ms; every count and checksum matches.`
      : `MISMATCH in ${report.tables.filter((f) => !f.ok).map((f) => f.table).join(', ')}: rolled back, the target holds no data.`,
  ].join('\n');
}

async function main(): Promise<number> {
  const usage = 'Usage: npm run db:copy -- --from <sqlite file> --to <postgres://user:password@host:port/database>';
  let from: string | undefined;
  let to: string | undefined;
  try {
    ({ values: { from, to } } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (!from || !to) {
    console.error(usage);
    return 2;
  }
  if (!/^postgres(ql)?:\/\//.test(to)) {
    console.error(`--to must be a postgres:// URL.\n${usage}`);
    return 2;
  }
  try {
    const report = await copySqliteToPostgres({ from, to });
    console.log(formatReport(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof TargetNotEmptyError || error instanceof SourceNotReadyError) console.error(error.message);
    else console.error('db:copy failed; nothing was committed to the target:', error);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
