/**
 * SPEC §14: the health sweep runs on one instance at a time. Every instance calls it on
 * its timer; the one that gets the advisory lock sweeps, the others skip that round.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../server/db/client';
import { ifNoOtherInstance, LOCKS } from '../../server/db/locks';
import { createTestDatabase, dropTestDatabase } from '../helpers/postgres';

describe('one sweeping instance at a time', () => {
  let url: string;
  let instanceA: PostgresDatabase;
  let instanceB: PostgresDatabase;

  beforeAll(async () => {
    url = await createTestDatabase();
    instanceA = openPostgres(url, { poolSize: 2 });
    instanceB = openPostgres(url, { poolSize: 2 });
  });

  afterAll(async () => {
    await instanceA?.close();
    await instanceB?.close();
    if (url) await dropTestDatabase(url);
  });

  it('while one instance sweeps, another skips; once it is done, the next one sweeps', async () => {
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = ifNoOtherInstance(instanceA, 'healthSweep', async () => {
      started();
      await holding;
      return 'A swept';
    });
    await running;
    let ranOnB = false;
    expect(await ifNoOtherInstance(instanceB, 'healthSweep', async () => (ranOnB = true))).toBeUndefined();
    expect(ranOnB).toBe(false);
    release();
    expect(await first).toBe('A swept');
    expect(await ifNoOtherInstance(instanceB, 'healthSweep', async () => 'B swept')).toBe('B swept');
  });

  it('a lock held by a process that died is free again: it goes with the connection', async () => {
    const crashed = new pg.Client({ connectionString: url });
    await crashed.connect();
    await crashed.query('SELECT pg_advisory_lock($1)', [LOCKS.healthSweep]);
    expect(await ifNoOtherInstance(instanceA, 'healthSweep', async () => 'swept')).toBeUndefined();
    await crashed.end(); // the connection closes as a killed process's would
    expect(await ifNoOtherInstance(instanceA, 'healthSweep', async () => 'swept')).toBe('swept');
  });
});
