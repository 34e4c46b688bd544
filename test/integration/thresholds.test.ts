/**
 * The three win thresholds, built up step by step over real HTTP the way a rep
 * works a deal: a hospital group's ERP and a bank's core system. Every figure,
 * reason and flag is the one SPEC §4 defines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { DEFAULT_THRESHOLD_SETTINGS } from '../../shared/settings';
import { loginAs, type ApiSession, type RouterInputs } from '../helpers/api';
import { startTestServer, testEngine, type TestServer } from '../helpers/server';
import { refusalCheck, sql } from '../helpers/world';

type StakeholderAdd = RouterInputs['stakeholder']['add'];
/** A new person for the map; the role defaults to influencer and the stance to unknown. */
type NewPerson = Omit<StakeholderAdd, 'dealId' | 'decisionRole'> & Partial<Pick<StakeholderAdd, 'decisionRole'>>;
let server: TestServer;
let rep: ApiSession;
let admin: ApiSession;

beforeAll(async () => {
  server = await startTestServer({ seed: true, now: new Date('2026-03-02T09:00:00Z') });
  rep = await loginAs(server, 'rep2@demo.test');
  admin = await loginAs(server, 'admin@demo.test');
});
afterAll(() => server.stop());
const refuse = refusalCheck(() => server);

/** Move the server's clock; sessions expire after 14 days, so log in again as a returning rep would. */
async function advance(days: number) {
  server.clock.now = addDays(server.clock.now, days);
  rep = await loginAs(server, 'rep2@demo.test');
  admin = await loginAs(server, 'admin@demo.test');
}

async function newDeal(name: string, stage: RouterInputs['deal']['create']['stage'] = 'negotiate') {
  const account = await rep.trpc.account.create.mutate({ name: `${name} account`, tier: 'A' });
  return rep.trpc.deal.create.mutate({ accountId: account.id, name, amount: 2_000_000, closeDate: '2026-12-31', stage });
}

async function health(dealId: number) {
  return rep.trpc.deal.health.query({ id: dealId });
}
const flagCodes = async (dealId: number) => (await health(dealId)).flags.map((flag) => flag.code);

async function addPerson(dealId: number, person: NewPerson) {
  return rep.trpc.stakeholder.add.mutate({ dealId, decisionRole: 'influencer', stance: 'unknown', ...person });
}

async function confirmPoints(dealId: number, points: number[]) {
  const room = await rep.trpc.deal.get.query({ id: dealId });
  for (const point of points) {
    const current = room.infoPoints.find((p) => p.point === point);
    if (!current) throw new Error(`deal.get lists no information point ${point}`);
    await rep.trpc.infoPoint.update.mutate({ dealId, point, version: current.version, status: 'confirmed', summary: `What we know about point ${point}` });
  }
}

