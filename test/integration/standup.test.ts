/**
 * A scripted week on the demo team, each change at a known instant on the
 * test server's clock, then the stand-up report for Monday 09:00 → Friday 18:00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs, type RouterInputs, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, dbFingerprint, type OtherTeam, sql } from '../helpers/world';

type Room = RouterOutputs['deal']['get'];
type StakeholderUpdate = RouterInputs['stakeholder']['update'];

const SEEDED_AT = '2026-03-02T08:00:00.000Z'; // Monday morning: the demo team is seeded
const SINCE = '2026-03-02T09:00:00.000Z'; // Monday 09:00, the last stand-up
const UNTIL = '2026-03-06T18:00:00.000Z'; // Friday 18:00
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

describe('standup.changes over a scripted week', () => {
  let server: TestServer;
  let admin: ApiSession;
  let manager: ApiSession;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let other: OtherTeam;
  let otherManager: ApiSession;
  let harbor: Room;
  let line9: Room;
  let hospitalId: number;

  /** Run API calls as if at `instant`. */
  const at = (instant: string) => {
    server.clock.now = new Date(instant);
  };
  const room = async (dealId: number) => await rep1.trpc.deal.get.query({ id: dealId });
  const person = (name: string) => harbor.stakeholders.find((s) => s.name === name)!;
  async function setStance(name: string, stance: StakeholderUpdate['stance'], extra: Partial<StakeholderUpdate> = {}) {
    harbor = await room(harbor.deal.id);
    const who = person(name);
    await rep1.trpc.stakeholder.update.mutate({ id: who.id, version: who.version, stance, ...extra });
  }
  const report = (client: ApiSession, input: Partial<RouterInputs['standup']['changes']> = {}) => client.trpc.standup.changes.query({ since: SINCE, until: UNTIL, ...input });

  beforeAll(async () => {
    server = await startTestServer({ now: new Date(SEEDED_AT) });
    other = await addOtherTeam(server);
    [admin, manager, rep1, rep2, otherManager] = await Promise.all([
      loginAs(server, 'admin@demo.test'),
      loginAs(server, 'manager@demo.test'),
      loginAs(server, 'rep1@demo.test'),
      loginAs(server, 'rep2@demo.test'),
      loginAs(server, other.managerEmail),
    ]);
    const deals = (await manager.trpc.deal.list.query()).items;
    const id = (name: string) => deals.find((deal) => deal.name === name)!.id;
    harbor = await room(id('Core banking mainframe refresh'));
    line9 = await room(id('Line 9 CBTC signalling platform'));
    hospitalId = id('Group-wide hospital ERP');

    // Before the period (Monday 08:30): a stance learned, an activity, the first coverage snapshot.
    at('2026-03-02T08:30:00.000Z');
    await setStance('Guo Tao', 'neutral');
    await rep1.trpc.activity.log.mutate({ dealId: harbor.deal.id, kind: 'call', occurredAt: '2026-03-02T08:15:00.000Z', stakeholderIds: [person('Chen Hao').id], summary: 'Early call before the stand-up' });

    // Exactly at the last stand-up: that stand-up already covered it.
    at(SINCE);
    await rep1.trpc.activity.log.mutate({ dealId: harbor.deal.id, kind: 'note', occurredAt: SINCE, stakeholderIds: [], summary: 'Noted during the last stand-up' });

    // Monday: a new person on the map, next steps with due dates.
    at('2026-03-02T10:00:00.000Z');
    await rep1.trpc.stakeholder.add.mutate({ dealId: harbor.deal.id, name: 'Qian Bo', level: 'staff', decisionRole: 'user', influence: 1, stance: 'unknown' });
    await rep1.trpc.nextStep.add.mutate({ dealId: harbor.deal.id, title: 'Send the regulator pack', dueDate: '2026-03-04' });
    const done = await rep1.trpc.nextStep.add.mutate({ dealId: harbor.deal.id, title: 'Book the reference visit', dueDate: '2026-03-04' });
    await rep1.trpc.nextStep.add.mutate({ dealId: harbor.deal.id, title: 'Final proposal', dueDate: '2026-03-09' });

    // Tuesday: procurement becomes an ally, after a meeting.
    at('2026-03-03T15:00:00.000Z');
    await rep1.trpc.activity.log.mutate({ dealId: harbor.deal.id, kind: 'meeting', occurredAt: '2026-03-03T14:00:00.000Z', stakeholderIds: [person('Zhou Yan').id], summary: 'Walked procurement through the migration plan' });
    await setStance('Zhou Yan', 'ally');

    // Wednesday: the CFO softens, the DBA becomes a coach, a success factor, a step done, Line 9 moves on.
    at('2026-03-04T11:00:00.000Z');
    await setStance('Zhao Min', 'neutral');
    harbor = await room(harbor.deal.id);
    await rep1.trpc.stakeholder.update.mutate({ id: person('Guo Tao').id, version: person('Guo Tao').version, isCoach: true });
    await rep1.trpc.successFactor.add.mutate({ dealId: harbor.deal.id, title: 'Board-level risk report' });
    await rep1.trpc.nextStep.update.mutate({ id: done.id, version: done.version, done: true });
    await rep1.trpc.deal.update.mutate({ id: line9.deal.id, version: line9.deal.version, stage: 'negotiate' });

    // Thursday: the CEO comes round (relationships crossed), Harbor moves to commit, point 9 confirmed, factors re-ranked.
    at('2026-03-05T09:30:00.000Z');
    await setStance('Wang Jianguo', 'supporter');
    harbor = await room(harbor.deal.id);
    await rep1.trpc.deal.update.mutate({ id: harbor.deal.id, version: harbor.deal.version, stage: 'commit' });
    const point9 = harbor.infoPoints.find((p) => p.point === 9)!;
    await rep1.trpc.infoPoint.update.mutate({ dealId: harbor.deal.id, point: 9, version: point9.version, status: 'confirmed' });
    await rep1.trpc.successFactor.reorder.mutate({ dealId: harbor.deal.id, orderedIds: [...harbor.successFactors].reverse().map((f) => f.id) });
    await rep2.trpc.activity.log.mutate({ dealId: hospitalId, kind: 'visit', occurredAt: '2026-03-05T09:00:00.000Z', stakeholderIds: [], summary: 'Site visit at St. Mary’s' });

    // Friday: the CEO turns skeptic again (relationships lost).
    at('2026-03-06T16:00:00.000Z');
    await setStance('Wang Jianguo', 'skeptic');

    // Exactly at the end of the period: still in it.
    at(UNTIL);
    await rep1.trpc.activity.log.mutate({ dealId: harbor.deal.id, kind: 'call', occurredAt: UNTIL, stakeholderIds: [], summary: 'Friday wrap-up call' });

    // Saturday, after the period: more changes that must not appear.
    at('2026-03-07T10:00:00.000Z');
    await setStance('Zhou Yan', 'neutral');
    await rep1.trpc.activity.log.mutate({ dealId: harbor.deal.id, kind: 'email', occurredAt: '2026-03-07T09:00:00.000Z', stakeholderIds: [], summary: 'Weekend email' });
    // …and one logged in the period about a contact made before it
    at('2026-03-03T08:00:00.000Z');
    await rep1.trpc.activity.log.mutate({ dealId: harbor.deal.id, kind: 'note', occurredAt: '2026-03-01T12:00:00.000Z', stakeholderIds: [], summary: 'Sunday note' });
    at('2026-03-09T09:00:00.000Z');
  });
  afterAll(() => server.stop());

  it('reports every kind of change on the deal, in order, each within the period', async () => {
    const deal = (await report(manager)).find((d) => d.dealName === 'Core banking mainframe refresh')!;
    expect(deal).toMatchObject({ ownerName: 'Riley Zhang' });
    const kinds = new Set(deal.changes.map((change) => change.kind));
    for (const kind of ['stakeholderAdded', 'newAlly', 'stanceChanged', 'newCoach', 'thresholdCrossed', 'thresholdLost', 'stageChanged', 'successFactorAdded', 'successFactorsReordered', 'infoPointConfirmed', 'activity', 'nextStepDone', 'nextStepOverdue']) {
      expect(kinds, kind).toContain(kind);
    }
    const times = deal.changes.map((change) => change.at);
    expect(times).toEqual([...times].sort());
    for (const time of times) {
      expect(time >= SINCE && time <= UNTIL, time).toBe(true);
    }
  });

  it('says what changed in English, with kind and params for other languages', async () => {
    const deal = (await report(manager)).find((d) => d.dealName === 'Core banking mainframe refresh')!;
    const summaries = deal.changes.map((change) => change.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Added to the map: Qian Bo (Unknown)',
        'Zhou Yan became an ally (was Neutral)',
        'Zhao Min moved from Skeptic to Neutral',
        'New coach: Guo Tao',
        'Wang Jianguo moved from Neutral to Supporter',
        'Threshold crossed: Relationships built',
        'Threshold lost: Relationships built',
        'Stage moved from Negotiate to Commit',
        'New success factor: Board-level risk report',
        'Point 9 confirmed: Key success factors (top three)',
        'Meeting with Zhou Yan: Walked procurement through the migration plan',
        'Next step done: Book the reference visit',
        'Next step overdue since 2026-03-04: Send the regulator pack',
      ]),
    );
    const ally = deal.changes.find((change) => change.kind === 'newAlly')!;
    expect(ally).toMatchObject({ actor: 'Riley Zhang', at: '2026-03-03T15:00:00.000Z', params: { name: 'Zhou Yan', from: 'neutral' } });
    expect(deal.changes.find((change) => change.kind === 'stageChanged')!.params).toEqual({ from: 'negotiate', to: 'commit' });
    expect(deal.changes.find((change) => change.kind === 'thresholdLost')).toMatchObject({ at: '2026-03-06T16:00:00.000Z', params: { threshold: 'relationships' } });
    // the step due Wednesday went overdue at the end of Wednesday, and nobody did it
    expect(deal.changes.filter((change) => change.kind === 'nextStepOverdue')).toEqual([
      { at: '2026-03-05T00:00:00.000Z', kind: 'nextStepOverdue', summary: 'Next step overdue since 2026-03-04: Send the regulator pack', actor: null, params: { title: 'Send the regulator pack', dueDate: '2026-03-04', owner: null } },
    ]);
    expect(deal.changes.find((change) => change.kind === 'successFactorsReordered')!.params.top).toEqual(['Board-level risk report', 'Local support team on site', 'Five-year total cost below the incumbent']);
  });

  it('shows nothing from outside the period (since, until]', async () => {
    const deal = (await report(manager)).find((d) => d.dealName === 'Core banking mainframe refresh')!;
    const text = JSON.stringify(deal.changes);
    expect(text).toContain('Friday wrap-up call');
    for (const outside of ['Noted during the last stand-up', 'Guo Tao moved from Unknown to Neutral', 'Early call before the stand-up', 'Weekend email', 'Sunday note', 'Final proposal', 'Migration risk workshop', 'Zhou Yan moved from Ally to Neutral']) {
      expect(text).not.toContain(outside);
    }
    // the deal.created events of the seed are long before the period
    expect(deal.changes.some((change) => change.kind === 'dealCreated')).toBe(false);
  });

  it('computes the coverage delta from the snapshots at both ends', async () => {
    const deals = (await report(manager));
    const deal = deals.find((d) => d.dealName === 'Core banking mainframe refresh')!;
    // Monday 09:00: 20 of 39 influence supportive. Friday 18:00: Qian Bo (1) added, Zhou Yan (3) an ally, the CEO skeptic: 23 of 40.
    expect(deal.coverageDelta).toBe(round4(23 / 40 - 20 / 39));
    // a period ending Thursday noon ends at Thursday's figure: 28 of 40 with the CEO a supporter
    const toThursday = (await report(manager, { until: '2026-03-05T12:00:00.000Z' })).find((d) => d.dealId === deal.dealId)!;
    expect(toThursday.coverageDelta).toBe(round4(28 / 40 - 20 / 39));
    // a deal with no snapshots has coverage 0 at both ends
    expect(deals.find((d) => d.dealName === 'Line 9 CBTC signalling platform')!.coverageDelta).toBe(0);
  });

  it('groups by rep, then deal, and lists only deals that changed', async () => {
    const deals = (await report(manager));
    expect(deals.map((d) => [d.ownerName, d.dealName])).toEqual([
      ['Riley Zhang', 'Core banking mainframe refresh'],
      ['Riley Zhang', 'Line 9 CBTC signalling platform'],
      ['Sam Patel', 'Group-wide hospital ERP'],
    ]);
    const line = deals[1]!;
    expect(line.changes.map((change) => change.summary)).toEqual(['Stage moved from Propose to Negotiate']);
    expect(deals[2]!.changes.map((change) => change.summary)).toEqual(['Visit: Site visit at St. Mary’s']);
    expect(deals[0]!.health.thresholds.relationships!.passed).toBe(false);
  });

  it('filters by owner, and shows each role only the deals it may see', async () => {
    expect((await report(manager, { ownerId: line9.deal.ownerId })).map((d) => d.dealName)).toEqual(['Core banking mainframe refresh', 'Line 9 CBTC signalling platform']);
    expect((await report(rep1)).map((d) => d.dealName)).toEqual(['Core banking mainframe refresh', 'Line 9 CBTC signalling platform']);
    expect((await report(rep2)).map((d) => d.dealName)).toEqual(['Group-wide hospital ERP']);
    expect((await report(rep2, { ownerId: line9.deal.ownerId }))).toEqual([]);
    expect((await report(admin))).toHaveLength(3);
    expect((await report(otherManager))).toEqual([]);
    expect((await new ApiSession(server.url).query('standup.changes', { since: SINCE })).error?.code).toBe('UNAUTHORIZED');
  });

  it('runs until now when no end is given', async () => {
    const deals = await manager.trpc.standup.changes.query({ since: '2026-03-06T12:00:00.000Z' });
    const harborChanges = deals.find((d) => d.dealId === harbor.deal.id)!.changes.map((change) => change.at);
    expect(harborChanges).toContain('2026-03-07T10:00:00.000Z');
    expect(harborChanges.every((time) => time >= '2026-03-06T12:00:00.000Z')).toBe(true);
  });

  it('refuses bad periods with BAD_REQUEST naming the field', async () => {
    for (const [input, field] of [
      [{}, 'since'],
      [{ since: 'last monday' }, 'since'],
      [{ since: '2026-03-02' }, 'since'],
      [{ since: SINCE, until: '2026-03-01T00:00:00.000Z' }, 'until'],
      [{ since: '2020-01-01T00:00:00Z', until: UNTIL }, 'until'],
      [{ since: SINCE, ownerId: 0 }, 'ownerId'],
    ] as const) {
      const res = await manager.raw.query('standup.changes', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.error?.fields, JSON.stringify(input)).toContain(field);
    }
  });
});

