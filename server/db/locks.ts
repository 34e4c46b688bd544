import type { AppDatabase } from './client';
import { LOCK_IDS } from './lockIds';

/** The session-level locks `ifNoOtherInstance` takes. */
export const LOCKS = { healthSweep: LOCK_IDS.healthSweep } as const;

/**
 * Run `work` only if no other instance is running it now; answers undefined when another
 * one is. On PostgreSQL a session-level advisory lock on a connection held for the
 * duration (released with the connection if the process dies); SQLite runs one instance.
 */
export async function ifNoOtherInstance<T>(database: AppDatabase, lock: keyof typeof LOCKS, work: () => Promise<T>): Promise<T | undefined> {
  if (database.engine === 'sqlite') return work();
  const client = await database.pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LOCKS[lock]]);
    if (!rows[0]?.locked) return undefined;
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCKS[lock]]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