describe('a hospital group buying an ERP, mapped step by step', () => {
  let dealId: number;
  const people: Record<string, { id: number; version: number }> = {};

  it('starts empty: nothing crossed, every relationship condition but key people failing, and the empty-deal flags', async () => {
    dealId = (await newDeal('St. Luke’s group ERP')).id;
    const h = await health(dealId);
    expect(h.coverage).toEqual({ influence: 0, headcount: 0, net: 0, opposition: 0, levels: { executive: null, management: null, staff: null } });
    expect(h.crossed).toBe(0);
    expect(h.status).toBe('critical'); // negotiate: information and relationships are due
    expect(h.thresholds.information.reasons).toEqual([
      'Only 0 of 9 information points are confirmed; 7 are needed.',
      'Point 2 — Procurement process and purchase focus — must be confirmed.',
      'Point 4 — Decision structure and each person’s influence — must be confirmed.',
      'Point 9 — Key success factors (top three) — must be confirmed.',
    ]);
    expect(h.thresholds.topDecisionMaker.reasons).toEqual(['No final decision-maker identified — find out who decides.']);
    // Nobody mapped at a level fails breadth with its own reason: the map has not looked for those people yet.
    expect(h.thresholds.relationships.reasons.slice(3)).toEqual([
      'Nobody at executive level is on the map yet — who signs off at the top?',
      'Nobody at management level is on the map yet — who runs the departments this touches?',
      'Nobody at staff level is on the map yet — who uses the system day to day?',
    ]);
    expect(h.flags.map((f) => f.code)).toEqual(['NO_DECISION_MAKER', 'NO_COACH', 'SINGLE_THREADED']);
  });

  it('computes coverage exactly as §4 as the buying group is mapped', async () => {
    people.ceo = await addPerson(dealId, { name: 'Dr. Ellen Park', title: 'Group CEO', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'neutral' });
    people.cfo = await addPerson(dealId, { name: 'Victor Hsu', title: 'CFO', level: 'executive', decisionRole: 'decision_maker', influence: 4, stance: 'supporter' });
    people.nursing = await addPerson(dealId, { name: 'Grace Obi', title: 'Director of Nursing', level: 'management', decisionRole: 'user', influence: 3, stance: 'skeptic' });
    people.clerk = await addPerson(dealId, { name: 'Tim Roe', title: 'Ward clerk', level: 'staff', decisionRole: 'user', influence: 1, stance: 'opponent' });
    people.cmio = await addPerson(dealId, { name: 'Dr. Rosa Diaz', title: 'Chief Medical Information Officer', level: 'management', influence: 4, stance: 'ally', isCoach: true });
    const h = await health(dealId);
    // W = 5+4+4+3+1 = 17; supportive = 4+4 = 8; net = (0 + 2 + 4 − 1.5 − 1)/17; opposing = 3+1 = 4
    expect(h.coverage.influence).toBeCloseTo(8 / 17, 12);
    expect(h.coverage.headcount).toBeCloseTo(2 / 5, 12);
    expect(h.coverage.net).toBeCloseTo(3.5 / 17, 12);
    expect(h.coverage.opposition).toBeCloseTo(4 / 17, 12);
    expect(h.coverage.levels).toEqual({ executive: true, management: true, staff: false });
    expect(h.thresholds.relationships.reasons).toEqual([
      '1 ally; at least 2 needed — turn supporters into people who actively help us win.',
      "Support coverage is 47% of the buying group's influence; 60% needed.",
      'No supporter at staff level yet — staff can quietly block a deal.',
    ]);
    // Dr. Diaz is a coach who has told us nothing yet.
    expect(h.flags.map((f) => f.code)).toEqual(['DECISION_MAKER_NOT_CONTACTED', 'COACH_SILENT']);
    expect(h.flags[1]).toMatchObject({ severity: 'medium', params: { names: 'Dr. Rosa Diaz', count: 1, days: 30 } });
  });

  it('hears from the coach: a point sourced from her ends COACH_SILENT and dates her last intelligence', async () => {
    const three = (await rep.trpc.deal.get.query({ id: dealId })).infoPoints.find((p) => p.point === 3)!;
    await rep.trpc.infoPoint.update.mutate({ dealId, point: 3, version: three.version, status: 'partial', summary: 'Nursing reports to the COO', sourceStakeholderId: people.cmio!.id });
    expect(await flagCodes(dealId)).toEqual(['DECISION_MAKER_NOT_CONTACTED']);
    const room = await rep.trpc.deal.get.query({ id: dealId });
    const coach = room.stakeholders.find((s) => s.id === people.cmio!.id)!;
    expect(coach).toMatchObject({ lastContactAt: null, lastIntelAt: server.clock.now.toISOString() });
    // The deal room's rows (read once for the room) and the bulk health reads (lists, review) score alike.
    expect(room.health).toEqual(await health(dealId));
  });

  it('crosses relationships once allies, coverage and the staff level are won', async () => {
    people.cfo = await rep.trpc.stakeholder.update.mutate({ id: people.cfo!.id, version: people.cfo!.version, stance: 'ally' });
    people.clerk = await rep.trpc.stakeholder.update.mutate({ id: people.clerk!.id, version: people.clerk!.version, stance: 'supporter' });
    const h = await health(dealId);
    // supportive = 4+4+1 = 9 of 17 = 53% — still short of 60%
    expect(h.thresholds.relationships.reasons).toEqual(["Support coverage is 53% of the buying group's influence; 60% needed."]);
    people.nursing = await rep.trpc.stakeholder.update.mutate({ id: people.nursing!.id, version: people.nursing!.version, stance: 'supporter' });
    const after = await health(dealId);
    expect(after.coverage.influence).toBeCloseTo(12 / 17, 12);
    expect(after.thresholds.relationships).toMatchObject({ passed: true, reasons: [] });
  });

  it('counts a note as no contact and a call as contact but no meeting with the top decision-maker', async () => {
    const at = server.clock.now.toISOString();
    await rep.trpc.activity.log.mutate({ dealId, kind: 'note', occurredAt: at, stakeholderIds: [people.ceo!.id], summary: 'Heard Dr. Park likes the roadmap' });
    let ceo = (await rep.trpc.deal.get.query({ id: dealId })).stakeholders.find((s) => s.id === people.ceo!.id)!;
    expect(ceo).toMatchObject({ lastContactAt: null, lastMetAt: null });
    await rep.trpc.activity.log.mutate({ dealId, kind: 'call', occurredAt: at, stakeholderIds: [people.ceo!.id], summary: 'Five minutes with Dr. Park on the phone' });
    ceo = (await rep.trpc.deal.get.query({ id: dealId })).stakeholders.find((s) => s.id === people.ceo!.id)!;
    expect(ceo).toMatchObject({ lastContactAt: at, lastMetAt: null });
    const h = await health(dealId);
    expect(h.thresholds.topDecisionMaker.details.map((d) => d.key)).toEqual(['reason.topDecisionMaker.neverMet', 'reason.topDecisionMaker.notSupportive']);
    expect(h.flags.map((f) => f.code)).toContain('DECISION_MAKER_NOT_CONTACTED');
  });

  it('engages the top decision-maker: an executive meeting and a supporter stance', async () => {
    await rep.trpc.activity.log.mutate({ dealId, kind: 'executive_meeting', occurredAt: server.clock.now.toISOString(), stakeholderIds: [people.ceo!.id], summary: 'Steering committee lunch with Dr. Park' });
    let h = await health(dealId);
    expect(h.thresholds.topDecisionMaker.reasons).toEqual(['Dr. Ellen Park, the final decision-maker, is not on our side yet (stance: Neutral).']);
    expect(h.flags.map((f) => f.code)).not.toContain('DECISION_MAKER_NOT_CONTACTED');
    people.ceo = await rep.trpc.stakeholder.update.mutate({ id: people.ceo!.id, version: people.ceo!.version, stance: 'supporter' });
    h = await health(dealId);
    expect(h.thresholds.topDecisionMaker.passed).toBe(true);
    expect(h.crossed).toBe(2);
    expect(h.status).toBe('at_risk'); // information is due at negotiate and still fails
  });

  it('crosses information at exactly seven confirmed points with 2, 4 and 9 among them', async () => {
    await confirmPoints(dealId, [1, 2, 3, 4, 5, 6]);
    expect((await health(dealId)).thresholds.information.reasons).toEqual([
      'Only 6 of 9 information points are confirmed; 7 are needed.',
      'Point 9 — Key success factors (top three) — must be confirmed.',
    ]);
    await confirmPoints(dealId, [9]);
    const h = await health(dealId);
    expect(h).toMatchObject({ crossed: 3, status: 'on_track', flags: [] });
  });

  it('loses them again as time passes: contact goes stale after 60 days, info after 30 and 90', async () => {
    await advance(61);
    let h = await health(dealId);
    expect(h.thresholds.topDecisionMaker.reasons).toEqual(['Dr. Ellen Park, the final decision-maker, was last met 61 days ago (limit 60) — arrange a meeting.']);
    // The coach's last intelligence (point 3) is 61 days old too.
    expect(h.flags.map((f) => f.code)).toEqual(['DECISION_MAKER_NOT_CONTACTED', 'COACH_SILENT', 'STALE_INFO']);
    await advance(30); // 91 days after the points were confirmed
    h = await health(dealId);
    expect(h.thresholds.information.passed).toBe(false);
    expect(h.thresholds.information.details[0]?.key).toBe('reason.information.tooFewWithStale');
    // Due at negotiate: information (lost) and relationships (held); the top decision-maker is due only at commit.
    expect(h.status).toBe('at_risk');
    // Verifying a point with the customer again clears STALE_INFO and brings it back into the count.
    const four = (await rep.trpc.deal.get.query({ id: dealId })).infoPoints.find((p) => p.point === 4)!;
    await rep.trpc.infoPoint.update.mutate({ dealId, point: 4, version: four.version, verifiedAt: server.clock.now.toISOString() });
    h = await health(dealId);
    expect(h.flags.map((f) => f.code)).not.toContain('STALE_INFO');
    expect(h.thresholds.information.reasons[0]).toContain('Only 1 of 9 information points is confirmed and current');
  });

  it('records every threshold crossed and lost in the event log, with the coverage snapshots', async () => {
    const history = await rep.trpc.history.get.query({ dealId });
    const changes = history.thresholdChanges.map((c) => `${c.threshold}:${c.passed ? 'crossed' : 'lost'}`);
    // Crossings happened on writes; losses to the passing of time are not writes, so they show when the next write comes.
    expect(changes).toEqual(expect.arrayContaining(['relationships:crossed', 'topDecisionMaker:crossed', 'information:crossed']));
    expect(history.snapshots.length).toBeGreaterThanOrEqual(5);
  });
});

