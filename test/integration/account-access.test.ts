/**
 * Which accounts a rep sees, and what of them (issue #15, docs/decisions/0029), over real HTTP:
 * a rep sees an account of their team they manage or where they may see a deal (own or shared);
 * inside an account they do not manage they see only those deals, and the sums, orders and
 * deal totals are theirs; the pattern, scorecard and health stay the account's. The new-deal
 * picker names every account of the team (`account.options`), and a deal opened there makes
 * the account visible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/dates';
import { loginAs, type ApiSession, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, refusalCheck, type OtherTeam } from '../helpers/world';

type Account = RouterOutputs['account']['create'];

describe('account access for reps (0029)', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let other: OtherTeam;
  let otherManager: ApiSession;
  let rep2Id: number;
  const refused = refusalCheck(() => server);
  const daysAgo = (n: number) => new Date(server.clock.now.getTime() - n * DAY_MS).toISOString().slice(0, 10);
  const later = () => new Date(server.clock.now.getTime() + 60 * DAY_MS).toISOString().slice(0, 10);

  /** The four accounts of rep2's view, all named "Access …" so the seed's accounts stay out of the comparisons. */
  const accounts = {} as Record<'own' | 'member' | 'managed' | 'other' | 'split', Account>;
  const deal = (session: ApiSession, account: Account, name: string, amount: number, won?: number) =>
    session.trpc.deal.create.mutate({ accountId: account.id, name, amount, currency: 'USD', closeDate: won === undefined ? later() : daysAgo(won), stage: won === undefined ? 'qualify' : 'won' });
  const listed = async (session: ApiSession) => (await session.trpc.account.list.query({ q: 'Access ' })).map((item) => item.name);

  beforeAll(async () => {
    server = await startTestServer();
    other = await addOtherTeam(server);
    [rep1, rep2, manager, admin, otherManager] = await Promise.all(
      ['rep1@demo.test', 'rep2@demo.test', 'manager@demo.test', 'admin@demo.test', other.managerEmail].map((email) => loginAs(server, email)),
    ) as [ApiSession, ApiSession, ApiSession, ApiSession, ApiSession];
    rep2Id = (await manager.trpc.user.list.query()).find((user) => user.email === 'rep2@demo.test')!.id;
    // Opened by the manager: no key-account manager.
    accounts.own = await manager.trpc.account.create.mutate({ name: 'Access Own' });
    accounts.member = await manager.trpc.account.create.mutate({ name: 'Access Member' });
    accounts.other = await manager.trpc.account.create.mutate({ name: 'Access Other' });
    // rep2 manages it; only rep1 sells there.
    accounts.managed = await rep2.trpc.account.create.mutate({ name: 'Access Managed' });
    // rep1 manages it; both sell there.
    accounts.split = await rep1.trpc.account.create.mutate({ name: 'Access Split' });

    await deal(rep2, accounts.own, 'Own deal', 10);
    const shared = await deal(rep1, accounts.member, 'Shared deal', 20);
    await rep1.trpc.deal.addMember.mutate({ dealId: shared.id, userId: rep2Id });
    await deal(rep1, accounts.managed, 'Managed order', 700, 30);
    await deal(rep1, accounts.other, 'Other deal', 40);
    await deal(rep1, accounts.split, 'Rep1 order', 1_000, 100);
    await deal(rep1, accounts.split, 'Rep1 open', 500);
    await deal(rep2, accounts.split, 'Rep2 order', 300, 200);
    await deal(rep2, accounts.split, 'Rep2 open', 50);
  });
  afterAll(() => server.stop());

  describe('which accounts a rep sees', () => {
    it('the accounts of their own deals, of deals they were added to, and those they manage — not the team’s others', async () => {
      expect(await listed(rep2)).toEqual(['Access Managed', 'Access Member', 'Access Own', 'Access Split']);
      expect(await listed(rep1)).toEqual(['Access Managed', 'Access Member', 'Access Other', 'Access Split']);
      for (const account of [accounts.own, accounts.member, accounts.managed]) expect((await rep2.trpc.account.get.query({ id: account.id })).account.id).toBe(account.id);
    });

    it('managers see every account of their team, admins every account, another team’s manager none of them', async () => {
      const all = ['Access Managed', 'Access Member', 'Access Other', 'Access Own', 'Access Split'];
      expect(await listed(manager)).toEqual(all);
      expect(await listed(admin)).toEqual(all);
      expect(await listed(otherManager)).toEqual([]);
    });

    it('an account the rep does not see is NOT_FOUND everywhere: the room, its history, contacts, allies, complaints and activities', async () => {
      const id = accounts.other.id;
      expect((await rep2.query('account.get', { id })).error?.code).toBe('NOT_FOUND');
      expect((await rep2.query('account.history', { id })).error?.code).toBe('NOT_FOUND');
      expect((await rep2.query('contact.list', { accountId: id })).error?.code).toBe('NOT_FOUND');
      expect((await rep2.query('externalAlly.list', { accountId: id })).error?.code).toBe('NOT_FOUND');
      await refused(() => rep2.mutate('complaint.add', { accountId: id, summary: 'Not my account', severity: 'low' }), 'NOT_FOUND');
      await refused(() => rep2.mutate('activity.log', { accountId: id, contactIds: [], kind: 'call', occurredAt: server.clock.now.toISOString(), summary: 'Not my account' }), 'NOT_FOUND');
      await refused(() => rep2.mutate('externalAlly.add', { accountId: id, name: 'Not my ally' }), 'NOT_FOUND');
      // A complaint rep1 logged there cannot be resolved by rep2 either.
      const complaint = await rep1.trpc.complaint.add.mutate({ accountId: id, summary: 'Late invoice', severity: 'low' });
      await refused(() => rep2.mutate('complaint.resolve', { id: complaint.id, version: complaint.version, resolution: 'Not mine' }), 'NOT_FOUND');
    });

    it('the Review and the stand-up list only the accounts the rep sees', async () => {
      const review = await rep2.trpc.review.accounts.query();
      const seen = new Set((await rep2.trpc.account.list.query()).map((item) => item.id));
      expect(review.items.every((item) => seen.has(item.id))).toBe(true);
      expect(review.counts.healthy + review.counts.watch + review.counts.at_risk).toBe(seen.size);
      const changes = await rep2.trpc.standup.accountChanges.query({ since: '2000-01-01T00:00:00Z' });
      expect(changes.every((change) => seen.has(change.accountId))).toBe(true);
    });
  });

  describe('inside an account a rep does not manage', () => {
    it('the room shows only their deals and orders, with sums of those; the pattern, scorecard and health stay the account’s', async () => {
      const mine = await rep2.trpc.account.get.query({ id: accounts.split.id });
      const whole = await rep1.trpc.account.get.query({ id: accounts.split.id });
      expect(mine.deals.map((d) => d.name).sort()).toEqual(['Rep2 open', 'Rep2 order']);
      expect(mine.deals.every((d) => d.canOpen)).toBe(true);
      expect(mine.hiddenDeals).toBe(2);
      expect(mine.purchase).toMatchObject({ pattern: 'recurring', wonTotal: 300, firstOrderAt: daysAgo(200), lastOrderAt: daysAgo(200) });
      expect(mine.purchase.orders.map((order) => order.amount)).toEqual([300]);
      expect(mine.dealTotals.won).toMatchObject({ count: 1, amount: 300 });
      expect(mine.dealTotals.open).toMatchObject({ count: 1, amount: 50 });
      expect(mine.dealTotals.lost).toMatchObject({ count: 0, amount: 0 });
      // The relationship's judgements are the same for both readers.
      expect(mine.scorecard).toEqual(whole.scorecard);
      expect(mine.health).toEqual(whole.health);
      expect(mine.pseudoKey).toBe(whole.pseudoKey);
      expect(mine.phase.suggested).toBe(whole.phase.suggested);
      // No reason names an amount: the value and growth indicators speak in percentages.
      for (const text of [...mine.scorecard.reasons, ...mine.scorecard.indicators.map((i) => i.reason), ...mine.health.flags.map((f) => f.message)]) expect(text).not.toMatch(/1,?000|1,?300/);
    });

    it('the list sums only their deals', async () => {
      const item = (await rep2.trpc.account.list.query({ q: 'Access Split' }))[0]!;
      expect(item).toMatchObject({ wonTotal: 300, openAmount: 50, lastOrderAt: daysAgo(200), pattern: 'recurring' });
      const managed = (await rep2.trpc.account.list.query({ q: 'Access Managed' }))[0]!;
      expect(managed).toMatchObject({ wonTotal: 700, pattern: 'unproven' });
    });

    it('the people of the org chart show only the deals the rep sees', async () => {
      const rep1Deal = (await rep1.trpc.account.get.query({ id: accounts.split.id })).deals.find((d) => d.name === 'Rep1 open')!;
      const cfo = await rep1.trpc.stakeholder.add.mutate({ dealId: rep1Deal.id, name: 'Access CFO', level: 'executive', decisionRole: 'decision_maker', influence: 5, stance: 'neutral' });
      const person = (room: RouterOutputs['account']['get']) => room.contacts.find((c) => c.id === cfo.contactId)!;
      expect(person(await rep2.trpc.account.get.query({ id: accounts.split.id })).deals).toEqual([]);
      expect(person(await rep1.trpc.account.get.query({ id: accounts.split.id })).deals.map((d) => d.dealId)).toEqual([rep1Deal.id]);
    });
  });

  describe('the key-account manager, managers and admins see the whole account', () => {
    it('every deal and order, with sums of all; the KAM opens only their own and shared deals', async () => {
      const kam = await rep1.trpc.account.get.query({ id: accounts.split.id });
      expect(kam.deals).toHaveLength(4);
      expect(kam.hiddenDeals).toBe(0);
      expect(Object.fromEntries(kam.deals.map((d) => [d.name, d.canOpen]))).toEqual({ 'Rep1 order': true, 'Rep1 open': true, 'Rep2 order': false, 'Rep2 open': false });
      expect(kam.purchase).toMatchObject({ pattern: 'recurring', wonTotal: 1_300, firstOrderAt: daysAgo(200), lastOrderAt: daysAgo(100) });
      expect(kam.dealTotals.open).toMatchObject({ count: 2, amount: 550 });
      // …and the deal itself stays theirs to open only if they may see it (SPEC §7).
      expect((await rep1.query('deal.get', { id: kam.deals.find((d) => d.name === 'Rep2 open')!.id })).error?.code).toBe('NOT_FOUND');
      for (const session of [manager, admin]) {
        const room = await session.trpc.account.get.query({ id: accounts.split.id });
        expect(room).toMatchObject({ hiddenDeals: 0, purchase: { wonTotal: 1_300 }, dealTotals: { open: { amount: 550 } } });
        expect(room.deals.every((d) => d.canOpen)).toBe(true);
      }
      for (const session of [rep1, manager, admin]) {
        expect((await session.trpc.account.list.query({ q: 'Access Split' }))[0]).toMatchObject({ wonTotal: 1_300, openAmount: 550, lastOrderAt: daysAgo(100) });
      }
    });
  });

  describe('the new-deal picker', () => {
    it('account.options names every account of the rep’s team, seen or not, and nothing else', async () => {
      const names = await rep2.trpc.account.options.query({ q: 'Access ' });
      expect(names.map((a) => a.name)).toEqual(['Access Managed', 'Access Member', 'Access Other', 'Access Own', 'Access Split']);
      expect(Object.keys(names[0]!).sort()).toEqual(['id', 'name']);
      expect(await rep2.trpc.account.options.query({ q: 'Access ', limit: 2 })).toHaveLength(2);
      expect((await otherManager.trpc.account.options.query({ q: 'Access ' })).map((a) => a.name)).toEqual([]);
      expect((await rep2.trpc.account.options.query()).map((a) => a.name)).not.toContain(`Key Accounts — West customer`);
    });

    it('a team filter must be one the user sees whole; an admin names any team', async () => {
      expect((await rep2.query('account.options', { teamId: other.teamId })).error?.code).toBe('NOT_FOUND');
      expect((await manager.query('account.options', { teamId: other.teamId })).error?.code).toBe('NOT_FOUND');
      expect((await admin.trpc.account.options.query({ teamId: other.teamId })).map((a) => a.name)).toEqual(['Key Accounts — West customer']);
      expect((await rep2.raw.query('account.options', { limit: 501 })).error?.code).toBe('BAD_REQUEST');
      expect((await rep2.raw.query('account.options', { q: 'x'.repeat(201) })).error?.code).toBe('BAD_REQUEST');
    });

    it('a rep opens a deal on an account of their team they did not see, and then sees it; another team’s account stays out of reach', async () => {
      expect(await listed(rep2)).not.toContain('Access Other');
      const created = await deal(rep2, accounts.other, 'Rep2 enters', 75);
      expect(created.accountId).toBe(accounts.other.id);
      expect(await listed(rep2)).toContain('Access Other');
      const room = await rep2.trpc.account.get.query({ id: accounts.other.id });
      expect(room.deals.map((d) => d.name)).toEqual(['Rep2 enters']);
      expect(room.hiddenDeals).toBe(1);
      await refused(() => rep2.mutate('deal.create', { accountId: other.accountId, name: 'Elsewhere', amount: 1, closeDate: later() }), 'NOT_FOUND');
    });
  });
});
