/**
 * A dialect-neutral description of a drizzle schema, read with drizzle's own
 * `getTableConfig`, so the SQLite schema (server/db/schema.ts) and the PostgreSQL one
 * (server/db/schema.pg.ts) can be compared field by field: test/unit/schema-parity.test.ts.
 */
import { getTableColumns, getTableName, is, SQL, type Column, type Table } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, type IndexedColumn, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';

export interface ColumnShape {
  /** SQL column name. */
  name: string;
  /** Normalised type: see SQLITE_TYPES / PG_TYPES. */
  type: string;
  enumValues: readonly string[] | null;
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  /** null, 'identity', a literal as JSON, or a named SQL expression ('sql:now-iso'). */
  default: string | null;
}

export interface IndexShape {
  name: string;
  columns: string[];
  unique: boolean;
  where: string | null;
}

export interface ForeignKeyShape {
  name: string;
  columns: string[];
  foreignTable: string;
  foreignColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  name: string;
  /** Keyed by TypeScript property name. */
  columns: Record<string, ColumnShape>;
  /** Composite primary keys (name → columns); single-column keys are on the column. */
  primaryKeys: { name: string; columns: string[] }[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
  uniqueConstraints: { name: string; columns: string[] }[];
  checks: string[];
}

/** Keyed by the schema module's export name. */
export type SchemaShape = Record<string, TableShape>;

/** Every column type the schemas use, on each side, mapped to one neutral name. A new type must be added here. */
export const SQLITE_TYPES: Record<string, string> = {
  SQLiteInteger: 'integer',
  SQLiteBoolean: 'boolean',
  SQLiteText: 'text',
  SQLiteTextJson: 'json',
  SQLiteReal: 'float64',
};
export const PG_TYPES: Record<string, string> = {
  PgInteger: 'integer',
  PgBoolean: 'boolean',
  PgText: 'text',
  PgJsonb: 'json',
  PgDoublePrecision: 'float64',
};

/**
 * SQL defaults, by meaning. Each dialect's spelling of "now as ISO-8601 text with
 * milliseconds, UTC" maps to one name; any other SQL default is kept as its dialect's
 * text, so it can only match itself (and the comparison fails).
 */
export const SQLITE_SQL_DEFAULTS: Record<string, string> = {
  "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))": 'sql:now-iso',
};
export const PG_SQL_DEFAULTS: Record<string, string> = {
  'to_char(statement_timestamp() at time zone \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\')': 'sql:now-iso',
};

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

function literalDefault(column: Column): string | null {
  if (column.defaultFn) return `fn:${column.defaultFn.toString()}`;
  if (!column.hasDefault || column.default === undefined) return null;
  return JSON.stringify(column.default);
}

function sqlText(value: unknown, dialect: 'sqlite' | 'pg'): string | null {
  if (!is(value, SQL)) return null;
  return dialect === 'sqlite' ? sqliteDialect.sqlToQuery(value).sql : pgDialect.sqlToQuery(value).sql;
}

function columnType(column: Column, types: Record<string, string>): string {
  const type = types[column.columnType];
  if (!type) throw new Error(`No parity mapping for column type ${column.columnType} (${column.name}): add it to schema-shape.ts`);
  return type;
}

function byName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Keys, foreign keys, unique constraints and checks: drizzle describes them alike for both dialects. */
function constraintsOf(config: ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>): Pick<TableShape, 'primaryKeys' | 'foreignKeys' | 'uniqueConstraints' | 'checks'> {
  const keys: { getName(): string; columns: { name: string }[] }[] = config.primaryKeys;
  const foreign: { getName(): string; reference(): { columns: { name: string }[]; foreignTable: Parameters<typeof getTableName>[0]; foreignColumns: { name: string }[] }; onDelete?: string | undefined; onUpdate?: string | undefined }[] = config.foreignKeys;
  const uniques: { getName(): string | undefined; columns: { name: string }[] }[] = config.uniqueConstraints;
  return {
    primaryKeys: byName(keys.map((k) => ({ name: k.getName(), columns: k.columns.map((c) => c.name) }))),
    foreignKeys: byName(
      foreign.map((fk) => {
        const ref = fk.reference();
        return {
          name: fk.getName(),
          columns: ref.columns.map((c) => c.name),
          foreignTable: getTableName(ref.foreignTable),
          foreignColumns: ref.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? 'no action',
          onUpdate: fk.onUpdate ?? 'no action',
        };
      }),
    ),
    uniqueConstraints: byName(uniques.map((u) => ({ name: u.getName() ?? '', columns: u.columns.map((c) => c.name) }))),
    checks: config.checks.map((c: { name: string }) => c.name).sort(),
  };
}

/**
 * SQLite's drizzle has no `.desc()` on an index column: a descending one is written
 * sql`${t.column} desc`, and described as PostgreSQL's `.desc()` is, `column desc`.
 */
function sqliteIndexExpression(text: string): string {
  const descending = /^"[^"]+"\."([^"]+)" desc$/.exec(text);
  return descending ? `${descending[1]} desc` : `sql:${text}`;
}

export function describeSqliteTable(table: SQLiteTable): TableShape {
  const config = getSqliteTableConfig(table);
  const columns: Record<string, ColumnShape> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const sqlDefault = sqlText(column.default, 'sqlite');
    // An INTEGER PRIMARY KEY is SQLite's rowid: assigned when omitted, AUTOINCREMENT or not
    // (without it SQLite may reuse the id of a deleted last row; nothing here relies on either).
    const rowid = column.primary && column.columnType === 'SQLiteInteger';
    columns[key] = {
      name: column.name,
      type: columnType(column, SQLITE_TYPES),
      enumValues: column.enumValues ?? null,
      notNull: column.notNull,
      primaryKey: column.primary,
      unique: column.isUnique,
      default: rowid ? 'identity' : sqlDefault !== null ? (SQLITE_SQL_DEFAULTS[sqlDefault] ?? `sqlite:${sqlDefault}`) : literalDefault(column),
    };
  }
  return {
    name: config.name,
    columns,
    indexes: byName(
      config.indexes.map((i) => ({
        name: i.config.name,
        columns: i.config.columns.map((c) => (is(c, SQL) ? sqliteIndexExpression(sqlText(c, 'sqlite') ?? '') : c.name)),
        unique: i.config.unique,
        where: i.config.where ? sqlText(i.config.where, 'sqlite') : null,
      })),
    ),
    ...constraintsOf(config),
  };
}

export function describePgTable(table: PgTable): TableShape {
  const config = getPgTableConfig(table);
  const columns: Record<string, ColumnShape> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const sqlDefault = sqlText(column.default, 'pg');
    const identity = column.generatedIdentity?.type;
    columns[key] = {
      name: column.name,
      type: columnType(column, PG_TYPES),
      enumValues: column.enumValues ?? null,
      notNull: column.notNull,
      primaryKey: column.primary,
      unique: column.isUnique,
      // GENERATED ALWAYS would refuse the explicit ids SQLite accepts: only BY DEFAULT matches.
      default: identity === 'byDefault' ? 'identity' : identity ? `pg:identity-${identity}` : sqlDefault !== null ? (PG_SQL_DEFAULTS[sqlDefault] ?? `pg:${sqlDefault}`) : literalDefault(column),
    };
  }
  return {
    name: config.name,
    columns,
    indexes: byName(
      config.indexes.map((i) => ({
        name: i.config.name ?? '',
        columns: i.config.columns.map((c) => (is(c, SQL) ? `sql:${sqlText(c, 'pg')}` : `${(c as IndexedColumn).name ?? ''}${(c as IndexedColumn).indexConfig?.order === 'desc' ? ' desc' : ''}`)),
        unique: i.config.unique,
        where: i.config.where ? sqlText(i.config.where, 'pg') : null,
      })),
    ),
    ...constraintsOf(config),
  };
}

