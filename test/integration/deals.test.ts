import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, loginAs, type ApiSession, type RouterInputs, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { eventCount, lastEvent } from '../helpers/world';

/** SPEC §6 deal.list fields (contract). */
const DEAL_FIELDS = ['id', 'name', 'accountId', 'accountName', 'amount', 'currency', 'stage', 'closeDate', 'ownerId', 'ownerName', 'status', 'version'];

/** SPEC §6 health shape (contract). */
function expectHealthShape(health: RouterOutputs['deal']['health']) {
  const threshold = { passed: expect.any(Boolean), reasons: expect.any(Array) };
  expect(health).toMatchObject({
    coverage: {
      influence: expect.any(Number),
      headcount: expect.any(Number),
      net: expect.any(Number),
      opposition: expect.any(Number),
      levels: { executive: expect.toBeOneOf([true, false, null]), management: expect.toBeOneOf([true, false, null]), staff: expect.toBeOneOf([true, false, null]) },
    },
    thresholds: { information: threshold, relationships: threshold, topDecisionMaker: threshold },
    crossed: expect.any(Number),
    status: expect.toBeOneOf(['on_track', 'not_yet_due', 'at_risk', 'critical', 'closed']),
    flags: expect.any(Array),
  });
  for (const flag of health.flags) {
    expect(flag).toMatchObject({ code: expect.any(String), severity: expect.any(String), message: expect.any(String) });
  }
}

type Deal = RouterOutputs['deal']['list']['items'][number];

