/**
 * SPEC §10, "Snooze a flag": a rep quiets a risk flag they have a plan for, with a reason
 * and a date; the flag stays in health.flags, marked; it wakes by itself after the date,
 * and the sweep records the wake-up once. Snoozes and wake-ups reach the stand-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepHealth } from '../../server/services/healthSweep';
import { addDays, isoDay } from '../../shared/dates';
import { ApiSession, expectOk, loginAs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, lastEvent, refusalCheck, sql, type OtherTeam } from '../helpers/world';

const START = new Date('2026-05-04T08:00:00Z');
const day = (days: number, from = START) => isoDay(addDays(from, days));
const REASON = 'Lunch with Chen Hao on Friday: he will coach us';

let server: TestServer;
let rep1: ApiSession;
let rep2: ApiSession;
let manager: ApiSession;
let west: OtherTeam;
const refusedWithNothingWritten = refusalCheck(() => server);

/** A fresh deal of rep1's with one person and no coach: NO_COACH is raised. */
async function dealWithoutCoach(name: string) {
  const account = await rep1.trpc.account.create.mutate({ name: `${name} account` });
  const deal = await rep1.trpc.deal.create.mutate({ accountId: account.id, name, amount: 250_000, closeDate: day(120), stage: 'propose' });
  await rep1.trpc.stakeholder.add.mutate({ dealId: deal.id, name: 'Ana Ruiz', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'neutral' });
  return deal;
}
const flagOf = async (session: ApiSession, dealId: number, code = 'NO_COACH') => (await session.trpc.deal.health.query({ id: dealId })).flags.find((flag) => flag.code === code);
const snoozeRows = async (dealId: number) => sql<{ code: string; until: string }>(server, 'select code, until from flag_snoozes where deal_id = ? order by code', [dealId]);
const eventsOf = async (dealId: number, kind: string) => sql(server, 'select id from events where deal_id = ? and kind = ?', [dealId, kind]);

beforeAll(async () => {
  server = await startTestServer({ now: START });
  [rep1, rep2, manager] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test')]);
  west = await addOtherTeam(server);
});
afterAll(() => server.stop());