/** Every table a schema module exports, described; other exports are ignored. */
export function describeSchema(module: Record<string, unknown>): SchemaShape {
  const shape: SchemaShape = {};
  for (const [key, value] of Object.entries(module)) {
    if (is(value, SQLiteTable)) shape[key] = describeSqliteTable(value);
    else if (is(value, PgTable)) shape[key] = describePgTable(value);
  }
  return shape;
}

/** The tables of a schema module (SQLite or PostgreSQL), keyed by export name. */
export function schemaTables(module: Record<string, unknown>): Record<string, Table> {
  const tables: Record<string, Table> = {};
  for (const [key, value] of Object.entries(module)) {
    if (is(value, SQLiteTable) || is(value, PgTable)) tables[key] = value;
  }
  return tables;
}

const show = (value: unknown) => JSON.stringify(value);

/** Every difference between two described schemas, one readable line each; [] when identical. */
export function compareSchemas(left: SchemaShape, right: SchemaShape, names: [string, string] = ['sqlite', 'pg']): string[] {
  const [l, r] = names;
  const out: string[] = [];
  for (const key of Object.keys(left)) if (!(key in right)) out.push(`table ${key}: only in ${l}`);
  for (const key of Object.keys(right)) if (!(key in left)) out.push(`table ${key}: only in ${r}`);
  for (const key of Object.keys(left)) {
    const a = left[key];
    const b = right[key];
    if (!a || !b) continue;
    if (a.name !== b.name) out.push(`table ${key}: SQL name ${l}=${a.name} ${r}=${b.name}`);
    for (const col of Object.keys(a.columns)) if (!(col in b.columns)) out.push(`${key}.${col}: only in ${l}`);
    for (const col of Object.keys(b.columns)) if (!(col in a.columns)) out.push(`${key}.${col}: only in ${r}`);
    const colsA = Object.keys(a.columns).filter((c) => c in b.columns);
    const colsB = Object.keys(b.columns).filter((c) => c in a.columns);
    if (show(colsA) !== show(colsB)) out.push(`${key}: column order ${l}=${show(colsA)} ${r}=${show(colsB)}`);
    for (const col of colsA) {
      const ca = a.columns[col]!;
      const cb = b.columns[col]!;
      for (const field of Object.keys(ca) as (keyof ColumnShape)[]) {
        if (show(ca[field]) !== show(cb[field])) out.push(`${key}.${col}.${field}: ${l}=${show(ca[field])} ${r}=${show(cb[field])}`);
      }
    }
    for (const part of ['primaryKeys', 'indexes', 'foreignKeys', 'uniqueConstraints'] as const) {
      const itemsA = new Map<string, unknown>(a[part].map((x) => [x.name, x]));
      const itemsB = new Map<string, unknown>(b[part].map((x) => [x.name, x]));
      for (const [name, x] of itemsA) {
        const y = itemsB.get(name);
        if (y === undefined) out.push(`${key} ${part} ${name}: only in ${l}`);
        else if (show(x) !== show(y)) out.push(`${key} ${part} ${name}: ${l}=${show(x)} ${r}=${show(y)}`);
      }
      for (const name of itemsB.keys()) if (!itemsA.has(name)) out.push(`${key} ${part} ${name}: only in ${r}`);
    }
    if (show(a.checks) !== show(b.checks)) out.push(`${key} checks: ${l}=${show(a.checks)} ${r}=${show(b.checks)}`);
  }
  return out;
}
