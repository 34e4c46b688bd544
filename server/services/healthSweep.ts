/**
 * Thresholds are also lost to time alone: a confirmed point goes stale after
 * `staleDays`, the top decision-maker's last contact ages past `contactDays`.
 * No write records that, so an hourly sweep does — a snapshot and a
 * `threshold.lost` event (by nobody) for every open deal whose health moved —
 * and the history and the stand-up show it the same day it happened
 * (every HEALTH_SWEEP_MINUTES, default 60).
 */
import { writeTransaction, type Db } from '../db/client';
import { syncAllAccountFlags } from './accountFlags';
import { wakeExpiredSnoozes } from './flagSnoozes';
import { closedDealFacts, HEALTH_BATCH as BATCH, openDealFacts, recordHealthSnapshots, storeScoredHealth } from './health';

/**
 * Wake the snoozed flags whose day has passed (SPEC §10), then record the health of
 * every open deal that changed since its last snapshot, and store every deal's health
 * (SPEC §13: a closed deal's reasons still age, though its history ended with its close).
 * Then the account flags time alone raises or clears (SPEC §11): each raised one is sent as
 * `account.flag_raised` (./accountFlags.ts). Returns how many snapshots and wake-ups were
 * recorded. Batches of 500 deals per
 * transaction: short write locks, so users' writes never wait long behind the sweep.
 */
export async function sweepHealth(db: Db, now: Date): Promise<number> {
  let recorded = await wakeExpiredSnoozes(db, now);
  const open = await openDealFacts(db);
  // Scored in bulk, a batch per transaction; a deal closed meanwhile is scored as it was, which changes no threshold.
  for (let start = 0; start < open.length; start += BATCH) {
    recorded += await writeTransaction(db, (tx) => recordHealthSnapshots(tx, open.slice(start, start + BATCH), null, now));
  }
  const closed = await closedDealFacts(db);
  for (let start = 0; start < closed.length; start += BATCH) {
    await writeTransaction(db, (tx) => storeScoredHealth(tx, closed.slice(start, start + BATCH), now));
  }
  await syncAllAccountFlags(db, now);
  return recorded;
}
