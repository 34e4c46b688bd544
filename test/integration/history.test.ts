import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs, type RouterInputs, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';

type History = RouterOutputs['history']['get'];

const kinds = (history: History) => history.events.map((event) => event.kind);

describe('a deal’s history: coverage over time, thresholds crossed, the event log', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let dealId: number;
  let richDealId: number;
  let huangId: number;
  let liId: number;
  let rep1Id: number;
  let managerId: number;
  const start = Date.parse('2030-03-02T09:00:00Z');
  let minute = 0;
  /** Each write a minute after the last, so the log's order is the order of the writes. */
  const tick = () => {
    server.clock.now = new Date(start + ++minute * 60_000);
  };

  const history = async (input: Partial<RouterInputs['history']['get']> = {}, who = rep1) => {
    const res = await who.query('history.get', { dealId, ...input });
    expectOk(res);
    return res.data;
  };

  async function pointVersion(point: number, who = rep1): Promise<number> {
    const room = await who.trpc.deal.get.query({ id: dealId });
    return room.infoPoints.find((p) => p.point === point)!.version;
  }

  beforeAll(async () => {
    server = await startTestServer({ now: new Date(start) });
    [rep1, rep2, manager, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
    rep1Id = (await rep1.trpc.auth.me.query())!.user.id;
    managerId = (await manager.trpc.auth.me.query())!.user.id;
    const deals = (await rep1.trpc.deal.list.query()).items;
    const rich = deals.find((deal) => deal.name === 'Core banking mainframe refresh')!;
    richDealId = rich.id;

    // A fresh deal of rep1's, so every event and snapshot in it comes from this test.
    tick();
    const created = await rep1.trpc.deal.create.mutate({ accountId: rich.accountId, name: 'Branch teller terminals', amount: 350_000, closeDate: '2030-09-30', stage: 'discover' });
    dealId = created.id;
    tick();
    huangId = (await rep1.trpc.stakeholder.add.mutate({ dealId, name: 'Huang Wei', title: 'CEO', level: 'executive', influence: 5, decisionRole: 'final_decision_maker', stance: 'neutral' })).id;
    tick();
    liId = (await rep1.trpc.stakeholder.add.mutate({ dealId, name: 'Li Na', title: 'Head of branches', level: 'management', influence: 3, decisionRole: 'influencer', stance: 'unknown' })).id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('starts with the deal’s creation and one snapshot of empty coverage', async () => {
    const h = await history();
    expect(kinds(h)).toEqual(['stakeholder.added', 'stakeholder.added', 'deal.created']);
    expect(h.snapshots).toHaveLength(1);
    expect(h.snapshots[0]).toMatchObject({ influence: 0, headcount: 0, net: 0, crossed: 0, thresholds: { information: false, relationships: false, topDecisionMaker: false } });
    expect(h.thresholdChanges).toEqual([]);
    expect(h.events[0]!.actorName).toBe(h.actors.find((a) => a.id === rep1Id)!.name);
    expect(h.people.map((p) => p.name).sort()).toEqual(['Huang Wei', 'Li Na']);
  });

  it('records a stance change as an event and a new coverage snapshot', async () => {
    const { version } = (await rep1.trpc.deal.get.query({ id: dealId })).stakeholders.find((s) => s.id === huangId)!;
    tick();
    const res = await rep1.mutate('stakeholder.update', { id: huangId, version, stance: 'supporter' });
    expectOk(res);
    const h = await history();
    expect(h.events[0]).toMatchObject({ kind: 'stakeholder.stanceChanged', entity: 'stakeholder', entityId: huangId, actorId: rep1Id, before: { name: 'Huang Wei', stance: 'neutral' }, after: { stance: 'supporter' } });
    expect(h.snapshots).toHaveLength(2);
    // Huang (5) supports out of 5 + 3 influence; one of two people.
    expect(h.snapshots[1]).toMatchObject({ at: server.clock.now.toISOString(), influence: 5 / 8, headcount: 0.5, net: 0.5 * 5 / 8 });
  });

  it('shows a threshold crossed by an activity, with who crossed it', async () => {
    tick();
    const res = await rep1.mutate('activity.log', { dealId, kind: 'executive_meeting', occurredAt: server.clock.now.toISOString(), stakeholderIds: [huangId], summary: 'Walked the CEO through the branch roll-out' });
    expectOk(res);
    const h = await history();
    // The threshold change is written after the activity in the same transaction: newest first.
    expect(kinds(h).slice(0, 2)).toEqual(['threshold.crossed', 'activity.logged']);
    expect(h.events[0]).toMatchObject({ entity: 'threshold', before: { threshold: 'topDecisionMaker', passed: false }, after: { threshold: 'topDecisionMaker', passed: true } });
    expect(h.thresholdChanges).toEqual([{ at: server.clock.now.toISOString(), threshold: 'topDecisionMaker', passed: true, actorName: h.actors.find((a) => a.id === rep1Id)!.name }]);
    expect(h.snapshots).toHaveLength(3);
    expect(h.snapshots[2]).toMatchObject({ crossed: 1, thresholds: { topDecisionMaker: true } });
  });

  it('records an info point change, by whoever made it', async () => {
    tick();
    const res = await manager.mutate('infoPoint.update', { dealId, point: 4, version: await pointVersion(4, manager), status: 'confirmed', summary: 'CEO decides', sourceStakeholderId: huangId });
    expectOk(res);
    const h = await history();
    expect(h.events[0]).toMatchObject({ kind: 'infoPoint.updated', actorId: managerId, before: { point: 4, status: 'unknown' }, after: { point: 4, status: 'confirmed', sourceStakeholderId: huangId } });
    // Confirming one point crosses nothing and moves no coverage: no new snapshot.
    expect(h.snapshots).toHaveLength(3);
    expect(h.actors.map((a) => a.id).sort()).toEqual([rep1Id, managerId].sort());
    // Events come newest first, and their times never go up down the list.
    const times = h.events.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by kind group, family and exact kind', async () => {
    expect(kinds(await history({ kind: 'people' }))).toEqual(['stakeholder.stanceChanged', 'stakeholder.added', 'stakeholder.added']);
    expect(kinds(await history({ kind: 'stakeholder.stanceChanged' }))).toEqual(['stakeholder.stanceChanged']);
    expect(kinds(await history({ kind: 'activity' }))).toEqual(['activity.logged']);
    expect(kinds(await history({ kind: 'thresholds' }))).toEqual(['threshold.crossed']);
    expect(kinds(await history({ kind: 'information' }))).toEqual(['infoPoint.updated']);
    expect(kinds(await history({ kind: 'deal' }))).toEqual(['deal.created']);
    expect(kinds(await history({ kind: 'nothingLikeThis' }))).toEqual([]);
    // Names of Object.prototype are just unknown families, not a crash.
    for (const kind of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) expect(kinds(await history({ kind }))).toEqual([]);
  });

  it('filters by actor', async () => {
    expect(kinds(await history({ actorId: managerId }))).toEqual(['infoPoint.updated']);
    const byRep = await history({ actorId: rep1Id });
    expect(byRep.events).toHaveLength(6);
    expect(byRep.events.every((e) => e.actorId === rep1Id)).toBe(true);
    // The actor list stays whole while filtered, so the filter can be changed.
    expect(byRep.actors).toHaveLength(2);
  });

  it('filters by person: their own record, and every change that names them', async () => {
    expect(kinds(await history({ stakeholderId: huangId }))).toEqual(['infoPoint.updated', 'activity.logged', 'stakeholder.stanceChanged', 'stakeholder.added']);
    expect(kinds(await history({ stakeholderId: liId }))).toEqual(['stakeholder.added']);
    expect(kinds(await history({ stakeholderId: huangId, kind: 'activity' }))).toEqual(['activity.logged']);
    expect(kinds(await history({ stakeholderId: 999_999 }))).toEqual([]);
  });

  it('keeps a removed person’s name, and their removal, in the log', async () => {
    tick();
    expectOk(await rep1.mutate('stakeholder.remove', { id: liId }));
    const h = await history({ stakeholderId: liId });
    expect(kinds(h)).toEqual(['stakeholder.removed', 'stakeholder.added']);
    expect(h.people.find((p) => p.id === liId)?.name).toBe('Li Na');
  });

  it('hides map drags unless asked for by name', async () => {
    const { version } = (await rep1.trpc.deal.get.query({ id: dealId })).stakeholders.find((s) => s.id === huangId)!;
    tick();
    expectOk(await rep1.mutate('stakeholder.update', { id: huangId, version, positionX: 120, positionY: 40 }));
    expect(kinds(await history())).not.toContain('stakeholder.moved');
    expect(kinds(await history({ kind: 'stakeholder.moved' }))).toEqual(['stakeholder.moved']);
  });

  it('returns the newest events up to the limit', async () => {
    const all = await history();
    const two = await history({ limit: 2 });
    expect(two.events).toEqual(all.events.slice(0, 2));
    // Snapshots and threshold changes are not limited by the event filter.
    expect(two.snapshots).toEqual(all.snapshots);
  });

  describe('paging with a cursor (“Show older”)', () => {
    /** Follow nextCursor from the top until the log runs out. */
    async function pages(input: Partial<RouterInputs['history']['get']>) {
      const out: History[] = [];
      let cursor: number | null = null;
      do {
        out.push(await history({ ...input, ...(cursor === null ? {} : { cursor }) }));
        cursor = out.at(-1)!.nextCursor;
      } while (cursor !== null && out.length < 20);
      return out;
    }

    beforeAll(async () => {
      // Three next steps in one instant: the cursor must tell them apart by id, neither repeating nor skipping one.
      tick();
      for (const title of ['Book the pilot', 'Send references', 'Meet procurement']) expectOk(await rep1.mutate('nextStep.add', { dealId, title }));
      tick();
      expectOk(await rep1.mutate('nextStep.add', { dealId, title: 'Draft the proposal' }));
    });

    it('limit 5 walks the whole log in three pages, without overlap or gap', async () => {
      const all = await history({ limit: 1000 });
      expect(all.events.length).toBeGreaterThan(10);
      expect(all.events.length).toBeLessThanOrEqual(15);
      expect(all.nextCursor).toBeNull();

      const walked = await pages({ limit: 5 });
      expect(walked).toHaveLength(3);
      expect(walked.map((page) => page.events.length)).toEqual([5, 5, all.events.length - 10]);
      // Each page's cursor is its oldest event; the last page says there is nothing older.
      expect(walked[0]!.nextCursor).toBe(walked[0]!.events[4]!.id);
      expect(walked[2]!.nextCursor).toBeNull();
      const ids = walked.flatMap((page) => page.events.map((event) => event.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(walked.flatMap((page) => page.events)).toEqual(all.events);
    });

    it('a page exactly as long as what is left says there is nothing older', async () => {
      const all = await history({ limit: 1000 });
      const whole = await history({ limit: all.events.length });
      expect(whole.events).toEqual(all.events);
      expect(whole.nextCursor).toBeNull();
    });

    it('keeps the filters from page to page', async () => {
      const information = await history({ kind: 'information', limit: 1000 });
      expect(kinds(information)).toEqual(['nextStep.added', 'nextStep.added', 'nextStep.added', 'nextStep.added', 'infoPoint.updated']);
      const walked = await pages({ kind: 'information', limit: 2 });
      expect(walked).toHaveLength(3);
      expect(walked.flatMap((page) => page.events)).toEqual(information.events);

      const aboutHuang = await history({ stakeholderId: huangId, limit: 1000 });
      expect((await pages({ stakeholderId: huangId, limit: 1 })).flatMap((page) => page.events)).toEqual(aboutHuang.events);
    });

    it('takes what tRPC’s infinite queries send: a null cursor for the top, and a direction', async () => {
      const top = await history({ limit: 5, cursor: null, direction: 'forward' });
      expect(top.events).toEqual((await history({ limit: 5 })).events);
      const next = await history({ limit: 5, cursor: top.nextCursor, direction: 'forward' });
      expect(next.events[0]!.id).not.toBe(top.events[4]!.id);
    });

    it('refuses a cursor that is not an event of this deal’s history, naming the field', async () => {
      const rich = await rep1.trpc.history.get.query({ dealId: richDealId, limit: 1 });
      for (const cursor of [rich.events[0]!.id, 987_654]) {
        const res = await rep1.query('history.get', { dealId, cursor });
        expect(res.error?.code).toBe('BAD_REQUEST');
        expect(res.error?.message).toContain('cursor');
      }
    });
  });

  it('shows the seeded rich deal with at least one snapshot', async () => {
    const res = await rep1.query('history.get', { dealId: richDealId });
    expectOk(res);
    expect(res.data.snapshots.length).toBeGreaterThanOrEqual(1);
    expect(res.data.events.length).toBeGreaterThan(0);
  });

  describe('access', () => {
    it('lets the owner, the manager and an admin read it', async () => {
      for (const who of [rep1, manager, admin]) {
        const res = await who.query('history.get', { dealId });
        expectOk(res);
        expect(res.data.events.length).toBeGreaterThan(0);
      }
    });

    it('answers NOT_FOUND to another rep, exactly like a missing deal', async () => {
      const other = await rep2.query('history.get', { dealId });
      expect(other.error?.code).toBe('NOT_FOUND');
      const missing = await rep1.query('history.get', { dealId: 987_654 });
      expect(missing.error?.code).toBe('NOT_FOUND');
      expect(other.error?.message).toBe(missing.error?.message);
    });

    it('answers UNAUTHORIZED without a session', async () => {
      const res = await new ApiSession(server.url).query('history.get', { dealId });
      expect(res.error?.code).toBe('UNAUTHORIZED');
    });
  });

  describe('bad input is BAD_REQUEST naming the field, never a 500', () => {
    const cases: [string, unknown, string][] = [
      ['no input', undefined, ''],
      ['no dealId', {}, 'dealId'],
      ['a text dealId', { dealId: 'one' }, 'dealId'],
      ['a negative dealId', { dealId: -1 }, 'dealId'],
      ['a fractional dealId', { dealId: 1.5 }, 'dealId'],
      ['a zero limit', { dealId: 1, limit: 0 }, 'limit'],
      ['a limit over 1000', { dealId: 1, limit: 1001 }, 'limit'],
      ['SQL as a kind', { dealId: 1, kind: "x' or 1=1 --" }, 'kind'],
      ['a very long kind', { dealId: 1, kind: 'a'.repeat(65) }, 'kind'],
      ['a text actorId', { dealId: 1, actorId: 'me' }, 'actorId'],
      ['a huge stakeholderId', { dealId: 1, stakeholderId: 2 ** 60 }, 'stakeholderId'],
      ['a text cursor', { dealId: 1, cursor: 'older' }, 'cursor'],
      ['a negative cursor', { dealId: 1, cursor: -5 }, 'cursor'],
      ['an unknown direction', { dealId: 1, direction: 'sideways' }, 'direction'],
    ];
    it.each(cases)('%s', async (_label, input, field) => {
      const res = await rep1.raw.query('history.get', input);
      expect(res.status).toBe(400);
      expect(res.error?.code).toBe('BAD_REQUEST');
      expect(res.error?.message).toContain(field);
    });

    it('answers malformed JSON input with BAD_REQUEST', async () => {
      const res = await rep1.raw.fetch(`/trpc/history.get?input=${encodeURIComponent('{"dealId":')}`);
      expect(res.status).toBe(400);
      expect(res.error?.code).toBe('BAD_REQUEST');
    });
  });
});