describe('a bank’s core system: flags raised and cleared', () => {
  let dealId: number;
  let opponent: { id: number; version: number };
  let fdm: { id: number; version: number };

  it('raises KEY_OPPONENT for an opponent with influence ≥ 4 and clears it when they turn neutral', async () => {
    dealId = (await newDeal('Coastal Savings core banking', 'propose')).id;
    fdm = await addPerson(dealId, { name: 'Chairman Lo', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'ally', isCoach: false });
    await addPerson(dealId, { name: 'CIO Yip', level: 'executive', influence: 5, stance: 'ally', isCoach: true });
    opponent = await addPerson(dealId, { name: 'Head of Risk Fung', level: 'management', influence: 4, stance: 'opponent' });
    expect(await flagCodes(dealId)).toContain('KEY_OPPONENT');
    opponent = await rep.trpc.stakeholder.update.mutate({ id: opponent.id, version: opponent.version, stance: 'neutral' });
    expect(await flagCodes(dealId)).not.toContain('KEY_OPPONENT');
  });

  it('raises UNKNOWN_KEY_PEOPLE for a key person of unknown stance and clears it once known', async () => {
    const unknown = await addPerson(dealId, { name: 'COO Tam', level: 'executive', influence: 4 });
    expect(await flagCodes(dealId)).toContain('UNKNOWN_KEY_PEOPLE');
    await rep.trpc.stakeholder.update.mutate({ id: unknown.id, version: unknown.version, stance: 'supporter' });
    expect(await flagCodes(dealId)).not.toContain('UNKNOWN_KEY_PEOPLE');
  });

  it('raises COVERAGE_DROP when coverage falls by 0.1 within 14 days', async () => {
    const before = (await health(dealId)).coverage.influence; // (5+5+4)/18
    await advance(2);
    fdm = await rep.trpc.stakeholder.update.mutate({ id: fdm.id, version: fdm.version, stance: 'skeptic' });
    const h = await health(dealId);
    expect(before - h.coverage.influence).toBeCloseTo(5 / 18, 12);
    const drop = h.flags.find((f) => f.code === 'COVERAGE_DROP');
    // "from" is the best coverage of the last 14 days — 100% when only the chairman was mapped.
    expect(drop).toMatchObject({ severity: 'high', params: { from: 100, to: 50 } });
    await advance(15);
    expect(await flagCodes(dealId)).not.toContain('COVERAGE_DROP');
  });

  it('raises CLOSE_DATE_PASSED after the expected close date, and clears it when the date moves', async () => {
    const deal = (await rep.trpc.deal.get.query({ id: dealId })).deal;
    const moved = await rep.trpc.deal.update.mutate({ id: dealId, version: deal.version, closeDate: '2026-01-15' });
    expect(await flagCodes(dealId)).toContain('CLOSE_DATE_PASSED');
    await rep.trpc.deal.update.mutate({ id: dealId, version: moved.version, closeDate: '2027-06-30' });
    expect(await flagCodes(dealId)).not.toContain('CLOSE_DATE_PASSED');
  });

  it('carries no flags and status closed once the deal is won', async () => {
    const deal = (await rep.trpc.deal.get.query({ id: dealId })).deal;
    await rep.trpc.deal.update.mutate({ id: dealId, version: deal.version, stage: 'won' });
    expect(await health(dealId)).toMatchObject({ status: 'closed', flags: [] });
  });
});