describe('flag.snooze', () => {
  it('keeps the flag in health.flags, marked with until, reason and who snoozed it, and logs it', async () => {
    const deal = await dealWithoutCoach('Snooze pilot');
    expect((await flagOf(rep1, deal.id))?.snoozed).toBeUndefined();
    const res = await rep1.mutate('flag.snooze', { dealId: deal.id, code: 'NO_COACH', until: day(14), reason: `  ${REASON}  ` });
    expectOk(res);
    expect(res.data).toMatchObject({ dealId: deal.id, code: 'NO_COACH', until: day(14), reason: REASON, by: 'Riley Zhang' });
    expect((await flagOf(rep1, deal.id))?.snoozed).toEqual({ until: day(14), reason: REASON, by: 'Riley Zhang' });
    // The deal list and the Review carry the same mark.
    expect((await rep1.trpc.deal.list.query()).items.find((row) => row.id === deal.id)?.health.flags.find((f) => f.code === 'NO_COACH')?.snoozed).toMatchObject({ until: day(14) });
    const review = (await manager.trpc.review.pipeline.query({})).items.find((row) => row.id === deal.id);
    expect(review?.health.flags.find((f) => f.code === 'NO_COACH')?.snoozed).toMatchObject({ reason: REASON });
    expect(await lastEvent(server)).toMatchObject({ kind: 'flag.snoozed', entity: 'flag', dealId: deal.id, before: { code: 'NO_COACH' }, after: { code: 'NO_COACH', until: day(14), reason: REASON } });
  });

  it('replaces a snooze of the same flag, and the event shows what it was', async () => {
    const deal = await dealWithoutCoach('Snooze twice');
    await rep1.trpc.flag.snooze.mutate({ dealId: deal.id, code: 'NO_COACH', until: day(7), reason: 'First plan' });
    expectOk(await manager.mutate('flag.snooze', { dealId: deal.id, code: 'NO_COACH', until: day(90), reason: 'Coach is on leave until August' }));
    expect(await snoozeRows(deal.id)).toEqual([{ code: 'NO_COACH', until: day(90) }]);
    expect((await flagOf(rep1, deal.id))?.snoozed).toEqual({ until: day(90), reason: 'Coach is on leave until August', by: 'Morgan Li' });
    expect(await lastEvent(server)).toMatchObject({
      kind: 'flag.snoozed',
      before: { code: 'NO_COACH', until: day(7), reason: 'First plan' },
      after: { code: 'NO_COACH', until: day(90), reason: 'Coach is on leave until August' },
    });
  });

  it('refuses a day that is not after today or is more than 90 days ahead, an empty or long reason, an unknown code: nothing changes', async () => {
    const deal = await dealWithoutCoach('Snooze refusals');
    const input = { dealId: deal.id, code: 'NO_COACH' as const, until: day(14), reason: REASON };
    for (const until of [day(0), day(-3), day(91), '2026-02-30', 'next week']) {
      await refusedWithNothingWritten(() => rep1.raw.mutate('flag.snooze', { ...input, until }), 'BAD_REQUEST', 'until');
    }
    for (const reason of ['', '    ', 'x'.repeat(501)]) {
      await refusedWithNothingWritten(() => rep1.raw.mutate('flag.snooze', { ...input, reason }), 'BAD_REQUEST', 'reason');
    }
    await refusedWithNothingWritten(() => rep1.raw.mutate('flag.snooze', { ...input, code: 'NOT_A_FLAG' }), 'BAD_REQUEST', 'code');
    await refusedWithNothingWritten(() => rep1.raw.mutate('flag.snooze', { ...input, extra: 1 }), 'BAD_REQUEST', 'extra');
    await refusedWithNothingWritten(() => rep1.raw.mutate('flag.snooze', { dealId: deal.id, code: 'NO_COACH' }), 'BAD_REQUEST');
    expectOk(await rep1.mutate('flag.snooze', { ...input, until: day(1), reason: 'x'.repeat(500) }));
  });

  it('refuses a closed deal: it has no flags left to snooze', async () => {
    const deal = await dealWithoutCoach('Snooze after the win');
    await rep1.trpc.deal.update.mutate({ id: deal.id, version: deal.version, stage: 'won' });
    await refusedWithNothingWritten(() => rep1.mutate('flag.snooze', { dealId: deal.id, code: 'NO_COACH', until: day(14), reason: REASON }), 'BAD_REQUEST', 'dealId');
  });

  it('is for whoever may edit the deal: another rep and another team see no such deal', async () => {
    const deal = await dealWithoutCoach('Snooze access');
    const input = { dealId: deal.id, code: 'NO_COACH' as const, until: day(14), reason: REASON };
    await refusedWithNothingWritten(() => rep2.mutate('flag.snooze', input), 'NOT_FOUND');
    const westManager = await loginAs(server, west.managerEmail);
    await refusedWithNothingWritten(() => westManager.mutate('flag.snooze', input), 'NOT_FOUND');
    await refusedWithNothingWritten(() => new ApiSession(server.url).mutate('flag.snooze', input), 'UNAUTHORIZED');
    expectOk(await manager.mutate('flag.snooze', input));
    await refusedWithNothingWritten(() => rep2.mutate('flag.unsnooze', { dealId: deal.id, code: 'NO_COACH' }), 'NOT_FOUND');
    await refusedWithNothingWritten(() => westManager.mutate('flag.unsnooze', { dealId: deal.id, code: 'NO_COACH' }), 'NOT_FOUND');
  });
});

