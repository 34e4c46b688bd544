/**
 * Snoozed risk flags (SPEC §10): a rep quiets a flag they have a plan for, with a
 * reason and a date; the flag stays visible, marked, and wakes by itself after the
 * date. The health sweep then deletes the expired row and records the wake-up once.
 */
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { isoDay } from '../../shared/dates';
import type { RiskFlagCode } from '../../shared/domain';
import type { FlagSnoozeRecord } from '../../shared/events';
import type { TFlagSnooze, TFlagUnsnooze } from '../../shared/schemas/flag';
import { snoozeHolds, snoozeUntilProblem, SNOOZE_MAX_DAYS, type FlagSnooze } from '../../shared/scoring';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { idList, inIdList } from '../db/dialect';
import { prepared } from '../db/prepared';
import { first, single } from '../db/rows';
import { deals, flagSnoozes, users } from '../db/tables';
import { AppError, badInput, notFound } from '../errors';
import { requireDeal } from './access';
import { recordEvent } from './events';
// A cycle by design (health reads the snoozes, a snooze re-stores the health): both only call each other at run time.
import { refreshHealthSnapshot } from './health';

export type FlagSnoozeDto = FlagSnooze & { dealId: number; createdAt: string };

const UNTIL_MESSAGES = {
  notAfterToday: 'must be after today',
  tooFar: `must be at most ${SNOOZE_MAX_DAYS} days ahead`,
} as const;

const record = (row: { code: RiskFlagCode; until: string; reason: string }): FlagSnoozeRecord => ({ code: row.code, until: row.until, reason: row.reason });

async function currentSnooze(tx: Tx, dealId: number, code: RiskFlagCode) {
  return first(await tx.select().from(flagSnoozes).where(and(eq(flagSnoozes.dealId, dealId), eq(flagSnoozes.code, code))).limit(1));
}

/** Snooze one flag of a deal; a snooze of the same flag is replaced, and the event shows both. */
export async function snoozeFlag(db: Db, user: SessionUser, input: TFlagSnooze, now: Date): Promise<FlagSnoozeDto> {
  const problem = snoozeUntilProblem(input.until, now);
  if (problem) throw badInput('until', UNTIL_MESSAGES[problem]);
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    // A closed deal raises no flags (SPEC §4): there is nothing left to snooze.
    if (deal.status !== 'open') throw new AppError('BAD_REQUEST', 'dealId: a closed deal has no risk flags to snooze', { field: 'dealId' });
    const previous = await currentSnooze(tx, deal.id, input.code);
    const values = { until: input.until, reason: input.reason, byUserId: user.id, createdAt: now.toISOString() };
    const row = previous
      ? single(await tx.update(flagSnoozes).set(values).where(and(eq(flagSnoozes.dealId, deal.id), eq(flagSnoozes.code, input.code))).returning())
      : single(await tx.insert(flagSnoozes).values({ dealId: deal.id, code: input.code, ...values }).returning());
    await recordEvent(tx, {
      teamId: deal.teamId,
      dealId: deal.id,
      actorId: user.id,
      kind: 'flag.snoozed',
      entity: 'flag',
      entityId: null,
      before: previous ? record(previous) : { code: input.code },
      after: record(row),
      at: now,
    });
    await refreshHealthSnapshot(tx, deal.id, user.id, now);
    return { ...record(row), dealId: deal.id, by: user.name, createdAt: row.createdAt };
  });
}

/**
 * Wake a snoozed flag now. A flag with no snooze holding today — never snoozed, woken
 * already, or expired and waiting for the sweep — is NOT_FOUND: there is nothing to wake.
 */
export async function unsnoozeFlag(db: Db, user: SessionUser, input: TFlagUnsnooze, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const snooze = await currentSnooze(tx, deal.id, input.code);
    if (!snooze || !snoozeHolds(snooze, now)) throw notFound('Snooze');
    await tx.delete(flagSnoozes).where(and(eq(flagSnoozes.dealId, deal.id), eq(flagSnoozes.code, input.code)));
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'flag.unsnoozed', entity: 'flag', entityId: null, before: record(snooze), at: now });
    // The flag is awake again: the stored health (SPEC §13) shows it from now.
    await refreshHealthSnapshot(tx, deal.id, user.id, now);
    return { ok: true as const };
  });
}

/** The snoozes of some deals, with the name of who snoozed each: what scoring marks flags with. */
const snoozesOfDeals = prepared((db) =>
  db
    .select({ dealId: flagSnoozes.dealId, code: flagSnoozes.code, until: flagSnoozes.until, reason: flagSnoozes.reason, by: users.name })
    .from(flagSnoozes)
    .innerJoin(users, eq(users.id, flagSnoozes.byUserId))
    .where(inIdList(flagSnoozes.dealId, sql.placeholder('ids')))
    .prepare(),
);

export async function loadSnoozes(db: Db | Tx, dealIds: readonly number[]): Promise<(FlagSnooze & { dealId: number })[]> {
  if (dealIds.length === 0) return [];
  return snoozesOfDeals(db).execute({ ids: idList([...dealIds]) });
}

/**
 * End every snooze of an open deal whose last day has passed: delete the row and record
 * `flag.woke` (by nobody) in the same transaction, so a wake-up is logged exactly once
 * however often the sweep runs. A closed deal's snooze waits: its flags are gone anyway.
 */
export async function wakeExpiredSnoozes(db: Db, now: Date): Promise<number> {
  return writeTransaction(db, async (tx) => {
    const expired = await tx
      .select({ snooze: flagSnoozes, teamId: deals.teamId })
      .from(flagSnoozes)
      .innerJoin(deals, eq(deals.id, flagSnoozes.dealId))
      .where(and(lt(flagSnoozes.until, isoDay(now)), eq(deals.status, 'open')))
      .orderBy(asc(flagSnoozes.dealId), asc(flagSnoozes.code));
    // The write transaction holds the write lock, so the rows read are the rows deleted.
    for (const { snooze, teamId } of expired) {
      await tx.delete(flagSnoozes).where(and(eq(flagSnoozes.dealId, snooze.dealId), eq(flagSnoozes.code, snooze.code)));
      await recordEvent(tx, { teamId, dealId: snooze.dealId, actorId: null, kind: 'flag.woke', entity: 'flag', entityId: null, before: record(snooze), at: now });
    }
    return expired.length;
  });
}
