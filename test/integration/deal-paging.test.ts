/**
 * SPEC §13: deal.list and review.pipeline are pages — `{items, nextCursor, total}` — sorted,
 * filtered and searched by the server; review.summary counts by health. Paging through a
 * list gives every deal exactly once, in the sort's order, even while deals are edited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_ATTENTION_ORDER, HEALTH_STATUSES, STAGES, stageIndex, THRESHOLD_KEYS } from '../../shared/domain';
import { DEAL_SORT_KEYS, type DealSort, type TDealQuery } from '../../shared/schemas/deal';
import { addDays, isoDay } from '../../shared/dates';
import { loginAs, type ApiSession, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, type OtherTeam } from '../helpers/world';

type Row = RouterOutputs['deal']['list']['items'][number];

let server: TestServer;
let rep1: ApiSession;
let rep2: ApiSession;
let manager: ApiSession;
let admin: ApiSession;
let west: OtherTeam;
/** The demo's deals: eight in play or lately closed, and fourteen past orders (SPEC §11). */
const DEMO = 22;
/** Deals this file made, besides the demo's. */
const MADE = 64;

beforeAll(async () => {
  server = await startTestServer({ now: new Date('2026-06-01T09:00:00Z') });
  [rep1, rep2, manager, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
  west = await addOtherTeam(server);
  const accounts = await Promise.all(['Pacific Rail', 'Northwind 100% Foods', 'Sunrise_Telecom', '华东电网'].map((name) => rep1.trpc.account.create.mutate({ name })));
  // Amounts repeat (ties the deal id must break); stages and close dates spread.
  for (let i = 0; i < MADE; i++) {
    const owner = i % 3 === 0 ? rep2 : rep1;
    const account = accounts[i % accounts.length]!;
    await owner.trpc.deal.create.mutate({
      accountId: account.id,
      name: `${['Signalling', 'Ticketing', 'Data centre', 'Core network'][i % 4]} phase ${i}`,
      amount: 100_000 * (1 + (i % 7)),
      closeDate: isoDay(addDays(server.clock.now, 10 + ((i * 37) % 200))),
      stage: STAGES[i % 5]!,
    });
  }
}, 120_000);
afterAll(() => server.stop());

/** Every page of a query, in order, with the totals each page reported. */
async function allPages(session: ApiSession, query: TDealQuery, between?: (page: number) => Promise<void>) {
  const rows: Row[] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await session.trpc.deal.list.query({ ...query, cursor });
    rows.push(...page.items);
    totals.push(page.total);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
    if (between) await between(pages);
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return { rows, totals, pages };
}

const compareBy: Record<(typeof DEAL_SORT_KEYS)[number], (a: Row, b: Row) => number> = {
  closeDate: (a, b) => a.closeDate.localeCompare(b.closeDate),
  amount: (a, b) => a.amount - b.amount,
  name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  account: (a, b) => (a.accountName < b.accountName ? -1 : a.accountName > b.accountName ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  stage: (a, b) => stageIndex(a.stage) - stageIndex(b.stage),
  health: (a, b) => HEALTH_ATTENTION_ORDER[a.health.status] - HEALTH_ATTENTION_ORDER[b.health.status] || b.amount - a.amount,
  coverage: (a, b) => a.health.coverage.influence - b.health.coverage.influence,
  updatedAt: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
};
const sorted = (rows: readonly Row[], sort: DealSort) => {
  const descending = sort.startsWith('-');
  const compare = compareBy[(descending ? sort.slice(1) : sort) as keyof typeof compareBy];
  return [...rows].sort((a, b) => (descending ? -1 : 1) * (compare(a, b) || a.id - b.id));
};
const ids = (rows: readonly Row[]) => rows.map((row) => row.id);

describe('deal.list pages (SPEC §13)', () => {
  it('pages of 50 by default, with the total on every page and no cursor after the last', async () => {
    const first = await manager.trpc.deal.list.query();
    expect(first.items).toHaveLength(50);
    expect(first.total).toBe(DEMO + MADE);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await manager.trpc.deal.list.query({ cursor: first.nextCursor! });
    expect(second.items).toHaveLength(DEMO + MADE - 50);
    expect(second.nextCursor).toBeNull();
  });

  it.each(DEAL_SORT_KEYS.flatMap((key) => [key, `-${key}`] as DealSort[]))('sorted by %s: every deal once, in that order, across pages of 7', async (sort) => {
    const { rows, totals } = await allPages(manager, { sort, limit: 7 });
    expect(new Set(ids(rows)).size).toBe(rows.length);
    expect(rows).toHaveLength(DEMO + MADE);
    expect(new Set(totals)).toEqual(new Set([DEMO + MADE]));
    expect(ids(rows)).toEqual(ids(sorted(rows, sort)));
  });

  it('gives every deal exactly once while deals are renamed, re-staged, re-scored and created mid-way', async () => {
    const before = await allPages(manager, { limit: 200 });
    let created: number | undefined;
    const { rows } = await allPages(manager, { sort: 'closeDate', limit: 9 }, async (page) => {
      // Edits that do not move the sort value: the pages must not notice them.
      const victim = before.rows[(page * 11) % before.rows.length]!;
      const room = await manager.trpc.deal.get.query({ id: victim.id });
      await manager.trpc.deal.update.mutate({ id: victim.id, version: room.deal.version, name: `${victim.name} (renamed)`, amount: room.deal.amount + 1 });
      if (room.deal.status === 'open') await manager.mutate('stakeholder.add', { dealId: victim.id, name: `Buyer ${page}`, level: 'staff', decisionRole: 'user', influence: 2, stance: 'ally' });
      if (page === 2) {
        const account = (await rep1.trpc.account.list.query()).find((a) => a.name === 'Harbor Bank')!;
        // A deal closing after every other one: a later page must bring it.
        created = (await rep1.trpc.deal.create.mutate({ accountId: account.id, name: 'Late arrival', amount: 1, closeDate: '2031-12-31' })).id;
      }
    });
    expect(new Set(ids(rows)).size).toBe(rows.length);
    expect(ids(rows).toSorted()).toEqual([...ids(before.rows), created!].toSorted());
  });

  it('searches deal and account names, any case, with % and _ taken literally', async () => {
    const names = async (q: string) => (await allPages(manager, { q, limit: 200 })).rows;
    expect((await names('SIGNALLING')).every((row) => row.name.toLowerCase().includes('signalling'))).toBe(true);
    expect((await names('SIGNALLING')).length).toBeGreaterThan(MADE / 4 - 1);
    const byAccount = await names('pacific rail');
    expect(byAccount.length).toBe(MADE / 4);
    expect(byAccount.every((row) => row.accountName === 'Pacific Rail')).toBe(true);
    expect((await names('100%')).map((row) => row.accountName)).toEqual(Array(MADE / 4).fill('Northwind 100% Foods'));
    expect((await names('Sunrise_')).length).toBe(MADE / 4);
    expect(await names('Sunrise%Telecom')).toEqual([]);
    expect((await names('华东')).length).toBe(MADE / 4);
    const page = await manager.trpc.deal.list.query({ q: 'Pacific RAIL', limit: 5 });
    expect(page.total).toBe(MADE / 4);
  });

  it('filters by status, stage, owner, health and team, and counts what it filters', async () => {
    const all = (await allPages(manager, { limit: 200 })).rows;
    for (const status of ['open', 'won', 'lost'] as const) {
      const page = await allPages(manager, { status, limit: 200 });
      expect(page.rows.length).toBe(all.filter((row) => row.status === status).length);
      expect(page.totals[0]).toBe(page.rows.length);
    }
    for (const health of HEALTH_STATUSES) {
      const rows = (await allPages(manager, { health, limit: 200 })).rows;
      expect(ids(rows).toSorted()).toEqual(ids(all.filter((row) => row.health.status === health)).toSorted());
    }
    const negotiating = (await allPages(manager, { stage: 'negotiate', limit: 200 })).rows;
    expect(negotiating.length).toBeGreaterThan(0);
    expect(negotiating.every((row) => row.stage === 'negotiate')).toBe(true);
    const me = await rep2.trpc.auth.me.query();
    const theirs = (await allPages(manager, { ownerId: me!.user.id, limit: 200 })).rows;
    expect(theirs.every((row) => row.ownerId === me!.user.id)).toBe(true);
    expect(theirs.length).toBe(all.filter((row) => row.ownerId === me!.user.id).length);
    // The admin's count of open deals reads the review order's index instead of each status (countedStatusOf): the same numbers, a deal closing included.
    const everything = (await allPages(admin, { limit: 200 })).rows;
    for (const status of ['open', 'won', 'lost'] as const) {
      const page = await allPages(admin, { status, limit: 200 });
      expect(page.rows.length, status).toBe(everything.filter((row) => row.status === status).length);
      expect(page.totals[0], status).toBe(page.rows.length);
    }
    const openBefore = (await admin.trpc.review.pipeline.query({ limit: 1 })).total;
    expect(openBefore).toBe(everything.filter((row) => row.status === 'open').length);
    const closing = everything.find((row) => row.status === 'open' && row.name.includes(' phase '))!;
    const room = await admin.trpc.deal.get.query({ id: closing.id });
    await admin.trpc.deal.update.mutate({ id: closing.id, version: room.deal.version, stage: 'won' });
    expect((await admin.trpc.review.pipeline.query({ limit: 1 })).total).toBe(openBefore - 1);
    expect((await admin.trpc.deal.list.query({ status: 'open', limit: 1 })).total).toBe(openBefore - 1);
    // A team filter: admins pick any team; the west team holds exactly its one deal.
    expect(ids((await admin.trpc.deal.list.query({ teamId: west.teamId })).items)).toEqual([west.dealId]);
    expect((await manager.trpc.deal.list.query({ teamId: all[0]!.teamId, limit: 1 })).total).toBe(all.length);
  });

  it('shows each role its own deals only, and their count', async () => {
    const mine = await allPages(rep1, { limit: 10 });
    const me = await rep1.trpc.auth.me.query();
    expect(mine.rows.length).toBeGreaterThan(10);
    expect(mine.rows.every((row) => row.ownerId === me!.user.id)).toBe(true);
    expect(mine.totals[0]).toBe(mine.rows.length);
    expect(ids((await allPages(admin, { limit: 200 })).rows)).toContain(west.dealId);
    expect(ids((await allPages(manager, { limit: 200 })).rows)).not.toContain(west.dealId);
  });

  it('refuses a team the user does not see, a cursor of another sort or a made-up one, and a limit out of range', async () => {
    expect((await manager.query('deal.list', { teamId: west.teamId })).error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await rep1.query('deal.list', { teamId: west.teamId })).error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await admin.query('deal.list', { teamId: 999_999 })).error).toMatchObject({ code: 'NOT_FOUND' });
    const { nextCursor } = await manager.trpc.deal.list.query({ sort: 'amount', limit: 3 });
    const wrongSort = await manager.query('deal.list', { sort: 'name', cursor: nextCursor! });
    expect(wrongSort.error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(wrongSort.error?.message).toContain('cursor');
    for (const cursor of ['not-a-cursor', Buffer.from('{"s":"amount","v":[1]}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      expect((await manager.query('deal.list', { sort: 'amount', cursor })).error, cursor).toMatchObject({ code: 'BAD_REQUEST' });
    }
    for (const limit of [0, 201, 1.5]) expect((await manager.query('deal.list', { limit })).error?.code, String(limit)).toBe('BAD_REQUEST');
    expect((await manager.query('deal.list', { sort: 'owner' as DealSort })).error?.code).toBe('BAD_REQUEST');
  });
});

describe('review.pipeline pages and review.summary (SPEC §13)', () => {
  it('pages the open deals worst first, biggest first among equals', async () => {
    const rows: RouterOutputs['review']['pipeline']['items'] = [];
    let cursor: string | undefined;
    do {
      const page = await manager.trpc.review.pipeline.query({ cursor, limit: 11 });
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const open = (await allPages(manager, { status: 'open', limit: 200 })).rows;
    expect(rows.map((row) => row.id).toSorted()).toEqual(ids(open).toSorted());
    const order = rows.map((row) => [HEALTH_ATTENTION_ORDER[row.health.status], -row.amount, row.id]);
    expect(order).toEqual(order.toSorted((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!));
  });

  it('counts by health status and by missing threshold, as the list shows them', async () => {
    const all = (await allPages(manager, { limit: 200 })).rows;
    const open = all.filter((row) => row.status === 'open');
    const summary = await manager.trpc.review.summary.query();
    expect(summary.open).toBe(open.length);
    for (const status of HEALTH_STATUSES) expect(summary.byStatus[status], status).toBe(all.filter((row) => row.health.status === status).length);
    for (const key of THRESHOLD_KEYS) expect(summary.missing[key], key).toBe(open.filter((row) => !row.health.thresholds[key].passed).length);
    // Per team, and refused for a team the manager does not see.
    expect((await admin.trpc.review.summary.query({ teamId: west.teamId })).open).toBe(1);
    expect((await manager.query('review.summary', { teamId: west.teamId })).error?.code).toBe('NOT_FOUND');
    // A rep counts their own deals.
    const mine = await rep2.trpc.review.summary.query();
    expect(mine.open).toBe((await allPages(rep2, { status: 'open', limit: 200 })).rows.length);
  });
});

describe("a rep's lists: the deals they own and the ones they were added to (SPEC §7, ADR 33)", () => {
  it('pages exactly those, in order, with their total, on deal.list, review.pipeline and review.summary', async () => {
    const [me1, me2] = await Promise.all([rep1.trpc.auth.me.query(), rep2.trpc.auth.me.query()]);
    const team = (await allPages(manager, { limit: 200 })).rows;
    // rep1 adds rep2 to every fifth of their deals, spread over the close dates.
    const shared = team.filter((row) => row.ownerId === me1!.user.id).filter((_, index) => index % 5 === 0);
    expect(shared.length).toBeGreaterThan(5);
    for (const deal of shared) await rep1.trpc.deal.addMember.mutate({ dealId: deal.id, userId: me2!.user.id });
    const sharedIds = new Set(ids(shared));
    const expected = team.filter((row) => row.ownerId === me2!.user.id || sharedIds.has(row.id));
    // Owned and shared both reach past a page of 7, so each arm and their merge are paged.
    expect(expected.filter((row) => row.ownerId === me2!.user.id).length).toBeGreaterThan(7);

    for (const sort of ['closeDate', '-closeDate', 'health', '-amount', 'account', 'coverage'] as DealSort[]) {
      const { rows, totals } = await allPages(rep2, { sort, limit: 7 });
      expect(ids(rows), sort).toEqual(ids(sorted(expected, sort)));
      expect(new Set(totals), sort).toEqual(new Set([expected.length]));
    }
    const open = expected.filter((row) => row.status === 'open');
    const filtered = await allPages(rep2, { status: 'open', limit: 3 });
    expect(ids(filtered.rows).toSorted()).toEqual(ids(open).toSorted());
    expect(filtered.totals[0]).toBe(open.length);

    const review: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await rep2.trpc.review.pipeline.query({ cursor, limit: 4 });
      expect(page.total).toBe(open.length);
      review.push(...page.items.map((row) => row.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(review).toEqual(ids(sorted(open, 'health')));

    const summary = await rep2.trpc.review.summary.query();
    expect(summary.open).toBe(open.length);
    for (const status of HEALTH_STATUSES) expect(summary.byStatus[status], status).toBe(expected.filter((row) => row.health.status === status).length);
    for (const key of THRESHOLD_KEYS) expect(summary.missing[key], key).toBe(open.filter((row) => !row.health.thresholds[key].passed).length);
  });
});