describe('flag.unsnooze', () => {
  it('wakes the flag now and logs it; a flag that is not snoozed is NOT_FOUND and nothing changes', async () => {
    const deal = await dealWithoutCoach('Wake early');
    await refusedWithNothingWritten(() => rep1.mutate('flag.unsnooze', { dealId: deal.id, code: 'NO_COACH' }), 'NOT_FOUND');
    await rep1.trpc.flag.snooze.mutate({ dealId: deal.id, code: 'NO_COACH', until: day(30), reason: REASON });
    expectOk(await rep1.mutate('flag.unsnooze', { dealId: deal.id, code: 'NO_COACH' }));
    expect((await flagOf(rep1, deal.id))?.snoozed).toBeUndefined();
    expect(await snoozeRows(deal.id)).toEqual([]);
    expect(await lastEvent(server)).toMatchObject({ kind: 'flag.unsnoozed', dealId: deal.id, before: { code: 'NO_COACH', until: day(30), reason: REASON } });
    await refusedWithNothingWritten(() => rep1.mutate('flag.unsnooze', { dealId: deal.id, code: 'NO_COACH' }), 'NOT_FOUND');
    await refusedWithNothingWritten(() => rep1.raw.mutate('flag.unsnooze', { dealId: deal.id, code: 'nope' }), 'BAD_REQUEST', 'code');
  });
});

describe('waking by itself', () => {
  it('sleeps through its last day, is awake the day after even before the sweep, and the sweep logs the wake-up once; the stand-up lists it all', async () => {
    const deal = await dealWithoutCoach('Wakes by itself');
    await rep1.trpc.flag.snooze.mutate({ dealId: deal.id, code: 'NO_COACH', until: day(3), reason: REASON });
    const unsnoozed = await dealWithoutCoach('Woken by hand');
    await rep1.trpc.flag.snooze.mutate({ dealId: unsnoozed.id, code: 'NO_COACH', until: day(3), reason: 'Short plan' });
    await rep1.trpc.flag.unsnooze.mutate({ dealId: unsnoozed.id, code: 'NO_COACH' });

    server.clock.now = new Date(`${day(3)}T23:00:00Z`);
    rep1 = await loginAs(server, 'rep1@demo.test');
    expect((await flagOf(rep1, deal.id))?.snoozed).toMatchObject({ until: day(3) });
    await sweepHealth(server.database.db, server.clock.now);
    expect(await eventsOf(deal.id, 'flag.woke')).toHaveLength(0);

    server.clock.now = new Date(`${day(4)}T01:00:00Z`);
    rep1 = await loginAs(server, 'rep1@demo.test');
    expect((await flagOf(rep1, deal.id))?.snoozed).toBeUndefined();
    // The expired row is no snooze to wake by hand: the sweep owns it now.
    await refusedWithNothingWritten(() => rep1.mutate('flag.unsnooze', { dealId: deal.id, code: 'NO_COACH' }), 'NOT_FOUND');
    await sweepHealth(server.database.db, server.clock.now);
    await sweepHealth(server.database.db, server.clock.now);
    expect(await eventsOf(deal.id, 'flag.woke')).toHaveLength(1);
    expect(await snoozeRows(deal.id)).toEqual([]);
    expect(await lastEvent(server, 'flag.woke')).toMatchObject({ dealId: deal.id, actorId: null, before: { code: 'NO_COACH', until: day(3), reason: REASON } });

    const standup = await rep1.trpc.standup.changes.query({ since: addDays(START, -1).toISOString() });
    const kinds = (dealId: number) => standup.find((row) => row.dealId === dealId)?.changes.map((change) => change.kind) ?? [];
    expect(kinds(deal.id)).toEqual(expect.arrayContaining(['flagSnoozed', 'flagWoke']));
    expect(kinds(unsnoozed.id)).toEqual(expect.arrayContaining(['flagSnoozed', 'flagUnsnoozed']));
    const snoozed = standup.find((row) => row.dealId === deal.id)?.changes.find((change) => change.kind === 'flagSnoozed');
    expect(snoozed).toMatchObject({ actor: 'Riley Zhang', summary: `Flag snoozed until ${day(3)}: No coach — ${REASON}` });
    expect(standup.find((row) => row.dealId === deal.id)?.changes.find((change) => change.kind === 'flagWoke')).toMatchObject({ actor: null, summary: 'Snooze ended, flag back: No coach' });
  });
});