describe('accounts and deals', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let users: Record<string, RouterOutputs['user']['list'][number]>;
  let harbor: Deal;

  /** Run a write and return its result with the one event-log row it must have added. */
  async function writesOneEvent<T>(write: () => Promise<T>) {
    const before = await eventCount(server);
    const result = await write();
    expect(await eventCount(server)).toBe(before + 1);
    return { result, event: await lastEvent(server) };
  }

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, rep2, manager] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test')]);
    const list = await manager.trpc.user.list.query();
    users = Object.fromEntries(list.map((user) => [user.email.split('@')[0]!, user]));
    harbor = (await rep1.trpc.deal.list.query()).items.find((deal) => deal.name === 'Core banking mainframe refresh')!;
  });
  afterAll(() => server.stop());

  describe('accounts', () => {
    it('account.list shows the team’s accounts with their tier and derived purchase pattern', async () => {
      const res = await rep1.query('account.list');
      expectOk(res);
      expect(res.data.map((account) => account.name)).toContain('Harbor Bank');
      expect(res.data.find((account) => account.name === 'Pacific Expo 2027 Committee')).toMatchObject({
        id: expect.any(Number),
        tier: 'B',
        pattern: expect.stringMatching(/^(none|unproven|one_off|recurring)$/),
        version: 1,
      });
    });

    it('account.create stores a new account with defaults (tier B, prospect, the rep as key-account manager) and logs it', async () => {
      const { result, event } = await writesOneEvent(() => rep1.mutate('account.create', { name: '  Lakeside Power  ' }));
      expectOk(result);
      expect(result.data).toMatchObject({ id: expect.any(Number), name: 'Lakeside Power', industry: null, tier: 'B', phase: 'prospect', ownerId: users.rep1!.id, version: 1 });
      expect(event).toMatchObject({ kind: 'account.created', entity: 'account', entityId: result.data.id, actorId: users.rep1!.id });
      expect((await rep1.trpc.account.list.query()).map((account) => account.name)).toContain('Lakeside Power');
      // A colleague with no deal there does not see the account (docs/decisions/0029), but may pick it for a new deal.
      expect((await rep2.trpc.account.list.query()).map((account) => account.name)).not.toContain('Lakeside Power');
      expect((await rep2.trpc.account.options.query({ q: 'lakeside' })).map((account) => account.name)).toEqual(['Lakeside Power']);
    });

    it('a second account with the same name is a CONFLICT naming the field, and nothing is written', async () => {
      const before = await eventCount(server);
      const res = await rep2.mutate('account.create', { name: 'Harbor Bank', tier: 'A' });
      expect(res.error?.httpStatus).toBe(409);
      expect(res.error?.code).toBe('CONFLICT');
      expect(res.error?.fields).toEqual(['name']);
      expect(await eventCount(server)).toBe(before);
    });
  });

  describe('deal.list', () => {
    it('returns the contract fields for every deal', async () => {
      const res = await manager.query('deal.list');
      expectOk(res);
      expect(res.data.items.length).toBe(22);
      // The demo's 22 deals: five open, two lost, fifteen won — one lately, fourteen past orders of the key accounts.
      expect(res.data).toMatchObject({ total: 22, nextCursor: null });
      for (const deal of res.data.items) {
        for (const field of DEAL_FIELDS) expect(deal, field).toHaveProperty(field);
      }
      expect(harbor).toMatchObject({
        name: 'Core banking mainframe refresh',
        accountName: 'Harbor Bank',
        amount: 4_200_000,
        currency: 'USD',
        stage: 'negotiate',
        status: 'open',
        ownerId: users.rep1!.id,
        ownerName: 'Riley Zhang',
      });
      expect(harbor.closeDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('every deal carries its health; a closed deal’s status is closed', async () => {
      const deals = (await manager.trpc.deal.list.query()).items;
      for (const deal of deals) expectHealthShape(deal.health);
      for (const deal of deals.filter((d) => d.status !== 'open')) expect(deal.health.status).toBe('closed');
      for (const deal of deals.filter((d) => d.status === 'open')) expect(deal.health.status).not.toBe('closed');
    });

    it('a rep sees only their own deals; the manager sees the whole team', async () => {
      const mine = (await rep1.trpc.deal.list.query()).items;
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((deal) => deal.ownerId === users.rep1!.id)).toBe(true);
      const theirs = (await rep2.trpc.deal.list.query()).items;
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.every((deal) => deal.ownerId === users.rep2!.id)).toBe(true);
      expect((await manager.trpc.deal.list.query()).items.length).toBe(mine.length + theirs.length);
    });

    it('filters by status, stage and owner', async () => {
      // Each filter against the whole list, so deals other tests add do not matter.
      const everyDeal = (await manager.trpc.deal.list.query()).items;
      const won = (await manager.trpc.deal.list.query({ status: 'won' })).items;
      expect(won.map((deal) => deal.name)).toContain('5G core capacity expansion');
      expect(won.map((deal) => deal.id)).toEqual(everyDeal.filter((deal) => deal.status === 'won').map((deal) => deal.id));
      const negotiating = (await manager.trpc.deal.list.query({ stage: 'negotiate' })).items;
      expect(negotiating.length).toBeGreaterThan(0);
      expect(negotiating.map((deal) => deal.id)).toEqual(everyDeal.filter((deal) => deal.stage === 'negotiate').map((deal) => deal.id));
      const rep2Deals = (await manager.trpc.deal.list.query({ ownerId: users.rep2!.id })).items;
      expect(rep2Deals.length).toBeGreaterThan(0);
      expect(rep2Deals.map((deal) => deal.id)).toEqual(everyDeal.filter((deal) => deal.ownerId === users.rep2!.id).map((deal) => deal.id));
    });
  });

  describe('deal.create', () => {
    it('creates an open deal in qualify, in USD, owned by the rep, with nine unknown information points, and logs it', async () => {
      const account = (await rep1.trpc.account.list.query()).find((a) => a.name === 'Harbor Bank')!;
      const { result, event } = await writesOneEvent(() =>
        rep1.mutate('deal.create', { accountId: account.id, name: 'Branch teller terminals', amount: 350_000, closeDate: '2031-03-31' }),
      );
      expectOk(result);
      const deal = result.data;
      for (const field of DEAL_FIELDS) expect(deal).toHaveProperty(field);
      expect(deal).toMatchObject({ name: 'Branch teller terminals', accountId: account.id, accountName: 'Harbor Bank', stage: 'qualify', status: 'open', currency: 'USD', ownerId: users.rep1!.id, version: 1 });
      expect(event).toMatchObject({ kind: 'deal.created', entity: 'deal', entityId: deal.id, dealId: deal.id, actorId: users.rep1!.id });

      const room = await rep1.trpc.deal.get.query({ id: deal.id });
      expect(room.deal).toEqual(deal);
      expect(room.infoPoints.map((point) => point.point)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(room.infoPoints.map(({ status, version }) => ({ status, version }))).toEqual(room.infoPoints.map(() => ({ status: 'unknown', version: 1 })));
    });

    it('a deal created in a closed stage has the status of that stage', async () => {
      const won = await manager.mutate('deal.create', { accountId: harbor.accountId, name: 'Spare parts (won)', amount: 1, closeDate: '2025-01-01', stage: 'won' });
      expect(won.data).toMatchObject({ stage: 'won', status: 'won' });
      // A lost deal carries its loss analysis, however it is entered (SPEC §10; test/integration/losses.test.ts).
      const lost = await manager.mutate('deal.create', { accountId: harbor.accountId, name: 'Spare parts (lost)', amount: 1, closeDate: '2025-01-01', stage: 'lost', currency: 'EUR', lossReason: 'Bought direct from the maker', lossCause: 'price' });
      expect(lost.data).toMatchObject({ stage: 'lost', status: 'lost', currency: 'EUR', lossCause: 'price' });
    });

    it('a manager can give a deal to a rep of the team; a rep cannot give a deal to someone else', async () => {
      const assigned = await manager.trpc.deal.create.mutate({ accountId: harbor.accountId, name: 'ATM fleet', amount: 10, closeDate: '2031-01-01', ownerId: users.rep2!.id });
      expect(assigned.ownerId).toBe(users.rep2!.id);
      expectOk(await rep2.query('deal.get', { id: assigned.id }));

      const before = await eventCount(server);
      const refused = await rep1.mutate('deal.create', { accountId: harbor.accountId, name: 'Not mine to give', amount: 10, closeDate: '2031-01-01', ownerId: users.rep2!.id });
      expect(refused.error?.code).toBe('FORBIDDEN');
      expect(await eventCount(server)).toBe(before);
    });

    it('an account that does not exist is NOT_FOUND', async () => {
      const res = await rep1.mutate('deal.create', { accountId: 999_999, name: 'Ghost', amount: 1, closeDate: '2031-01-01' });
      expect(res.error?.code).toBe('NOT_FOUND');
    });
  });

  describe('deal.get', () => {
    it('returns the room: deal, stakeholders, relationships, information points and the lists', async () => {
      const room = await rep1.trpc.deal.get.query({ id: harbor.id });
      expect(room).toMatchObject({
        deal: { id: harbor.id, name: harbor.name },
        stakeholders: expect.any(Array),
        relationships: expect.any(Array),
        infoPoints: expect.any(Array),
      });
      expect(room.stakeholders).toHaveLength(12);
      expect(room.infoPoints).toHaveLength(9);
      expectHealthShape(room.health);
      expect(await rep1.trpc.deal.health.query({ id: harbor.id })).toEqual(room.health);
    });

    it('a rep cannot see another rep’s deal: NOT_FOUND, exactly as if it did not exist', async () => {
      const hidden = await rep2.query('deal.get', { id: harbor.id });
      const missing = await rep2.query('deal.get', { id: 999_999 });
      expect(hidden.error?.httpStatus).toBe(404);
      expect(hidden.error?.code).toBe('NOT_FOUND');
      expect(hidden.error?.message).toBe(missing.error?.message);
    });
  });

  describe('deal.update', () => {
    async function freshDeal(name: string): Promise<RouterOutputs['deal']['create']> {
      return await rep1.trpc.deal.create.mutate({ accountId: harbor.accountId, name, amount: 100_000, closeDate: '2031-06-30', stage: 'discover' });
    }

    it('applies the fields, bumps the version and logs before and after', async () => {
      const deal = await freshDeal('Update me');
      const { result, event } = await writesOneEvent(() =>
        rep1.mutate('deal.update', { id: deal.id, version: deal.version, name: 'Updated', amount: 125_000, currency: 'CNY', closeDate: '2031-07-01' }),
      );
      expectOk(result);
      expect(result.data).toMatchObject({ id: deal.id, name: 'Updated', amount: 125_000, currency: 'CNY', closeDate: '2031-07-01', version: deal.version + 1, stage: 'discover' });
      expect(event).toMatchObject({ kind: 'deal.updated', entity: 'deal', entityId: deal.id, actorId: users.rep1!.id });
      expect(event.before).toEqual({ name: 'Update me', amount: 100_000, currency: 'USD', closeDate: '2031-06-30' });
      expect(event.after).toEqual({ name: 'Updated', amount: 125_000, currency: 'CNY', closeDate: '2031-07-01' });
    });

    it('status follows the stage: won and lost close the deal, reopening clears the loss reason', async () => {
      let deal = await freshDeal('Stage walk');
      const move = async (patch: Omit<RouterInputs['deal']['update'], 'id' | 'version'>) => {
        const { result, event } = await writesOneEvent(() => rep1.mutate('deal.update', { id: deal.id, version: deal.version, ...patch }));
        expectOk(result);
        deal = result.data;
        return event;
      };
      const stageEvent = await move({ stage: 'propose' });
      expect(deal.status).toBe('open');
      expect(stageEvent.kind).toBe('deal.stageChanged');
      expect(stageEvent.after).toMatchObject({ stage: 'propose' });

      await move({ stage: 'won' });
      expect(deal).toMatchObject({ stage: 'won', status: 'won', lossReason: null });

      const lostEvent = await move({ stage: 'lost', lossReason: 'Budget frozen', lossCause: 'no_decision' });
      expect(deal).toMatchObject({ stage: 'lost', status: 'lost', lossReason: 'Budget frozen', lossCause: 'no_decision' });
      expect(lostEvent.after).toMatchObject({ stage: 'lost', status: 'lost', lossReason: 'Budget frozen', lossCause: 'no_decision' });

      await move({ stage: 'negotiate' });
      expect(deal).toMatchObject({ stage: 'negotiate', status: 'open', lossReason: null, lossCause: null });
      expect((await manager.trpc.deal.list.query({ status: 'open' })).items.map((d) => d.id)).toContain(deal.id);
    });

    it('a stale version is refused with CONFLICT carrying the current deal, and nothing is written', async () => {
      const deal = await freshDeal('Contested');
      const first = await rep1.mutate('deal.update', { id: deal.id, version: deal.version, amount: 1 });
      expectOk(first);
      const before = await eventCount(server);
      const stale = await manager.mutate('deal.update', { id: deal.id, version: deal.version, amount: 2 });
      expect(stale.error?.httpStatus).toBe(409);
      expect(stale.error?.code).toBe('CONFLICT');
      expect(stale.error?.current).toEqual(first.data);
      expect(await eventCount(server)).toBe(before);
      expect((await rep1.trpc.deal.get.query({ id: deal.id })).deal.amount).toBe(1);
    });

    it('an update that changes nothing keeps the version and logs nothing', async () => {
      const deal = await freshDeal('Unchanged');
      const before = await eventCount(server);
      const res = await rep1.trpc.deal.update.mutate({ id: deal.id, version: deal.version, name: deal.name, amount: deal.amount });
      expect(res.version).toBe(deal.version);
      expect(await eventCount(server)).toBe(before);
    });

    it('the manager may reassign a team deal; a rep cannot hand their deal to someone else', async () => {
      const deal = await freshDeal('Handover');
      const refused = await rep1.mutate('deal.update', { id: deal.id, version: deal.version, ownerId: users.rep2!.id });
      expect(refused.error?.code).toBe('FORBIDDEN');
      const moved = await manager.mutate('deal.update', { id: deal.id, version: deal.version, ownerId: users.rep2!.id });
      expect(moved.data).toMatchObject({ ownerId: users.rep2!.id, ownerName: 'Sam Patel' });
      // rep1 no longer owns it, so it is gone from their view.
      expect((await rep1.query('deal.get', { id: deal.id })).error?.code).toBe('NOT_FOUND');
    });

    it('a rep cannot update another rep’s deal, and nothing changes', async () => {
      const before = await eventCount(server);
      const res = await rep2.mutate('deal.update', { id: harbor.id, version: harbor.version, amount: 1 });
      expect(res.error?.code).toBe('NOT_FOUND');
      expect(await eventCount(server)).toBe(before);
    });
  });
});
