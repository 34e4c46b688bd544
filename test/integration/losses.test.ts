/**
 * Loss analysis (SPEC §10): a deal is lost with a cause (and the competitor, when a
 * competitor won), the thresholds it had crossed are recorded when it closes — won or
 * lost — and `review.losses` counts lost deals by cause and by missing threshold next to
 * the deals won, over a period of close dates. Runs on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, loginAs, type ApiSession, type RouterInputs, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, eventCount, lastEvent, refusalCheck, type OtherTeam } from '../helpers/world';

type Deal = RouterOutputs['deal']['create'];
type Update = RouterInputs['deal']['update'];

/** A fixed "today", so the seeded closes (20, 25 and 40 days ago) fall on known days. */
const NOW = new Date('2026-06-15T10:00:00.000Z');
const TODAY = '2026-06-15';
/** Before anything this suite closes: only the demo's closed deals. */
const SEEDED = { until: '2026-06-01' };
const NO_CAUSE = { competitor: 0, price: 0, no_decision: 0, timing: 0, relationship: 0, requirements: 0, other: 0 };

describe('loss analysis', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let other: OtherTeam;
  let otherManager: ApiSession;
  let harborAccountId: number;
  const refused = refusalCheck(() => server);

  const freshDeal = async (name: string): Promise<Deal> =>
    rep1.trpc.deal.create.mutate({ accountId: harborAccountId, name, amount: 250_000, closeDate: '2031-06-30', stage: 'negotiate' });
  const update = (session: ApiSession, deal: Pick<Deal, 'id' | 'version'>, patch: Omit<Update, 'id' | 'version'>) =>
    session.mutate('deal.update', { id: deal.id, version: deal.version, ...patch });

  beforeAll(async () => {
    server = await startTestServer({ now: NOW });
    other = await addOtherTeam(server);
    [rep1, rep2, manager, admin, otherManager] = await Promise.all([
      loginAs(server, 'rep1@demo.test'),
      loginAs(server, 'rep2@demo.test'),
      loginAs(server, 'manager@demo.test'),
      loginAs(server, 'admin@demo.test'),
      loginAs(server, other.managerEmail),
    ]);
    harborAccountId = (await rep1.trpc.account.list.query()).find((account) => account.name === 'Harbor Bank')!.id;
  });
  afterAll(() => server.stop());

  describe('review.losses on the demo team', () => {
    it('lists the lost deals with cause, competitor and thresholds at the close, counted by cause and by missing threshold, next to the wins', async () => {
      const res = await manager.query('review.losses', SEEDED);
      expectOk(res);
      expect(res.data.deals).toEqual([
        expect.objectContaining({
          dealName: 'Radiology image archive',
          amount: 640_000,
          currency: 'EUR',
          lossCause: 'no_decision',
          lostTo: null,
          thresholdsCrossed: { information: false, relationships: true, topDecisionMaker: false },
        }),
        expect.objectContaining({
          dealName: 'Data centre cooling retrofit',
          amount: 780_000,
          currency: 'USD',
          lossCause: 'competitor',
          lostTo: 'Jiangnan Systems Integration',
          thresholdsCrossed: { information: false, relationships: false, topDecisionMaker: false },
        }),
      ]);
      for (const deal of res.data.deals) expect(deal).toMatchObject({ dealId: expect.any(Number), closeDate: expect.any(String), lossReason: expect.any(String) });
      expect(res.data.byCause).toEqual({ ...NO_CAUSE, competitor: 1, no_decision: 1 });
      expect(res.data.missingThreshold).toEqual({ information: 2, relationships: 1, topDecisionMaker: 2 });
      // The wins (the 5G core and the key accounts' fourteen past orders) had crossed all three: both losses lacked the top decision-maker, no win did.
      expect(res.data.won).toEqual({ count: 15, missingThreshold: { information: 0, relationships: 0, topDecisionMaker: 0 } });
    });

    it('since and until bound the close date, both ends included', async () => {
      const names = async (input: RouterInputs['review']['losses']) => (await manager.trpc.review.losses.query(input)).deals.map((deal) => deal.dealName);
      // Seeded closes: cooling 2026-05-06 (lost), 5G core 2026-05-26 (won), radiology 2026-05-21 (lost).
      expect(await names({ since: '2026-05-10', until: '2026-06-01' })).toEqual(['Radiology image archive']);
      expect(await names({ until: '2026-05-06' })).toEqual(['Data centre cooling retrofit']);
      expect(await names({ since: '2026-05-21', until: '2026-05-21' })).toEqual(['Radiology image archive']);
      const lateMay = await manager.trpc.review.losses.query({ since: '2026-05-22', until: '2026-06-01' });
      expect(lateMay).toMatchObject({ deals: [], byCause: NO_CAUSE, missingThreshold: { information: 0, relationships: 0, topDecisionMaker: 0 }, won: { count: 1 } });
    });

    it('ownerId narrows to one rep’s deals', async () => {
      const team = await manager.trpc.user.list.query();
      const riley = team.find((user) => user.email === 'rep1@demo.test')!;
      const res = await manager.trpc.review.losses.query({ ...SEEDED, ownerId: riley.id });
      expect(res.deals.map((deal) => deal.dealName)).toEqual(['Data centre cooling retrofit']);
      // Riley's wins: Harbor Bank's six past orders and the shipyard's one.
      expect(res.won.count).toBe(7);
    });

    it('each reader sees only the closed deals they may see: a rep their own, another team nothing, an admin everything', async () => {
      const seen = async (session: ApiSession) => {
        const res = await session.trpc.review.losses.query(SEEDED);
        return { lost: res.deals.map((deal) => deal.dealName), won: res.won.count };
      };
      expect(await seen(rep1)).toEqual({ lost: ['Data centre cooling retrofit'], won: 7 });
      expect(await seen(rep2)).toEqual({ lost: ['Radiology image archive'], won: 8 });
      expect(await seen(otherManager)).toEqual({ lost: [], won: 0 });
      expect(await seen(admin)).toEqual({ lost: ['Radiology image archive', 'Data centre cooling retrofit'], won: 15 });
      // Naming another rep does not widen what a rep sees.
      const sam = (await manager.trpc.user.list.query()).find((user) => user.email === 'rep2@demo.test')!;
      expect((await rep1.trpc.review.losses.query({ ownerId: sam.id })).deals).toEqual([]);
      expect((await rep1.query('review.losses')).error).toBeUndefined();
    });

    it('refuses a period that ends before it starts, dates that do not exist and unknown fields', async () => {
      const bad: [unknown, string][] = [
        [{ since: '2026-06-01', until: '2026-05-01' }, 'until'],
        [{ since: '2026-02-30' }, 'since'],
        [{ until: '2026-06-15T00:00:00Z' }, 'until'],
        [{ ownerId: 0 }, 'ownerId'],
        [{ sinse: '2026-01-01' }, 'sinse'],
      ];
      for (const [input, field] of bad) {
        const res = await manager.raw.query('review.losses', input);
        expect(res.error?.code, JSON.stringify(input)).toBe('BAD_REQUEST');
        expect(res.error?.fields).toContain(field);
      }
      expect((await manager.raw.query('review.losses')).status).toBe(200);
    });
  });

  describe('closing a deal as lost', () => {
    it('needs a reason and a cause, the competitor when a competitor won, and nothing else: each refusal names the field and writes nothing', async () => {
      const deal = await freshDeal('Refusals');
      const cases: [string, Record<string, unknown>, string][] = [
        ['no cause', { stage: 'lost', lossReason: 'Budget frozen' }, 'lossCause'],
        ['no reason', { stage: 'lost', lossCause: 'price' }, 'lossReason'],
        ['an empty reason', { stage: 'lost', lossReason: '   ', lossCause: 'price' }, 'lossReason'],
        ['a reason too long', { stage: 'lost', lossReason: 'x'.repeat(1001), lossCause: 'price' }, 'lossReason'],
        ['an unknown cause', { stage: 'lost', lossReason: 'Budget frozen', lossCause: 'bad_luck' }, 'lossCause'],
        ['a competitor without a name', { stage: 'lost', lossReason: 'They were cheaper', lossCause: 'competitor' }, 'lostTo'],
        ['a competitor name too long', { stage: 'lost', lossReason: 'They were cheaper', lossCause: 'competitor', lostTo: 'x'.repeat(201) }, 'lostTo'],
        ['a competitor with another cause', { stage: 'lost', lossReason: 'Too dear', lossCause: 'price', lostTo: 'Acme' }, 'lostTo'],
        ['a cause without moving to lost', { lossCause: 'price' }, 'lossCause'],
        ['a cause on a won deal', { stage: 'won', lossCause: 'price' }, 'lossCause'],
      ];
      for (const [name, patch, field] of cases) {
        const res = await refused(() => rep1.raw.mutate('deal.update', { id: deal.id, version: deal.version, ...patch }), 'BAD_REQUEST', field);
        expect(res.error.message, name).toContain(field);
      }
      expect((await rep1.trpc.deal.get.query({ id: deal.id })).deal).toMatchObject({ stage: 'negotiate', status: 'open', lossCause: null });
    });

    it('records the cause, the competitor and the thresholds crossed at that moment; the close date becomes today; the event says it all', async () => {
      // Every point confirmed today: information is crossed, the empty map crosses nothing else.
      let deal = await freshDeal('Information only');
      const room = await rep1.trpc.deal.get.query({ id: deal.id });
      for (const point of room.infoPoints) {
        await rep1.trpc.infoPoint.update.mutate({ dealId: deal.id, point: point.point, version: point.version, status: 'confirmed', summary: 'Checked with the customer', verifiedAt: TODAY });
      }
      deal = (await rep1.trpc.deal.get.query({ id: deal.id })).deal;
      const { thresholds } = await rep1.trpc.deal.health.query({ id: deal.id });
      const crossed = { information: thresholds.information.passed, relationships: thresholds.relationships.passed, topDecisionMaker: thresholds.topDecisionMaker.passed };
      expect(crossed).toEqual({ information: true, relationships: false, topDecisionMaker: false });

      const before = await eventCount(server);
      const res = await update(rep1, deal, { stage: 'lost', lossReason: 'Their CIO chose the incumbent’s cloud core.', lossCause: 'competitor', lostTo: ' Orbit Core Systems ' });
      expectOk(res);
      expect(res.data).toMatchObject({ stage: 'lost', status: 'lost', lossCause: 'competitor', lostTo: 'Orbit Core Systems', closedThresholds: crossed, closeDate: TODAY, version: deal.version + 1 });
      expect(await eventCount(server)).toBe(before + 1);
      const event = await lastEvent(server);
      expect(event).toMatchObject({ kind: 'deal.stageChanged', entityId: deal.id });
      expect(event.after).toMatchObject({ stage: 'lost', status: 'lost', lossCause: 'competitor', lostTo: 'Orbit Core Systems', lossReason: 'Their CIO chose the incumbent’s cloud core.', closedThresholds: crossed, closeDate: TODAY });
      expect(event.before).toMatchObject({ stage: 'negotiate', status: 'open', lossCause: null, closedThresholds: null });

      const losses = await manager.trpc.review.losses.query({ since: TODAY });
      expect(losses.deals).toEqual([expect.objectContaining({ dealId: deal.id, lossCause: 'competitor', lostTo: 'Orbit Core Systems', thresholdsCrossed: crossed })]);
      expect(losses.byCause.competitor).toBe(1);
    });

    it('correcting the analysis of a lost deal keeps the thresholds and the close date of the close', async () => {
      const deal = await freshDeal('Corrected later');
      const lost = await update(rep1, deal, { stage: 'lost', lossReason: 'Too dear', lossCause: 'price', closeDate: '2026-06-10' });
      expectOk(lost);
      expect(lost.data).toMatchObject({ closeDate: '2026-06-10', closedThresholds: { information: false, relationships: false, topDecisionMaker: false } });
      const corrected = await update(rep1, lost.data, { stage: 'lost', lossReason: 'They bought from a rival after all', lossCause: 'competitor', lostTo: 'Acme' });
      expectOk(corrected);
      expect(corrected.data).toMatchObject({ stage: 'lost', lossCause: 'competitor', lostTo: 'Acme', closeDate: '2026-06-10', closedThresholds: lost.data.closedThresholds });
      const event = await lastEvent(server);
      expect(event.kind).toBe('deal.updated');
      expect(event.after).toEqual({ lossReason: 'They bought from a rival after all', lossCause: 'competitor', lostTo: 'Acme' });
      // And back to another cause: the competitor goes with it.
      const again = await update(rep1, corrected.data, { stage: 'lost', lossReason: 'No budget this year', lossCause: 'timing' });
      expectOk(again);
      expect(again.data).toMatchObject({ lossCause: 'timing', lostTo: null });
    });

    it('a won deal records its thresholds too, and no loss analysis', async () => {
      const deal = await freshDeal('Won one');
      const res = await update(rep1, deal, { stage: 'won' });
      expectOk(res);
      expect(res.data).toMatchObject({ stage: 'won', status: 'won', lossCause: null, lostTo: null, lossReason: null, closeDate: TODAY, closedThresholds: { information: false, relationships: false, topDecisionMaker: false } });
      expect((await lastEvent(server)).after).toMatchObject({ stage: 'won', closedThresholds: { information: false, relationships: false, topDecisionMaker: false } });
      const losses = await rep1.trpc.review.losses.query({ since: TODAY });
      expect(losses.won).toEqual({ count: 1, missingThreshold: { information: 1, relationships: 1, topDecisionMaker: 1 } });
    });

    it('reopening clears the cause, the competitor, the reason and the thresholds at close, and the event says so', async () => {
      const deal = await freshDeal('Reopened');
      const lost = await update(rep1, deal, { stage: 'lost', lossReason: 'Lost to Acme', lossCause: 'competitor', lostTo: 'Acme' });
      expectOk(lost);
      const reopened = await update(rep1, lost.data, { stage: 'commit', closeDate: '2031-09-30' });
      expectOk(reopened);
      expect(reopened.data).toMatchObject({ stage: 'commit', status: 'open', lossReason: null, lossCause: null, lostTo: null, closedThresholds: null, closeDate: '2031-09-30' });
      const event = await lastEvent(server);
      expect(event.kind).toBe('deal.stageChanged');
      expect(event.before).toMatchObject({ stage: 'lost', lossCause: 'competitor', lostTo: 'Acme', closedThresholds: expect.any(Object) });
      expect(event.after).toMatchObject({ stage: 'commit', status: 'open', lossReason: null, lossCause: null, lostTo: null, closedThresholds: null });
      expect((await manager.trpc.review.losses.query({ since: TODAY })).deals.map((row) => row.dealId)).not.toContain(deal.id);
    });

    it('a deal entered as already lost needs its cause as well, and crossed nothing', async () => {
      const input = { accountId: harborAccountId, name: 'Lost before we started', amount: 1, closeDate: '2026-01-10', stage: 'lost' as const };
      await refused(() => rep1.raw.mutate('deal.create', input), 'BAD_REQUEST', 'lossCause');
      const res = await rep1.mutate('deal.create', { ...input, lossReason: 'Framework agreement went to a rival', lossCause: 'competitor', lostTo: 'Acme' });
      expectOk(res);
      expect(res.data).toMatchObject({ status: 'lost', lossCause: 'competitor', lostTo: 'Acme', closeDate: '2026-01-10', closedThresholds: { information: false, relationships: false, topDecisionMaker: false } });
    });

    it('a rep cannot close another rep’s deal, a manager of another team cannot see it: NOT_FOUND and nothing written', async () => {
      const deal = await freshDeal('Not yours');
      const loss = { stage: 'lost', lossReason: 'Gone', lossCause: 'price' };
      await refused(() => rep2.raw.mutate('deal.update', { id: deal.id, version: deal.version, ...loss }), 'NOT_FOUND');
      await refused(() => otherManager.raw.mutate('deal.update', { id: deal.id, version: deal.version, ...loss }), 'NOT_FOUND');
      // The team's manager may close it.
      expectOk(await manager.mutate('deal.update', { id: deal.id, version: deal.version, stage: 'lost', lossReason: 'Gone', lossCause: 'price' }));
    });
  });
});