describe('team settings', () => {
  it('a settings change flips a threshold at once, for every deal of the team', async () => {
    const dealId = (await newDeal('Harbourfront clinic network', 'propose')).id;
    await confirmPoints(dealId, [2, 4, 9]);
    expect((await health(dealId)).thresholds.information.passed).toBe(false);
    const current = await admin.trpc.settings.thresholds.query();
    await admin.trpc.settings.updateThresholds.mutate({ version: current.version, minConfirmed: 3 });
    const h = await health(dealId);
    expect(h.thresholds.information.passed).toBe(true);
    expect(h.status).toBe('on_track');
    const listed = (await rep.trpc.deal.list.query({})).items.find((deal) => deal.id === dealId);
    expect(listed?.health.thresholds.information.passed).toBe(true);
    // The crossing is recorded in the history right away, by the admin who changed the settings.
    const history = await rep.trpc.history.get.query({ dealId });
    expect(history.thresholdChanges[0]).toMatchObject({ threshold: 'information', passed: true });
    const restored = await admin.trpc.settings.thresholds.query();
    await admin.trpc.settings.updateThresholds.mutate({ version: restored.version, minConfirmed: 7 });
  });

  it('reads settings saved before coachSilentDays existed with its default, keeping the team’s own choices', async () => {
    const { teamId, version: _version, coachSilentDays: _days, ...older } = await admin.trpc.settings.thresholds.query();
    await sql(server, 'update team_settings set thresholds = ? where team_id = ? returning team_id', [JSON.stringify({ ...older, staleDays: 45 }), teamId]);
    expect(await admin.trpc.settings.thresholds.query()).toMatchObject({ staleDays: 45, coachSilentDays: 30 });
    // deal.get carries the same settings, so the client judges a stale point by the team's staleDays.
    const dealId = (await rep.trpc.deal.list.query({})).items[0]!.id;
    expect((await rep.trpc.deal.get.query({ id: dealId })).settings).toMatchObject({ staleDays: 45, coachSilentDays: 30 });
    const current = await admin.trpc.settings.thresholds.query();
    const saved = await admin.trpc.settings.updateThresholds.mutate({ version: current.version, coachSilentDays: 14, staleDays: 90 });
    expect(saved).toMatchObject({ coachSilentDays: 14, staleDays: 90 });
    for (const coachSilentDays of [0, 366, 1.5]) {
      await refuse(() => admin.mutate('settings.updateThresholds', { version: saved.version, coachSilentDays }), 'BAD_REQUEST', 'coachSilentDays');
    }
    await admin.trpc.settings.updateThresholds.mutate({ version: saved.version, coachSilentDays: 30 });
  });

  // PostgreSQL stores the thresholds as jsonb, which cannot hold anything but JSON; SQLite keeps text.
  it.skipIf(testEngine() === 'postgres')('reads stored thresholds that are not JSON as the defaults, never a 500, and saves over them', async () => {
    const { teamId } = await admin.trpc.settings.thresholds.query();
    await sql(server, 'update team_settings set thresholds = ? where team_id = ? returning team_id', ['{not json', teamId]);
    const current = await admin.trpc.settings.thresholds.query();
    expect(current).toMatchObject(DEFAULT_THRESHOLD_SETTINGS);
    const dealId = (await rep.trpc.deal.list.query({})).items[0]!.id;
    expect((await rep.trpc.deal.get.query({ id: dealId })).settings).toMatchObject(DEFAULT_THRESHOLD_SETTINGS);
    const saved = await admin.trpc.settings.updateThresholds.mutate({ version: current.version, staleDays: 60 });
    expect(saved).toMatchObject({ ...DEFAULT_THRESHOLD_SETTINGS, staleDays: 60 });
    await admin.trpc.settings.updateThresholds.mutate({ version: saved.version, staleDays: DEFAULT_THRESHOLD_SETTINGS.staleDays });
  });

  it('only an admin may change the thresholds', async () => {
    const manager = await loginAs(server, 'manager@demo.test');
    const current = await manager.trpc.settings.thresholds.query();
    for (const client of [manager, rep]) {
      const res = await client.mutate('settings.updateThresholds', { version: current.version, minConfirmed: 1 });
      expect(res.error?.code).toBe('FORBIDDEN');
    }
    expect((await admin.trpc.settings.thresholds.query()).minConfirmed).toBe(7);
  });
});
