import { HEALTH_ATTENTION_ORDER } from '../../shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, dbFingerprint, eventCount, lastEvent, type OtherTeam } from '../helpers/world';

/** deal.list row fields (SPEC §6) that a review row carries too. */
const ROW_FIELDS = ['id', 'name', 'accountId', 'accountName', 'amount', 'currency', 'stage', 'closeDate', 'ownerId', 'ownerName', 'status', 'version'];
/** Worst first; a closed deal never reaches the review, but its health can say so. */
const SEVERITY = HEALTH_ATTENTION_ORDER;

type ReviewRow = RouterOutputs['review']['pipeline']['items'][number];

describe('manager review and coaching notes', () => {
  let server: TestServer;
  let admin: ApiSession;
  let manager: ApiSession;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let other: OtherTeam;
  let otherManager: ApiSession;
  let users: Record<string, RouterOutputs['user']['list'][number]>;
  let harbor: ReviewRow;

  const names = (rows: ReviewRow[]) => rows.map((row) => row.name).sort();

  beforeAll(async () => {
    server = await startTestServer();
    other = await addOtherTeam(server);
    [admin, manager, rep1, rep2, otherManager] = await Promise.all([
      loginAs(server, 'admin@demo.test'),
      loginAs(server, 'manager@demo.test'),
      loginAs(server, 'rep1@demo.test'),
      loginAs(server, 'rep2@demo.test'),
      loginAs(server, other.managerEmail),
    ]);
    users = Object.fromEntries((await manager.trpc.user.list.query()).map((user) => [user.email.split('@')[0]!, user]));
    harbor = (await manager.trpc.review.pipeline.query()).items.find((row) => row.name === 'Core banking mainframe refresh')!;
  });
  afterAll(() => server.stop());

  describe('review.pipeline', () => {
    it('lists the team’s open deals only, with deal.list fields, health and the latest note', async () => {
      const res = await manager.query('review.pipeline');
      expectOk(res);
      expect(names(res.data.items)).toEqual(['Core banking mainframe refresh', 'Expo venue network build-out', 'Group-wide hospital ERP', 'Line 9 CBTC signalling platform', 'Warehouse handheld scanners']);
      for (const row of res.data.items) {
        for (const field of ROW_FIELDS) expect(row, field).toHaveProperty(field);
        expect(row.status).toBe('open');
        expect(Object.keys(row.health.thresholds).sort()).toEqual(['information', 'relationships', 'topDecisionMaker']);
        expect(row.latestCoachingNote).toBeNull();
      }
      // the other team's deal stays out of this manager's review
      expect(res.data.items.some((row) => row.id === other.dealId)).toBe(false);
    });

    it('filters by owner and by stage', async () => {
      const byOwner = (await manager.trpc.review.pipeline.query({ ownerId: users.rep2!.id })).items;
      expect(names(byOwner)).toEqual(['Group-wide hospital ERP', 'Warehouse handheld scanners']);
      const byStage = (await manager.trpc.review.pipeline.query({ stage: 'propose' })).items;
      expect(names(byStage)).toEqual(['Line 9 CBTC signalling platform']);
      const both = (await manager.trpc.review.pipeline.query({ ownerId: users.rep2!.id, stage: 'propose' })).items;
      expect(both).toEqual([]);
    });

    it('refuses bad filters with BAD_REQUEST naming the field', async () => {
      for (const [input, field] of [
        [{ stage: 'won' }, 'stage'],
        [{ stage: 'nope' }, 'stage'],
        [{ ownerId: 'x' }, 'ownerId'],
        [{ ownerId: -1 }, 'ownerId'],
      ] as const) {
        const res = await manager.raw.query('review.pipeline', input);
        expect(res.status, JSON.stringify(input)).toBe(400);
        expect(res.error?.code).toBe('BAD_REQUEST');
        expect(res.error?.fields).toContain(field);
      }
    });

    it('shows each role only what it may see', async () => {
      expect(names((await rep1.trpc.review.pipeline.query()).items)).toEqual(['Core banking mainframe refresh', 'Expo venue network build-out', 'Line 9 CBTC signalling platform']);
      expect(names((await rep2.trpc.review.pipeline.query()).items)).toEqual(['Group-wide hospital ERP', 'Warehouse handheld scanners']);
      // a rep filtering by a colleague sees nothing of theirs
      expect((await rep1.trpc.review.pipeline.query({ ownerId: users.rep2!.id })).items).toEqual([]);
      const adminRows = (await admin.trpc.review.pipeline.query()).items;
      expect(adminRows.length).toBe(6);
      expect(adminRows.some((row) => row.id === other.dealId)).toBe(true);
      expect((await otherManager.trpc.review.pipeline.query()).items.map((row) => row.id)).toEqual([other.dealId]);
      const anonymous = await new ApiSession(server.url).query('review.pipeline');
      expect(anonymous.error?.code).toBe('UNAUTHORIZED');
    });

    it('puts the worst deals first: critical, at risk, not yet due, on track, then the larger amount', async () => {
      // The demo team's order, whatever its health today, follows the rule…
      const rows = (await manager.trpc.review.pipeline.query()).items;
      expect(rows.length).toBeGreaterThan(1);
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1]!, rows[i]!];
        const bySeverity = SEVERITY[a.health.status] - SEVERITY[b.health.status];
        expect(bySeverity, `${a.name} before ${b.name}`).toBeLessThanOrEqual(0);
        if (bySeverity === 0) expect(a.amount, `${a.name} before ${b.name}`).toBeGreaterThanOrEqual(b.amount);
      }
      // …and on the other team, deals of known health land in a known order. An empty deal in commit
      // fails all three due thresholds (critical); in propose only information is due (at risk); in qualify nothing is due and
      // nothing is crossed (not yet due — an empty early deal is not "on track").
      const account = await otherManager.trpc.account.create.mutate({ name: 'Review order test' });
      for (const [name, stage, amount] of [
        ['Small commit', 'commit', 100],
        ['Big commit', 'commit', 200],
        ['Proposal', 'propose', 5_000],
        ['Early lead', 'qualify', 1_000_000],
      ] as const) {
        expectOk(await otherManager.mutate('deal.create', { accountId: account.id, name, amount, stage, closeDate: '2030-06-30' }));
      }
      const ordered = (await otherManager.trpc.review.pipeline.query()).items;
      expect(ordered.map((row) => [row.name, row.health.status])).toEqual([
        ['Big commit', 'critical'],
        ['Small commit', 'critical'],
        ['Proposal', 'at_risk'],
        ['Early lead', 'not_yet_due'],
        ['Key Accounts — West deal', 'not_yet_due'],
      ]);
      const critical = ordered[0]!;
      expect(critical.health.thresholds.relationships!.passed).toBe(false);
      expect(critical.health.thresholds.relationships!.reasons.length).toBeGreaterThan(0);
      expect(critical.health.flags.map((flag) => flag.code)).toContain('NO_DECISION_MAKER');
    });
  });

  describe('coaching notes', () => {
    it('a manager adds a note, and it is event-logged in the same write', async () => {
      const before = await eventCount(server);
      const res = await manager.mutate('coachingNote.add', { dealId: harbor.id, body: '  Get Chen Hao to set up the CEO meeting before the proposal.  ' });
      expectOk(res);
      const note = res.data;
      expect(note).toMatchObject({ dealId: harbor.id, body: 'Get Chen Hao to set up the CEO meeting before the proposal.', authorName: 'Morgan Li' });
      expect(await eventCount(server)).toBe(before + 1);
      const event = await lastEvent(server);
      expect(event).toMatchObject({ kind: 'coachingNote.added', entity: 'coachingNote', entityId: note.id, dealId: harbor.id });
      expect(event.after).toMatchObject({ body: note.body });
    });

    it('the rep who owns the deal reads it, and the review shows it as the latest note', async () => {
      // Its own note, a minute after any other test's, so it is the newest whatever ran before.
      server.clock.now = new Date(Date.now() + 60_000);
      const note = await manager.trpc.coachingNote.add.mutate({ dealId: harbor.id, body: 'Find the coach before the demo.' });
      server.clock.now = new Date();
      const list = await rep1.query('coachingNote.list', { dealId: harbor.id });
      expectOk(list);
      expect(list.data[0]).toEqual(note);
      const row = (await manager.trpc.review.pipeline.query()).items.find((r) => r.id === harbor.id)!;
      expect(row.latestCoachingNote).toMatchObject({ id: note.id, body: note.body, authorName: 'Morgan Li' });
    });

    it('lists newest first; an admin can coach too', async () => {
      server.clock.now = new Date(Date.now() + 120_000);
      const older = await manager.trpc.coachingNote.add.mutate({ dealId: harbor.id, body: 'Map the procurement committee.' });
      server.clock.now = new Date(Date.now() + 180_000);
      const res = await admin.mutate('coachingNote.add', { dealId: harbor.id, body: 'Ask Risk for their regulator checklist.' });
      expectOk(res);
      server.clock.now = new Date();
      const list = await rep1.trpc.coachingNote.list.query({ dealId: harbor.id });
      expect(list.slice(0, 2)).toEqual([res.data, older]);
      expect(list.map((n) => n.authorName).slice(0, 2)).toEqual(['Ada Admin', 'Morgan Li']);
    });

    it('a rep cannot add a note: FORBIDDEN, and nothing is written', async () => {
      const before = await dbFingerprint(server);
      const res = await rep1.mutate('coachingNote.add', { dealId: harbor.id, body: 'Note to self' });
      expect(res.error?.httpStatus).toBe(403);
      expect(res.error?.code).toBe('FORBIDDEN');
      expect(await dbFingerprint(server)).toEqual(before);
    });

    it('hides notes of deals the user cannot see', async () => {
      expect((await rep2.query('coachingNote.list', { dealId: harbor.id })).error?.code).toBe('NOT_FOUND');
      expect((await otherManager.query('coachingNote.list', { dealId: harbor.id })).error?.code).toBe('NOT_FOUND');
      const before = await dbFingerprint(server);
      expect((await otherManager.mutate('coachingNote.add', { dealId: harbor.id, body: 'Not my team' })).error?.code).toBe('NOT_FOUND');
      expect(await dbFingerprint(server)).toEqual(before);
    });

    it('refuses bad input with BAD_REQUEST naming the field, writing nothing', async () => {
      const before = await dbFingerprint(server);
      for (const [input, field] of [
        [{ dealId: harbor.id, body: '   ' }, 'body'],
        [{ dealId: harbor.id, body: 'x'.repeat(4001) }, 'body'],
        [{ dealId: harbor.id }, 'body'],
        [{ dealId: 'abc', body: 'Hi' }, 'dealId'],
      ] as const) {
        const res = await manager.raw.mutate('coachingNote.add', input);
        expect(res.status, JSON.stringify(input).slice(0, 60)).toBe(400);
        expect(res.error?.fields).toContain(field);
      }
      expect((await manager.query('coachingNote.list', { dealId: 0 })).error?.fields).toContain('dealId');
      expect((await manager.mutate('coachingNote.add', { dealId: 999_999, body: 'Hi' })).error?.code).toBe('NOT_FOUND');
      expect(await dbFingerprint(server)).toEqual(before);
    });
  });
});