describe('stand-up records', () => {
  let server: TestServer;
  let other: OtherTeam;

  beforeAll(async () => {
    server = await startTestServer({ now: new Date(SEEDED_AT) });
    other = await addOtherTeam(server);
  });
  afterAll(() => server.stop());

  it('a manager marks a stand-up held; the team reads it as the last one', async () => {
    const [manager, rep1, otherManager] = await Promise.all([loginAs(server, 'manager@demo.test'), loginAs(server, 'rep1@demo.test'), loginAs(server, other.managerEmail)]);
    expect(await rep1.trpc.standup.last.query()).toBeNull();
    server.clock.now = new Date('2026-03-02T09:00:00.000Z');
    const first = await manager.mutate('standup.record');
    expectOk(first);
    expect(first.data).toMatchObject({ heldAt: '2026-03-02T09:00:00.000Z', recordedByName: 'Morgan Li' });
    const event = await sql(server, "select * from events where kind = 'standup.recorded'");
    expect(event).toHaveLength(1);
    server.clock.now = new Date('2026-03-09T09:00:00.000Z');
    await manager.mutate('standup.record', {});
    expect(await rep1.trpc.standup.last.query()).toMatchObject({ heldAt: '2026-03-09T09:00:00.000Z' });
    // another team's stand-ups are their own
    expect(await otherManager.trpc.standup.last.query()).toBeNull();
  });

  it('a rep cannot mark a stand-up held, and nothing is written', async () => {
    const rep1 = await loginAs(server, 'rep1@demo.test');
    const before = await dbFingerprint(server);
    const res = await rep1.mutate('standup.record');
    expect(res.error?.code).toBe('FORBIDDEN');
    expect(await dbFingerprint(server)).toEqual(before);
  });

  it('an admin may name the team; others may not reach another team', async () => {
    const [admin, manager] = await Promise.all([loginAs(server, 'admin@demo.test'), loginAs(server, 'manager@demo.test')]);
    server.clock.now = new Date('2026-03-10T09:00:00.000Z');
    expect(await admin.trpc.standup.record.mutate({ teamId: other.teamId })).toMatchObject({ teamId: other.teamId });
    expect(await admin.trpc.standup.last.query({ teamId: other.teamId })).toMatchObject({ heldAt: '2026-03-10T09:00:00.000Z' });
    expect((await manager.query('standup.last', { teamId: other.teamId })).error?.code).toBe('NOT_FOUND');
    expect((await manager.mutate('standup.record', { teamId: other.teamId })).error?.code).toBe('NOT_FOUND');
    expect((await admin.mutate('standup.record', { teamId: 999 })).error?.code).toBe('NOT_FOUND');
    expect((await manager.raw.mutate('standup.record', { teamId: 'x' })).error?.fields).toContain('teamId');
  });
});
