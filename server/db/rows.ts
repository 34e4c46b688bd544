/**
 * The only two ways services read a single row, the same on every engine: awaiting a
 * query gives its rows (drizzle's `.get()`/`.all()`/`.run()` exist on SQLite only).
 */

/** The first row, if any: a lookup that may find nothing. */
export function first<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}

/** The one row an insert or update `.returning()` gave: its absence is a bug, not a user error. */
export function single<T>(rows: readonly T[]): T {
  if (rows.length !== 1) throw new Error(`expected exactly one row, got ${rows.length}`);
  return rows[0]!;
}
