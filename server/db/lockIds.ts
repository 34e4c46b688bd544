/**
 * PostgreSQL advisory lock ids of this app, in one place so no two uses share one by
 * accident: arbitrary constants, the same in every instance.
 */
export const LOCK_IDS = {
  /** Session lock: one instance applies the migrations at a time. */
  migrations: '7301201301',
  /** Session lock, tried: one instance sweeps health at a time. */
  healthSweep: '7301201302',
  /** Transaction lock: one write transaction at a time across all instances (ADR 16). */
  writes: '7301201303',
  /** Transaction lock: one instance creates the login rate limits' table. */
  rateLimitTable: '7301201304',
} as const;
