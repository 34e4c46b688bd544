/**
 * The few SQL fragments the services need that SQLite and PostgreSQL spell differently,
 * each with one meaning on both. Services write everything else with drizzle's builders,
 * which render the same intent for either engine; anything written with `sql` by hand
 * that is not plain standard SQL belongs here.
 *
 * Each function chooses by `boundEngine()` when the query is built: at the call, or for a
 * `prepared(...)` query when it is first prepared on a connection — after the process has
 * opened its database, so the engine is known (./tables.ts).
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { boundEngine } from './tables';

const onPostgres = () => boundEngine() === 'postgres';

/**
 * `column IN (ids)` with all the ids as ONE parameter, so one prepared statement serves
 * any number of them: bind `idList(ids)` (a JSON array, e.g. '[1,2,3]', on both engines).
 * PostgreSQL reads the array once (an InitPlan) and can still use an index on `column`.
 */
export function inIdList(column: SQLWrapper, ids: SQLWrapper): SQL {
  return onPostgres()
    ? sql`${column} = any(array(select jsonb_array_elements_text(${ids}::jsonb)::integer))`
    : sql`${column} in (select value from json_each(${ids}))`;
}

/** The value to bind for `inIdList`. */
export const idList = (ids: readonly number[]): string => JSON.stringify(ids);

/**
 * `(value IS NULL OR column = value)`: an optional filter as a parameter, where null
 * matches every row. PostgreSQL cannot type a parameter that stands alone (`$1 IS NULL`:
 * "could not determine data type of parameter"); drizzle binds each use of a placeholder
 * as a parameter of its own, so the null test casts its copy to text (any value has a
 * text form, and only NULL casts to NULL) and the comparison takes the column's type.
 * The same text on both engines.
 */
export function optionalEquals(column: SQLWrapper, value: SQLWrapper): SQL {
  return sql`(cast(${value} as text) is null or ${column} = ${value})`;
}

/** Ascending with NULLs first: SQLite's default, PostgreSQL's only when asked (same text on both). */
export const ascNullsFirst = (column: SQLWrapper): SQL => sql`${column} asc nulls first`;

/**
 * Text in byte order, as SQLite compares it (BINARY). PostgreSQL sorts by the database's
 * collation, which on a production server is often a language's (`en_US.UTF-8`: case and
 * punctuation ignored at first); `COLLATE "C"` is byte order on UTF-8, whatever the server.
 * For ORDER BY; not where PostgreSQL needs the ORDER BY expression in a SELECT DISTINCT list.
 */
export const byteOrder = (column: SQLWrapper): SQL => (onPostgres() ? sql`${column} collate "C"` : sql`${column}`);

/**
 * `text` starts with `prefix`, case-sensitively on both engines: SQLite's LIKE ignores
 * ASCII case and PostgreSQL's does not, and `_` and `%` in the prefix would be wildcards.
 */
export function startsWith(column: SQLWrapper, prefix: string): SQL {
  return sql`substr(${column}, 1, ${sql.raw(String(prefix.length))}) = ${prefix}`;
}

/** A key of a JSON document, as written in code: letters and digits only. */
function jsonKey(key: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) throw new Error(`Not a JSON key this module accepts: ${key}`);
  return key;
}

/**
 * On SQLite, a JSON text column as a document `json_extract` can read, or NULL, so a row
 * holding text that is not JSON never fails the query. PostgreSQL's `jsonb` holds only valid
 * JSON; its operators answer NULL for a key of an array or a scalar instead of failing.
 */
const sqliteDoc = (column: SQLWrapper) => sql`(case when json_valid(${column}) then ${column} end)`;

/**
 * The value at the top-level `key` of a JSON column, for comparing with `jsonOf` or testing
 * for NULL: SQL NULL when the key is missing, holds JSON null, or the document is not an
 * object. (SQLite gives an SQL value, PostgreSQL a `jsonb`: compare only with `jsonOf`.)
 */
export function jsonValue(column: SQLWrapper, key: string): SQL {
  return onPostgres()
    ? sql`nullif(${column} -> ${sql.raw(`'${jsonKey(key)}'`)}, 'null'::jsonb)`
    : sql`json_extract(${sqliteDoc(column)}, ${sql.raw(`'$.${jsonKey(key)}'`)})`;
}

/** An integer as `jsonValue` gives it, so `jsonValue(…) = jsonOf(n)` compares JSON numbers on both engines. */
export function jsonOf(value: number): SQL {
  if (!Number.isInteger(value)) throw new Error(`jsonOf takes integers (ids), not ${value}`);
  return onPostgres() ? sql`to_jsonb(${value}::integer)` : sql`${value}`;
}

/**
 * The value at `key` when it is a JSON string, as text. Other values differ (SQLite gives a
 * number as a number, PostgreSQL as its text): check for a string where it matters.
 */
export function jsonText(column: SQLWrapper, key: string): SQL<string | null> {
  return (onPostgres() ? sql`(${column} ->> ${sql.raw(`'${jsonKey(key)}'`)})` : sql`json_extract(${sqliteDoc(column)}, ${sql.raw(`'$.${jsonKey(key)}'`)})`) as SQL<string | null>;
}

/**
 * The array at `key` of a JSON column holds the integer `value` (a scalar there equal to
 * `value` counts too, as SQLite's `json_each` reads a scalar as a one-row list).
 */
export function jsonArrayHas(column: SQLWrapper, key: string, value: number): SQL {
  if (!Number.isInteger(value)) throw new Error(`jsonArrayHas takes integers (ids), not ${value}`);
  return onPostgres()
    ? sql`coalesce((${column} -> ${sql.raw(`'${jsonKey(key)}'`)}) @> to_jsonb(${value}::integer), false)`
    : sql`exists (select 1 from json_each(${sqliteDoc(column)}, ${sql.raw(`'$.${jsonKey(key)}'`)}) where value = ${value})`;
}

/**
 * `count(*)` as a number on both engines. PostgreSQL's count is a bigint, which its driver
 * returns as a string: cast. SQLite's is an integer already, and a bare `count(*)` of a whole
 * table is read from the b-tree's page counts without visiting each row (0.01 ms for 50,000
 * deals) — which a `cast` around it turns off (0.35 ms).
 */
export const countRows = (): SQL<number> => (onPostgres() ? sql<number>`cast(count(*) as integer)` : sql<number>`count(*)`).mapWith(Number);
