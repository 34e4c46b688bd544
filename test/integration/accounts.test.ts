/**
 * Key accounts over real HTTP (SPEC §11): the account's facts, versioned and logged with a
 * tier history; purchase pattern and pseudo key derived from won deals; the scorecard;
 * phase and its checklist; complaints; account activities; the defection watch; the list,
 * the portfolio and the money in the team's base currency.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/dates';
import { expectOk, loginAs, type ApiSession, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, eventCount, lastEvent, refusalCheck, type OtherTeam } from '../helpers/world';

type Account = RouterOutputs['account']['create'];

describe('key accounts', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let other: OtherTeam;
  let otherManager: ApiSession;
  let counter = 0;
  const refused = refusalCheck(() => server);
  const START = new Date('2030-06-15T10:00:00.000Z');

  /** A calendar day `n` days before the server's now. */
  const daysAgo = (n: number) => new Date(server.clock.now.getTime() - n * DAY_MS).toISOString().slice(0, 10);
  const instantDaysAgo = (n: number) => new Date(server.clock.now.getTime() - n * DAY_MS).toISOString();
  const fresh = (prefix: string) => `${prefix} ${++counter}`;

  /** A new account rep1 opened (so rep1 is its key-account manager). */
  const newAccount = (input: Partial<Parameters<ApiSession['trpc']['account']['create']['mutate']>[0]> = {}) => rep1.trpc.account.create.mutate({ name: fresh('Account'), ...input });
  /** A past order: a deal entered already won, closed `days` ago. */
  const order = (account: Account, days: number, amount = 100_000, currency: 'USD' | 'EUR' | 'GBP' | 'JPY' = 'USD') =>
    rep1.trpc.deal.create.mutate({ accountId: account.id, name: fresh('Order'), amount, currency, closeDate: daysAgo(days), stage: 'won' });
  const get = (account: Account) => rep1.trpc.account.get.query({ id: account.id });
  /** rep2 opens a deal of their own on the account, so they see it (docs/decisions/0029) without managing it. */
  const rep2OnBoard = (account: Account) => rep2.trpc.deal.create.mutate({ accountId: account.id, name: fresh('Rep2 deal'), amount: 1, closeDate: '2030-12-31' });
  const codes = async (account: Account) => (await get(account)).health.flags.map((flag) => flag.code);

  beforeAll(async () => {
    server = await startTestServer({ now: START });
    other = await addOtherTeam(server);
    [rep1, rep2, manager, admin, otherManager] = await Promise.all([
      loginAs(server, 'rep1@demo.test'),
      loginAs(server, 'rep2@demo.test'),
      loginAs(server, 'manager@demo.test'),
      loginAs(server, 'admin@demo.test'),
      loginAs(server, other.managerEmail),
    ]);
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.clock.now = START;
  });

  it('the demo team’s accounts show the account level working on first start', async () => {
    const items = await manager.trpc.account.list.query();
    const byName = (name: string) => items.find((item) => item.name === name)!;
    expect(byName('St. Mary’s Hospital Group')).toMatchObject({ healthStatus: 'at_risk', flags: expect.arrayContaining([expect.objectContaining({ code: 'OPEN_COMPLAINT', severity: 'critical' })]) });
    expect(byName('Eastern Telecom')).toMatchObject({ tier: 'A', phase: 'stabilize', flags: expect.arrayContaining([expect.objectContaining({ code: 'NO_EXEC_MEETING' })]) });
    const harbor = await rep1.trpc.account.get.query({ id: byName('Harbor Bank').id });
    expect(harbor.account).toMatchObject({ ownerName: 'Riley Zhang', phase: 'stabilize', strategicValue: 5 });
    expect(harbor.phase.practices.filter((item) => item.done).map((item) => item.practice)).toEqual(['complaint_channel', 'named_service_contact']);
    expect(harbor.contacts.length).toBeGreaterThan(10);
  });

  it('the demo shows every case of the account level: recurring platinum with the executive meeting overdue, a pseudo key account, a declining account, an open complaint, the 80/20 portfolio', async () => {
    const items = await manager.trpc.account.list.query();
    const byName = (name: string) => items.find((item) => item.name === name)!;
    const codes = (name: string) => byName(name).flags.map((flag) => flag.code);

    // Platinum, recurring for years and growing, in the stabilize phase: only the lapsed executive meeting is wrong.
    expect(byName('Harbor Bank')).toMatchObject({ tier: 'A', suggestedTier: 'A', phase: 'stabilize', pattern: 'recurring', pseudoKey: false, healthStatus: 'watch' });
    expect(codes('Harbor Bank')).toEqual(['NO_EXEC_MEETING']);
    const harbor = await rep1.trpc.account.get.query({ id: byName('Harbor Bank').id });
    expect(harbor.purchase.orders).toHaveLength(6);
    expect(harbor.phase.suggested).toBe('stabilize');
    expect(harbor.scorecard.indicators.find((indicator) => indicator.key === 'growth')!.reason).toMatch(/up/i);

    // One big order over two years ago, nothing since, treated as tier B: a pseudo key account, never suggested A.
    const shipyard = byName('Yangtze River Shipbuilding');
    expect(shipyard).toMatchObject({ tier: 'B', pattern: 'one_off', pseudoKey: true, healthStatus: 'watch', wonTotal: 3_600_000 });
    expect(shipyard.suggestedTier).not.toBe('A');
    expect(codes('Yangtze River Shipbuilding')).toEqual(['PSEUDO_KEY_ACCOUNT']);

    // Eastern Telecom bought far more 13–24 months ago than in the last 12.
    expect(byName('Eastern Telecom')).toMatchObject({ pattern: 'recurring', healthStatus: 'at_risk' });
    expect(codes('Eastern Telecom')).toContain('ORDERS_DECLINING');
    const telecom = await rep2.trpc.account.get.query({ id: byName('Eastern Telecom').id });
    expect(telecom.health.flags.find((flag) => flag.code === 'ORDERS_DECLINING')!.message).toContain('55%');

    expect(codes('St. Mary’s Hospital Group')).toContain('OPEN_COMPLAINT');
    // The other patterns: one recent order (unproven), small orders again and again (tier C), none yet.
    expect(byName('Qingshan Polytechnic University')).toMatchObject({ pattern: 'unproven', healthStatus: 'healthy', flags: [] });
    expect(byName('Golden Lotus Hotels')).toMatchObject({ tier: 'C', pattern: 'recurring', healthStatus: 'healthy', flags: [] });
    expect(byName('Northwind Logistics')).toMatchObject({ pattern: 'none' });
    // The demo team's rates (CNY 0.14, EUR 1.08) bring the Line 9 tender and the hospital ERP into the USD sums.
    expect(byName('Riverside Metro Group')).toMatchObject({ openAmount: 2_590_000, currency: 'USD', leftOut: [] });
    expect(byName('St. Mary’s Hospital Group')).toMatchObject({ openAmount: 3_024_000, leftOut: [] });

    // 80/20: tier A brings most of the won business.
    const { tiers, pseudoKey } = await manager.trpc.account.portfolio.query();
    expect(tiers.A.share).toBeGreaterThan(0.8);
    expect(tiers.A.wonTotal).toBeGreaterThan(tiers.B.wonTotal + tiers.C.wonTotal);
    expect(tiers.C.wonTotal).toBe(165_000);
    expect(pseudoKey).toBe(1);
  });

  describe('the account’s facts', () => {
    it('account.update changes the facts against the version, one event each, and the key-account manager is a team member', async () => {
      const account = await newAccount();
      const before = await eventCount(server);
      const updated = await rep1.trpc.account.update.mutate({ id: account.id, version: account.version, strategicValue: 4, creditStanding: 3, productFit: 5, centralPurchasing: true, phase: 'establish', industry: 'Energy' });
      expect(updated).toMatchObject({ strategicValue: 4, creditStanding: 3, productFit: 5, centralPurchasing: true, phase: 'establish', industry: 'Energy', version: 2, ownerId: account.ownerId });
      expect(await eventCount(server)).toBe(before + 1);
      expect(await lastEvent(server)).toMatchObject({ kind: 'account.updated', entity: 'account', entityId: account.id, dealId: null, before: { productFit: null }, after: { productFit: 5 } });

      const stale = await refused(() => manager.mutate('account.update', { id: account.id, version: 1, productFit: 1 }), 'CONFLICT');
      expect(stale.error.current).toMatchObject({ id: account.id, version: 2, productFit: 5 });
      await refused(() => rep1.mutate('account.update', { id: account.id, version: 2, ownerId: 9999 }), 'BAD_REQUEST', 'ownerId');
      await refused(() => rep1.raw.mutate('account.update', { id: account.id, version: 2, productFit: 6 }), 'BAD_REQUEST', 'productFit');
    });

    it('a tier change needs its reason and is kept in the tier history with who, when and why', async () => {
      const account = await newAccount({ tier: 'C' });
      await refused(() => rep1.raw.mutate('account.update', { id: account.id, version: 1, tier: 'A' }), 'BAD_REQUEST', 'reason');
      await refused(() => rep1.raw.mutate('account.update', { id: account.id, version: 1, reason: 'Just because' }), 'BAD_REQUEST', 'reason');
      const updated = await rep1.trpc.account.update.mutate({ id: account.id, version: 1, tier: 'B', reason: 'Second order this year' });
      expect(await lastEvent(server)).toMatchObject({ kind: 'account.tierChanged', before: { tier: 'C' }, after: { tier: 'B', reason: 'Second order this year' } });
      server.clock.now = new Date(START.getTime() + DAY_MS);
      await manager.trpc.account.update.mutate({ id: account.id, version: updated.version, tier: 'A', reason: 'Board named them strategic' });
      const { tierHistory, account: now } = await get(account);
      expect(now.tier).toBe('A');
      const history = await manager.trpc.account.history.query({ id: account.id });
      expect(history.events.map((event) => event.kind)).toEqual(['account.tierChanged', 'account.tierChanged', 'account.created']);
      expect(history.events[0]).toMatchObject({ actorName: 'Morgan Li', after: { tier: 'A', reason: 'Board named them strategic' } });
      const firstPage = await manager.trpc.account.history.query({ id: account.id, limit: 2 });
      expect(firstPage.events).toHaveLength(2);
      expect((await manager.trpc.account.history.query({ id: account.id, cursor: firstPage.nextCursor })).events.map((event) => event.kind)).toEqual(['account.created']);
      expect(tierHistory).toEqual([
        { at: new Date(START.getTime() + DAY_MS).toISOString(), from: 'B', to: 'A', reason: 'Board named them strategic', byId: expect.any(Number), byName: 'Morgan Li' },
        { at: START.toISOString(), from: 'C', to: 'B', reason: 'Second order this year', byId: expect.any(Number), byName: 'Riley Zhang' },
      ]);
    });

    it('a colleague with a deal there sees the account but only its key-account manager, a manager or an admin edits it; another team sees nothing', async () => {
      const account = await newAccount();
      // No deal of rep2's there, and not theirs to manage: the account does not exist for them (0029).
      expect((await rep2.query('account.get', { id: account.id })).error?.code).toBe('NOT_FOUND');
      await refused(() => rep2.mutate('account.update', { id: account.id, version: 1, productFit: 2 }), 'NOT_FOUND');
      await rep2OnBoard(account);
      expect((await rep2.trpc.account.get.query({ id: account.id })).canEdit).toBe(false);
      await refused(() => rep2.mutate('account.update', { id: account.id, version: 1, productFit: 2 }), 'FORBIDDEN');
      await refused(() => rep2.mutate('account.practice', { accountId: account.id, practice: 'test_fit', done: true }), 'FORBIDDEN');
      await refused(() => otherManager.mutate('account.update', { id: account.id, version: 1, productFit: 2 }), 'NOT_FOUND');
      expect((await otherManager.query('account.get', { id: account.id })).error?.code).toBe('NOT_FOUND');
      expectOk(await admin.mutate('account.update', { id: account.id, version: 1, productFit: 2 }));
      // Handing the account to rep2 makes rep2 its key-account manager.
      const rep2Id = (await manager.trpc.user.list.query()).find((user) => user.email === 'rep2@demo.test')!.id;
      const handed = await manager.trpc.account.update.mutate({ id: account.id, version: 2, ownerId: rep2Id });
      expect(handed).toMatchObject({ ownerId: rep2Id, ownerName: 'Sam Patel' });
      expectOk(await rep2.mutate('account.update', { id: account.id, version: handed.version, productFit: 3 }));
      // rep1 has no deal there and manages it no longer: it is gone from their view.
      expect((await rep1.query('account.get', { id: account.id })).error?.code).toBe('NOT_FOUND');
    });
  });

  describe('purchase pattern, pseudo key and scorecard', () => {
    it('the pattern follows the won deals: none, unproven, one_off, recurring; an order is a deal entered as won with a past close date', async () => {
      const account = await newAccount({ tier: 'C' });
      expect((await get(account)).purchase).toMatchObject({ pattern: 'none', orders: [], wonTotal: 0, firstOrderAt: null, lastOrderAt: null });
      await refused(() => rep1.mutate('deal.create', { accountId: account.id, name: 'Not yet', amount: 1, closeDate: '2030-07-01', stage: 'won' }), 'BAD_REQUEST', 'closeDate');
      const first = await order(account, 400);
      expect(first).toMatchObject({ status: 'won', closedThresholds: expect.any(Object) });
      expect((await get(account)).purchase).toMatchObject({ pattern: 'one_off', wonTotal: 100_000, firstOrderAt: daysAgo(400), orders: [{ dealId: first.id, closeDate: daysAgo(400), amount: 100_000, currency: 'USD' }] });
      const recent = await newAccount({ tier: 'C' });
      await order(recent, 30);
      expect((await get(recent)).purchase.pattern).toBe('unproven');
      await order(account, 10);
      expect((await get(account)).purchase).toMatchObject({ pattern: 'recurring', wonTotal: 200_000, lastOrderAt: daysAgo(10) });
    });

    it('a one-off buyer kept at tier B is a pseudo key account, flagged, and never suggested A', async () => {
      const account = await newAccount({ tier: 'B', strategicValue: 5, creditStanding: 5, productFit: 5, centralPurchasing: true });
      await order(account, 500, 5_000_000);
      const room = await get(account);
      expect(room.pseudoKey).toBe(true);
      expect(room.purchase.pattern).toBe('one_off');
      expect(room.health.flags).toContainEqual(expect.objectContaining({ code: 'PSEUDO_KEY_ACCOUNT', severity: 'warning', message: expect.stringContaining('Pseudo key account') }));
      expect(room.scorecard.suggestedTier).not.toBe('A');
      // Bought again: a recurring customer, no longer pseudo.
      await order(account, 5, 100_000);
      const again = await get(account);
      expect(again.pseudoKey).toBe(false);
      expect(again.health.flags.map((flag) => flag.code)).not.toContain('PSEUDO_KEY_ACCOUNT');
    });

    it('the scorecard has the seven indicators within bounds, with reasons, and the manual ones follow the facts', async () => {
      const account = await newAccount();
      const blank = (await get(account)).scorecard;
      expect(blank.indicators.map((indicator) => indicator.key)).toEqual(['value', 'recurrence', 'growth', 'strategic', 'credit', 'fit', 'centralPurchasing']);
      expect(blank.indicators.find((indicator) => indicator.key === 'fit')).toMatchObject({ value: null, source: 'manual', reason: expect.stringContaining('not rated yet') });
      await rep1.trpc.account.update.mutate({ id: account.id, version: 1, productFit: 5, centralPurchasing: true });
      const { scorecard } = await get(account);
      expect(scorecard.indicators.find((indicator) => indicator.key === 'fit')).toMatchObject({ value: 1, source: 'manual' });
      expect(scorecard.indicators.find((indicator) => indicator.key === 'centralPurchasing')).toMatchObject({ value: 1 });
      for (const indicator of scorecard.indicators) {
        if (indicator.value !== null) expect(indicator.value).toBeGreaterThanOrEqual(0);
        if (indicator.value !== null) expect(indicator.value).toBeLessThanOrEqual(1);
        expect(indicator.reason.length).toBeGreaterThan(0);
      }
      expect(scorecard.score).toBeGreaterThanOrEqual(0);
      expect(scorecard.score).toBeLessThanOrEqual(1);
      expect(['A', 'B', 'C']).toContain(scorecard.suggestedTier);
      expect(scorecard.reasons.length).toBeGreaterThan(0);
    });
  });

  describe('phase and its practices', () => {
    it('suggests prospect, then establish after the first order, then stabilize a year on; practices tick idempotently', async () => {
      const account = await newAccount();
      expect((await get(account)).phase).toMatchObject({ current: 'prospect', suggested: 'prospect' });
      await order(account, 100);
      expect((await get(account)).phase.suggested).toBe('establish');
      await order(account, 500);
      expect((await get(account)).phase.suggested).toBe('stabilize');

      const before = await eventCount(server);
      expect(await rep1.trpc.account.practice.mutate({ accountId: account.id, practice: 'complaint_channel', done: true })).toEqual({ practice: 'complaint_channel', done: true, changed: true });
      expect(await rep1.trpc.account.practice.mutate({ accountId: account.id, practice: 'complaint_channel', done: true })).toMatchObject({ changed: false });
      expect(await eventCount(server)).toBe(before + 1);
      expect(await lastEvent(server)).toMatchObject({ kind: 'account.practiceTicked', after: { practice: 'complaint_channel', phase: 'stabilize' } });
      const practices = (await get(account)).phase.practices;
      expect(practices.find((item) => item.practice === 'complaint_channel')).toMatchObject({ phase: 'stabilize', done: true, doneByName: 'Riley Zhang', doneAt: START.toISOString() });
      expect(practices.filter((item) => item.done)).toHaveLength(1);
      await rep1.trpc.account.practice.mutate({ accountId: account.id, practice: 'complaint_channel', done: false });
      expect(await lastEvent(server)).toMatchObject({ kind: 'account.practiceUnticked' });
      expect((await get(account)).phase.practices.some((item) => item.done)).toBe(false);
    });
  });

  describe('complaints', () => {
    it('OPEN_COMPLAINT appears when a complaint stays open past complaintDays and clears when it is resolved', async () => {
      const account = await newAccount();
      await refused(() => rep1.mutate('complaint.add', { accountId: account.id, summary: 'From the future', severity: 'low', openedAt: '2030-06-20T00:00:00Z' }), 'BAD_REQUEST', 'openedAt');
      await rep2OnBoard(account);
      const complaint = await rep2.trpc.complaint.add.mutate({ accountId: account.id, summary: 'Invoices sent twice', severity: 'medium', openedAt: instantDaysAgo(3) });
      expect(complaint).toMatchObject({ severity: 'medium', resolvedAt: null, version: 1, createdByName: 'Sam Patel' });
      expect(await lastEvent(server)).toMatchObject({ kind: 'complaint.added', entityId: complaint.id, after: { summary: 'Invoices sent twice' } });
      expect(await codes(account)).not.toContain('OPEN_COMPLAINT');
      server.clock.now = new Date(START.getTime() + 5 * DAY_MS);
      expect((await get(account)).health).toMatchObject({ status: 'watch', flags: [{ code: 'OPEN_COMPLAINT', severity: 'warning' }] });

      const resolved = await rep1.trpc.complaint.resolve.mutate({ id: complaint.id, version: 1, resolution: 'Credit note issued' });
      expect(resolved).toMatchObject({ resolution: 'Credit note issued', resolvedAt: server.clock.now.toISOString(), version: 2 });
      const stale = await refused(() => rep1.mutate('complaint.resolve', { id: complaint.id, version: 1, resolution: 'Again' }), 'CONFLICT');
      expect(stale.error.current).toMatchObject({ id: complaint.id, version: 2 });
      const room = await get(account);
      expect(room.health.flags.map((flag) => flag.code)).not.toContain('OPEN_COMPLAINT');
      expect(room.complaints).toEqual([expect.objectContaining({ id: complaint.id, resolution: 'Credit note issued' })]);
      await refused(() => otherManager.mutate('complaint.resolve', { id: complaint.id, version: 2, resolution: 'Not mine' }), 'NOT_FOUND');
    });
  });

  describe('account activities and the defection watch', () => {
    /** An account at tier A in stabilize with an executive contact, via a deal's map, and recent orders. */
    async function keyAccount() {
      const account = await newAccount({ tier: 'A' });
      await order(account, 400, 200_000);
      await order(account, 200, 200_000);
      await order(account, 20, 200_000);
      const deal = await rep1.trpc.deal.create.mutate({ accountId: account.id, name: fresh('Expansion'), amount: 50_000, closeDate: '2030-12-31' });
      const ceo = await rep1.trpc.stakeholder.add.mutate({ dealId: deal.id, name: fresh('CEO'), level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'ally', isCoach: true });
      const current = await rep1.trpc.account.get.query({ id: account.id });
      await rep1.trpc.account.update.mutate({ id: account.id, version: current.account.version, phase: 'stabilize' });
      return { account, deal, ceo };
    }

    it('an executive meeting logged on the account clears NO_EXEC_MEETING and KEY_CONTACT_SILENT', async () => {
      const { account, ceo } = await keyAccount();
      await rep2OnBoard(account);
      expect(await codes(account)).toEqual(expect.arrayContaining(['NO_EXEC_MEETING', 'KEY_CONTACT_SILENT']));
      expect((await get(account)).health.status).toBe('at_risk');

      // A meeting longer ago than execMeetingDays (90) does not count.
      await rep2.trpc.activity.log.mutate({ accountId: account.id, contactIds: [ceo.contactId], kind: 'executive_meeting', occurredAt: instantDaysAgo(91), summary: 'Last year’s review' });
      expect(await codes(account)).toEqual(expect.arrayContaining(['NO_EXEC_MEETING', 'KEY_CONTACT_SILENT']));
      const logged = await rep2.trpc.activity.log.mutate({ accountId: account.id, contactIds: [ceo.contactId], kind: 'executive_meeting', occurredAt: instantDaysAgo(1), summary: 'Annual review with the CEO' });
      expect(logged).toMatchObject({ accountId: account.id, dealId: null, contactIds: [ceo.contactId], kind: 'executive_meeting' });
      expect(await lastEvent(server)).toMatchObject({ kind: 'account.activityLogged', entity: 'accountActivity', dealId: null, after: { contactIds: [ceo.contactId] } });
      const room = await get(account);
      expect(room.health).toEqual({ status: 'healthy', flags: [] });
      expect(room.activities[0]).toMatchObject({ id: logged.id, summary: 'Annual review with the CEO', createdByName: 'Sam Patel' });
      expect(room.activities).toHaveLength(2);
    });

    it('an account activity takes the account’s contacts only, never a future date, and logs once per clientId', async () => {
      const { account, ceo } = await keyAccount();
      const elsewhere = await keyAccount();
      const base = { accountId: account.id, kind: 'call' as const, occurredAt: instantDaysAgo(0), summary: 'Quick check-in' };
      await refused(() => rep1.mutate('activity.log', { ...base, contactIds: [elsewhere.ceo.contactId] }), 'BAD_REQUEST', 'contactIds');
      await refused(() => rep1.mutate('activity.log', { ...base, contactIds: [], occurredAt: '2030-07-01T00:00:00Z' }), 'BAD_REQUEST', 'occurredAt');
      await refused(() => rep1.raw.mutate('activity.log', { ...base, contactIds: [], stakeholderIds: [] }), 'BAD_REQUEST', 'stakeholderIds');
      await refused(() => rep1.raw.mutate('activity.log', { ...base, dealId: elsewhere.deal.id, contactIds: [] }), 'BAD_REQUEST', 'dealId');
      await refused(() => otherManager.mutate('activity.log', { ...base, contactIds: [] }), 'NOT_FOUND');
      const clientId = crypto.randomUUID();
      const once = await rep1.trpc.activity.log.mutate({ ...base, contactIds: [ceo.contactId], clientId });
      const count = await eventCount(server);
      const again = await rep1.trpc.activity.log.mutate({ ...base, contactIds: [ceo.contactId], clientId });
      expect(again.id).toBe(once.id);
      expect(await eventCount(server)).toBe(count);
    });

    it('KEY_CONTACT_SILENT clears with a deal meeting with the executive too; a note does not count', async () => {
      const { account, deal, ceo } = await keyAccount();
      await rep1.trpc.activity.log.mutate({ dealId: deal.id, stakeholderIds: [ceo.id], kind: 'note', occurredAt: instantDaysAgo(1), summary: 'Thought about the CEO' });
      expect(await codes(account)).toContain('KEY_CONTACT_SILENT');
      await rep1.trpc.activity.log.mutate({ dealId: deal.id, stakeholderIds: [ceo.id], kind: 'meeting', occurredAt: instantDaysAgo(1), summary: 'Met the CEO' });
      expect(await codes(account)).not.toContain('KEY_CONTACT_SILENT');
    });

    it('CHAMPION_LEFT when a coach or ally on an open deal leaves the customer; at risk', async () => {
      const { account, ceo } = await keyAccount();
      await rep2OnBoard(account);
      await rep1.trpc.activity.log.mutate({ accountId: account.id, contactIds: [ceo.contactId], kind: 'executive_meeting', occurredAt: instantDaysAgo(1), summary: 'Farewell lunch' });
      const contact = (await rep1.trpc.contact.list.query({ accountId: account.id })).find((c) => c.id === ceo.contactId)!;
      await rep1.trpc.contact.update.mutate({ id: contact.id, version: contact.version, leftAt: daysAgo(0) });
      const room = await get(account);
      expect(room.health.status).toBe('at_risk');
      expect(room.health.flags[0]).toMatchObject({ code: 'CHAMPION_LEFT', severity: 'critical', message: expect.stringContaining(contact.name) });
      expect(room.contacts.find((c) => c.id === contact.id)).toMatchObject({ leftAt: daysAgo(0), level: 'executive', deals: [expect.objectContaining({ isCoach: true })] });
      const kinds = (await rep2.trpc.account.history.query({ id: account.id })).events.map((event) => event.kind);
      expect(kinds.slice(0, 3)).toEqual(['contact.left', 'account.activityLogged', 'account.updated']);
    });

    it('ORDERS_DECLINING when the last 12 months won less than half of the 12 before', async () => {
      const account = await newAccount({ tier: 'C' });
      await order(account, 500, 300_000);
      await order(account, 100, 100_000);
      expect(await codes(account)).toContain('ORDERS_DECLINING');
      await order(account, 50, 100_000);
      expect(await codes(account)).not.toContain('ORDERS_DECLINING');
    });
  });

  describe('list, portfolio and money', () => {
    it('account.list carries the §11 fields for every account of the team, and filters', async () => {
      const account = await newAccount({ tier: 'B' });
      // Over two years ago: a one-off buyer, no longer a customer the watch counts on.
      await order(account, 800, 1_000);
      const items = await manager.trpc.account.list.query();
      const item = items.find((row) => row.id === account.id)!;
      expect(item).toMatchObject({ id: account.id, name: account.name, tier: 'B', suggestedTier: expect.stringMatching(/^[ABC]$/), phase: 'prospect', pattern: 'one_off', pseudoKey: true, wonTotal: 1_000, openAmount: 0, healthStatus: 'watch', flags: [expect.objectContaining({ code: 'PSEUDO_KEY_ACCOUNT' })], currency: 'USD', leftOut: [] });
      expect(items.map((row) => row.name)).toContain('Harbor Bank');
      expect((await manager.trpc.account.list.query({ pseudoKey: true })).every((row) => row.pseudoKey)).toBe(true);
      expect((await manager.trpc.account.list.query({ tier: 'A' })).every((row) => row.tier === 'A')).toBe(true);
      expect((await manager.trpc.account.list.query({ q: account.name.toUpperCase() })).map((row) => row.id)).toEqual([account.id]);
      expect(await manager.trpc.account.list.query({ q: '%' })).toEqual([]);
      const mine = await manager.trpc.account.list.query({ ownerId: account.ownerId! });
      expect(mine.map((row) => row.id)).toContain(account.id);
      expect(mine.every((row) => row.ownerId === account.ownerId)).toBe(true);
      expect((await otherManager.trpc.account.list.query()).map((row) => row.id)).not.toContain(account.id);
      await refused(() => otherManager.mutate('account.update', { id: account.id, version: 1, productFit: 1 }), 'NOT_FOUND');
    });

    it('sums in the team’s base currency with the admin’s rates; an amount with no rate is left out and named', async () => {
      const account = await newAccount({ tier: 'C' });
      await order(account, 30, 1_000, 'USD');
      await order(account, 20, 1_000, 'GBP');
      await rep1.trpc.deal.create.mutate({ accountId: account.id, name: fresh('Open'), amount: 500, currency: 'JPY', closeDate: '2030-12-31' });
      let room = await get(account);
      // The demo team has rates for CNY and EUR only: GBP and JPY are left out, and named.
      expect((await admin.trpc.settings.accountSettings.query()).exchangeRates).toEqual({ CNY: 0.14, EUR: 1.08 });
      expect(room.purchase).toMatchObject({ wonTotal: 1_000, currency: 'USD', leftOut: ['GBP'] });
      expect(room.dealTotals.open).toMatchObject({ count: 1, amount: 0, leftOut: ['JPY'] });

      const settings = await admin.trpc.settings.accountSettings.query();
      await refused(() => manager.mutate('settings.updateAccountSettings', { version: settings.version, exchangeRates: { GBP: 1.1 } }), 'FORBIDDEN');
      await refused(() => admin.raw.mutate('settings.updateAccountSettings', { version: settings.version, exchangeRates: { GBP: -1 } }), 'BAD_REQUEST', 'exchangeRates.GBP');
      await refused(() => admin.raw.mutate('settings.updateAccountSettings', { version: settings.version, tierCutoffs: { A: 0.2, B: 0.5 } }), 'BAD_REQUEST', 'tierCutoffs.A');
      const updated = await admin.trpc.settings.updateAccountSettings.mutate({ version: settings.version, exchangeRates: { GBP: 1.1, JPY: 0.01 } });
      expect(updated).toMatchObject({ version: settings.version + 1, exchangeRates: { GBP: 1.1, JPY: 0.01 }, silentDays: 60 });
      expect(await lastEvent(server)).toMatchObject({ kind: 'settings.accountSettingsUpdated' });
      await refused(() => admin.mutate('settings.updateAccountSettings', { version: settings.version, silentDays: 30 }), 'CONFLICT');
      room = await get(account);
      expect(room.purchase).toMatchObject({ wonTotal: 2_100, leftOut: [] });
      expect(room.dealTotals.open).toMatchObject({ amount: 5, leftOut: [] });
      const item = (await rep1.trpc.account.list.query()).find((row) => row.id === account.id)!;
      expect(item).toMatchObject({ wonTotal: 2_100, openAmount: 5, leftOut: [] });
      await admin.trpc.settings.updateAccountSettings.mutate({ version: updated.version, exchangeRates: settings.exchangeRates });
    });

    it('account.portfolio: how much of the won business each tier brings, per team', async () => {
      const portfolio = await manager.trpc.account.portfolio.query();
      const tiers = Object.values(portfolio.tiers);
      expect(tiers.reduce((sum, tier) => sum + tier.accounts, 0)).toBe((await manager.trpc.account.list.query()).filter((row) => row.teamId === portfolio.teamId).length);
      if (portfolio.wonTotal > 0) expect(tiers.reduce((sum, tier) => sum + tier.share, 0)).toBeCloseTo(1, 2);
      for (const tier of tiers) if (portfolio.wonTotal > 0) expect(tier.share).toBeCloseTo(tier.wonTotal / portfolio.wonTotal, 3);
      expect(portfolio.pseudoKey).toBe((await manager.trpc.account.list.query({ pseudoKey: true })).filter((row) => row.teamId === portfolio.teamId).length);
      const west = await otherManager.trpc.account.portfolio.query();
      expect(west.teamId).toBe(other.teamId);
      expect((await otherManager.query('account.portfolio', { teamId: portfolio.teamId })).error?.code).toBe('NOT_FOUND');
      expect((await admin.trpc.account.portfolio.query({ teamId: other.teamId })).teamId).toBe(other.teamId);
    });
  });

  describe('the Review and the stand-up', () => {
    it('review.accounts lists the accounts at risk first, then those on watch, with the counts of all', async () => {
      const risky = await newAccount({ tier: 'C' });
      await rep1.trpc.complaint.add.mutate({ accountId: risky.id, summary: 'Outage during the audit', severity: 'high', openedAt: instantDaysAgo(10) });
      const watched = await newAccount({ tier: 'C' });
      await rep1.trpc.complaint.add.mutate({ accountId: watched.id, summary: 'Wrong invoice address', severity: 'low', openedAt: instantDaysAgo(10) });
      const review = await manager.trpc.review.accounts.query();
      const ids = review.items.map((item) => item.id);
      expect(ids).toContain(risky.id);
      expect(ids).toContain(watched.id);
      expect(ids.indexOf(risky.id)).toBeLessThan(ids.indexOf(watched.id));
      expect(review.items.every((item) => item.healthStatus !== 'healthy')).toBe(true);
      const all = await manager.trpc.account.list.query();
      expect(review.counts.healthy + review.counts.watch + review.counts.at_risk).toBe(all.length);
      expect((await otherManager.trpc.review.accounts.query()).items.map((item) => item.id)).not.toContain(risky.id);
    });

    it('standup.accountChanges reports the account flags raised and cleared in the period', async () => {
      const account = await newAccount({ tier: 'C' });
      const complaint = await rep1.trpc.complaint.add.mutate({ accountId: account.id, summary: 'Spare parts late', severity: 'medium', openedAt: instantDaysAgo(10) });
      // Five days ago the complaint was five days old, within complaintDays (7); now it is overdue.
      const raised = (await manager.trpc.standup.accountChanges.query({ since: instantDaysAgo(5) })).find((change) => change.accountId === account.id);
      expect(raised).toMatchObject({ accountName: account.name, statusBefore: 'healthy', status: 'watch', raised: [{ code: 'OPEN_COMPLAINT' }], cleared: [] });

      await rep1.trpc.complaint.resolve.mutate({ id: complaint.id, version: complaint.version, resolution: 'Sent by courier' });
      const cleared = (await manager.trpc.standup.accountChanges.query({ since: new Date(START.getTime() - 3_600_000).toISOString() })).find((change) => change.accountId === account.id);
      expect(cleared).toMatchObject({ statusBefore: 'watch', status: 'healthy', raised: [], cleared: [{ code: 'OPEN_COMPLAINT' }] });
      const byOther = await rep1.trpc.standup.accountChanges.query({ since: instantDaysAgo(5), ownerId: 999_999 });
      expect(byOther).toEqual([]);
    });
  });
});
