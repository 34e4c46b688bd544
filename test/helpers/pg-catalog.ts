/**
 * What a live PostgreSQL database holds (public schema), read from its catalog and put in
 * the same neutral terms as test/helpers/schema-shape.ts, so tests can check that the
 * migrations built exactly what server/db/schema.pg.ts describes.
 */
import type pg from 'pg';
import type { TableShape } from './schema-shape';

export interface CatalogColumn {
  name: string;
  type: string;
  notNull: boolean;
  /** 'identity' (BY DEFAULT), 'identity-always', the default's SQL text, or null. */
  default: string | null;
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  primaryKey: { name: string; columns: string[] } | null;
  indexes: { name: string; columns: string[]; unique: boolean }[];
  foreignKeys: { name: string; columns: string[]; foreignTable: string; foreignColumns: string[]; onDelete: string; onUpdate: string }[];
}

/** information_schema's data_type → the neutral names of schema-shape.ts. */
const CATALOG_TYPES: Record<string, string> = {
  integer: 'integer',
  text: 'text',
  boolean: 'boolean',
  jsonb: 'json',
  'double precision': 'float64',
};

const FK_ACTIONS: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

export async function readCatalog(client: pg.Client | pg.PoolClient): Promise<Record<string, CatalogTable>> {
  const tables: Record<string, CatalogTable> = {};
  const t = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  for (const { table_name } of t.rows) tables[table_name] = { name: table_name, columns: [], primaryKey: null, indexes: [], foreignKeys: [] };

  const c = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: 'YES' | 'NO';
    column_default: string | null;
    is_identity: 'YES' | 'NO';
    identity_generation: string | null;
  }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity, identity_generation
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  for (const row of c.rows) {
    tables[row.table_name]?.columns.push({
      name: row.column_name,
      type: CATALOG_TYPES[row.data_type] ?? `unmapped:${row.data_type}`,
      notNull: row.is_nullable === 'NO',
      default:
        row.is_identity === 'YES' ? (row.identity_generation === 'BY DEFAULT' ? 'identity' : 'identity-always') : row.column_default,
    });
  }

  const ix = await client.query<{ table_name: string; index_name: string; unique: boolean; primary: boolean; columns: string[] }>(
    `SELECT t.relname AS table_name, i.relname AS index_name, x.indisunique AS unique, x.indisprimary AS primary,
            -- A descending column (bit 1 of its indoption) reads 'column desc', as schema-shape.ts describes it.
            array(SELECT a.attname || CASE WHEN x.indoption[k.ord - 1] & 1 = 1 THEN ' desc' ELSE '' END
                    FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public'
      ORDER BY t.relname, i.relname`,
  );
  for (const row of ix.rows) {
    const table = tables[row.table_name];
    if (!table) continue;
    if (row.primary) table.primaryKey = { name: row.index_name, columns: row.columns };
    else table.indexes.push({ name: row.index_name, columns: row.columns, unique: row.unique });
  }

  const fk = await client.query<{
    table_name: string;
    name: string;
    foreign_table: string;
    columns: string[];
    foreign_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT t.relname AS table_name, c.conname AS name, f.relname AS foreign_table,
            array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
            array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS foreign_columns,
            c.confdeltype AS on_delete, c.confupdtype AS on_update
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class f ON f.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'
      ORDER BY t.relname, c.conname`,
  );
  for (const row of fk.rows) {
    tables[row.table_name]?.foreignKeys.push({
      name: row.name,
      columns: row.columns,
      foreignTable: row.foreign_table,
      foreignColumns: row.foreign_columns,
      onDelete: FK_ACTIONS[row.on_delete] ?? row.on_delete,
      onUpdate: FK_ACTIONS[row.on_update] ?? row.on_update,
    });
  }
  // In JS, not ORDER BY: the server's collation may not sort by bytes.
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const table of Object.values(tables)) {
    table.indexes.sort(byName);
    table.foreignKeys.sort(byName);
  }
  return tables;
}

/**
 * A column default as the catalog prints it, by meaning: literals as JSON (as
 * schema-shape.ts writes them), the ISO-now expression as 'sql:now-iso'.
 */
export function catalogDefaultMeaning(value: string | null): string | null {
  if (value === null || value === 'identity' || value === 'identity-always') return value;
  if (/^to_char\(\(statement_timestamp\(\) AT TIME ZONE 'UTC'::text\), 'YYYY-MM-DD"T"HH24:MI:SS\.MS"Z"'::text\)$/.test(value)) return 'sql:now-iso';
  const text = /^'((?:[^']|'')*)'::text$/.exec(value);
  if (text) return JSON.stringify(text[1]!.replace(/''/g, "'"));
  if (value === 'true' || value === 'false' || /^-?\d+(\.\d+)?$/.test(value)) return value;
  return `unparsed:${value}`;
}

/** What the catalog should hold for one table of schema.pg.ts, in the catalog's own terms. */
export function expectedCatalogTable(shape: TableShape): CatalogTable {
  const columns = Object.values(shape.columns);
  const singlePk = columns.filter((c) => c.primaryKey).map((c) => c.name);
  const composite = shape.primaryKeys[0];
  return {
    name: shape.name,
    columns: columns.map((c) => ({ name: c.name, type: c.type, notNull: c.notNull, default: c.default })),
    primaryKey: composite
      ? { name: composite.name, columns: composite.columns }
      : singlePk.length > 0
        ? { name: `${shape.name}_pkey`, columns: singlePk }
        : null,
    indexes: shape.indexes.map((i) => ({ name: i.name, columns: i.columns, unique: i.unique })),
    foreignKeys: shape.foreignKeys,
  };
}
