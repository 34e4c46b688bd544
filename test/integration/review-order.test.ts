/**
 * ADR 30: the Review's order — the deals that need attention first, the biggest first
 * among them — reads the deal's own copy of its health's rank (`deals.attention`), so one
 * index gives a first page. That copy must follow every write that moves it: after a
 * stage change, an amount change, a close and a reopening, and time passing with the
 * sweep, paging through review.pipeline gives the open deals in exactly the order a fresh
 * scoring of each deal gives, and its health filter finds exactly the deals scoring says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_ATTENTION_ORDER, HEALTH_STATUSES, type HealthStatus } from '../../shared/domain';
import { addDays, isoDay } from '../../shared/dates';
import type { TDealQuery } from '../../shared/schemas/deal';
import { sweepHealth } from '../../server/services/healthSweep';
import { loginAs, type ApiSession } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, type OtherTeam } from '../helpers/world';

let server: TestServer;
let manager: ApiSession;
let admin: ApiSession;
let west: OtherTeam;
/** The deals this file made, in the demo team. */
const made: number[] = [];

beforeAll(async () => {
  server = await startTestServer({ now: new Date('2026-06-01T09:00:00Z') });
  [manager, admin] = await Promise.all([loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
  west = await addOtherTeam(server);
  const account = await manager.trpc.account.create.mutate({ name: 'Ordering Ltd' });
  // Equal amounts (ties the deal id breaks) and stages from early to late.
  for (const [i, stage] of (['qualify', 'qualify', 'discover', 'propose', 'negotiate', 'commit'] as const).entries()) {
    made.push((await manager.trpc.deal.create.mutate({ accountId: account.id, name: `Ordered ${i}`, amount: 200_000 * (1 + (i % 2)), closeDate: isoDay(addDays(server.clock.now, 120)), stage })).id);
  }
}, 60_000);
afterAll(() => server.stop());

/** Every page of the review (3 deals a page, so the cursor is used between every rank). */
async function reviewPages(session: ApiSession, query: TDealQuery = {}) {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await session.trpc.review.pipeline.query({ ...query, cursor, limit: 3 });
    ids.push(...page.items.map((row) => row.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** Each open deal the session sees, with its health scored fresh now (deal.health never reads the stored row). */
async function freshOpenDeals(session: ApiSession) {
  const deals: { id: number; amount: number; status: HealthStatus }[] = [];
  let cursor: string | undefined;
  do {
    const page = await session.trpc.deal.list.query({ status: 'open', cursor, limit: 200 });
    for (const deal of page.items) deals.push({ id: deal.id, amount: deal.amount, status: (await session.trpc.deal.health.query({ id: deal.id })).status });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return deals;
}

/** The review, page by page and by each health filter, equals the order of a fresh scoring; returns that scoring. */
async function expectFreshOrder(session: ApiSession) {
  const fresh = await freshOpenDeals(session);
  const order = fresh.toSorted((a, b) => HEALTH_ATTENTION_ORDER[a.status] - HEALTH_ATTENTION_ORDER[b.status] || b.amount - a.amount || a.id - b.id);
  expect(await reviewPages(session)).toEqual(order.map((deal) => deal.id));
  for (const health of HEALTH_STATUSES) {
    expect(await reviewPages(session, { health }), health).toEqual(order.filter((deal) => deal.status === health).map((deal) => deal.id));
  }
  return new Map(fresh.map((deal) => [deal.id, deal.status]));
}

async function updateDeal(id: number, patch: { stage?: 'qualify' | 'commit' | 'won' | 'propose'; amount?: number }) {
  const { deal } = await manager.trpc.deal.get.query({ id });
  await manager.mutate('deal.update', { id, version: deal.version, ...patch });
}

describe('the Review’s order follows every write that moves it (ADR 30)', () => {
  it('starts in the order a fresh scoring gives, for a manager and for the admin', async () => {
    const statuses = await expectFreshOrder(manager);
    expect(new Set(made.map((id) => statuses.get(id))).size).toBeGreaterThan(1);
    await expectFreshOrder(admin);
  });

  it('after a stage change moves a deal’s health', async () => {
    const before = await expectFreshOrder(manager);
    const deal = made[0]!;
    await updateDeal(deal, { stage: 'commit' });
    const after = await expectFreshOrder(manager);
    // The later stage makes every threshold due: the deal's rank moved, and the order with it.
    expect(after.get(deal)).not.toBe(before.get(deal));
  });

  it('after an amount change, within its rank', async () => {
    const deal = made[1]!;
    await updateDeal(deal, { amount: 9_000_000 });
    const statuses = await expectFreshOrder(manager);
    const [first] = await reviewPages(manager, { health: statuses.get(deal)! });
    expect(first).toBe(deal);
  });

  it('after a close, which takes the deal out, and a reopening, which brings it back', async () => {
    const deal = made[2]!;
    await updateDeal(deal, { stage: 'won' });
    expect(await reviewPages(manager)).not.toContain(deal);
    expect((await manager.trpc.review.pipeline.query({ status: 'won' })).items.map((row) => row.id)).toContain(deal);
    // The admin's review of the whole organisation reads the rank for the status too: the same deals, both ways round.
    const won = (await admin.trpc.deal.list.query({ status: 'won', limit: 200 })).items.map((row) => row.id);
    expect((await reviewPages(admin, { status: 'won' })).toSorted()).toEqual(won.toSorted());
    expect(await reviewPages(admin, { sort: '-health' })).toEqual((await reviewPages(admin)).toReversed());
    await expectFreshOrder(manager);
    await updateDeal(deal, { stage: 'propose' });
    expect(await reviewPages(manager)).toContain(deal);
    await expectFreshOrder(manager);
  });

  it('after time passes and the sweep re-scores, for every team', async () => {
    const before = await expectFreshOrder(admin);
    server.clock.now = addDays(server.clock.now, 150);
    await sweepHealth(server.database.db, server.clock.now);
    // Months later, the sessions have expired: sign in again.
    [manager, admin] = await Promise.all([loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
    const after = await expectFreshOrder(admin);
    expect([...after].some(([id, status]) => before.get(id) !== status)).toBe(true);
    await expectFreshOrder(manager);
    // One team's review, through its own index: the west team's one deal.
    expect(await reviewPages(admin, { teamId: west.teamId })).toEqual([west.dealId]);
  });
});
