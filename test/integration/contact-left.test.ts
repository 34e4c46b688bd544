/**
 * A person leaves the customer (SPEC §10): contact.update {id, version, leftAt}. The
 * contact stays on every map, stops counting in coverage, raises CHAMPION_LEFT where they
 * were a coach or ally, and the stand-up of each of their open deals says so. Undo by
 * clearing leftAt. Over HTTP, on whichever engine the project runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDay } from '../../shared/dates';
import { ApiSession, expectOk, loginAs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, eventCount, refusalCheck, sql, type OtherTeam } from '../helpers/world';

interface LeftEvent {
  dealId: number | null;
  kind: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('contact.update with leftAt: a person leaves the customer, and comes back', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let west: OtherTeam;
  let westManager: ApiSession;
  let harbor: { id: number; accountId: number };
  let cardDealId: number;
  let coverageBefore: number;
  const refused = refusalCheck(() => server);

  const today = () => isoDay(server.clock.now);
  const contact = async (name: string) => (await rep1.trpc.contact.list.query({ accountId: harbor.accountId })).find((c) => c.name === name)!;
  const room = (id = harbor.id) => rep1.trpc.deal.get.query({ id });
  /** The contact's leaving events, oldest first, as stored (JSON sides parsed by the driver or here). */
  const leavingEvents = async (contactId: number, since: number): Promise<LeftEvent[]> => {
    const rows = await sql<{ deal_id: number | null; kind: string; before: unknown; after: unknown }>(
      server,
      `select deal_id, kind, before, after from events where entity = 'contact' and entity_id = ? and id > ? and kind in ('contact.left', 'contact.returned') order by id`,
      [contactId, since],
    );
    const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : (value as Record<string, unknown> | null));
    return rows.map((row) => ({ dealId: row.deal_id === null ? null : Number(row.deal_id), kind: row.kind, before: json(row.before), after: json(row.after) }));
  };
  const lastEventId = async () => Number((await sql<{ id: number | null }>(server, 'select max(id) as id from events'))[0]?.id ?? 0);

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, rep2, manager, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
    west = await addOtherTeam(server);
    westManager = await loginAs(server, west.managerEmail);
    harbor = (await rep1.trpc.deal.list.query()).items.find((deal) => deal.name === 'Core banking mainframe refresh')!;
    // Chen Hao is the coach and an ally on the main deal; on this second deal of the account he is only neutral.
    cardDealId = (await rep1.trpc.deal.create.mutate({ accountId: harbor.accountId, name: 'Harbor Bank card platform', amount: 900_000, closeDate: '2030-06-30' })).id;
    const chen = await contact('Chen Hao');
    await rep1.trpc.stakeholder.add.mutate({ dealId: cardDealId, contactId: chen.id, decisionRole: 'influencer', influence: 3, stance: 'neutral' });
    coverageBefore = (await room()).health.coverage.influence;
  });
  afterAll(() => server.stop());

  it('marks the coach as left: one version, one event per open deal naming where he was a champion, and the stand-up of each deal says so', async () => {
    const chen = await contact('Chen Hao');
    expect(chen.leftAt).toBeNull();
    const since = server.clock.now.toISOString();
    const mark = await lastEventId();
    const leftAt = isoDay(addDays(server.clock.now, -3));
    server.clock.now = new Date(server.clock.now.getTime() + 1000);

    const res = await rep1.mutate('contact.update', { id: chen.id, version: chen.version, leftAt });
    expectOk(res);
    expect(res.data).toMatchObject({ id: chen.id, name: 'Chen Hao', leftAt, version: chen.version + 1 });

    const logged = await leavingEvents(chen.id, mark);
    expect(logged.map((event) => event.dealId).sort((a, b) => a! - b!)).toEqual([harbor.id, cardDealId]);
    for (const event of logged) {
      expect(event.kind).toBe('contact.left');
      expect(event.before).toEqual({ name: 'Chen Hao', leftAt: null });
      expect(event.after).toEqual({ name: 'Chen Hao', leftAt, championOf: [harbor.id] });
    }

    const standup = await rep1.trpc.standup.changes.query({ since });
    const changesOf = (dealId: number) => standup.find((deal) => deal.dealId === dealId)?.changes.filter((change) => change.kind === 'championLeft' || change.kind === 'personLeft') ?? [];
    expect(changesOf(harbor.id)).toEqual([expect.objectContaining({ kind: 'championLeft', params: { name: 'Chen Hao', leftAt }, summary: `Champion lost: Chen Hao left the customer on ${leftAt}` })]);
    expect(changesOf(cardDealId)).toEqual([expect.objectContaining({ kind: 'personLeft', params: { name: 'Chen Hao', leftAt } })]);
  });

  it('keeps the person on the map, out of coverage, with CHAMPION_LEFT on the deal where he was the coach', async () => {
    const harborRoom = await room();
    const chen = harborRoom.stakeholders.find((person) => person.name === 'Chen Hao')!;
    expect(chen).toMatchObject({ leftAt: expect.any(String), isCoach: true, stance: 'ally' });
    expect(harborRoom.health.flags.map((flag) => flag.code)).toContain('CHAMPION_LEFT');
    // An ally of influence 4 no longer counts on our side: the support coverage drops.
    expect(harborRoom.health.coverage.influence).toBeLessThan(coverageBefore);
    // He is neutral on the card deal: nobody there was a champion.
    expect((await room(cardDealId)).health.flags.map((flag) => flag.code)).not.toContain('CHAMPION_LEFT');
  });

  it('refuses a stale version with CONFLICT and the current record, writing nothing', async () => {
    const chen = await contact('Chen Hao');
    const stale = await refused(() => rep1.mutate('contact.update', { id: chen.id, version: chen.version - 1, leftAt: null }), 'CONFLICT');
    expect(stale.error.current).toMatchObject({ id: chen.id, leftAt: chen.leftAt, version: chen.version });
  });

  it('refuses a day in the future, a day that does not exist and anything not a date, naming leftAt and writing nothing', async () => {
    const li = await contact('Lin Xiaoyu');
    const dayAfterTomorrow = isoDay(addDays(server.clock.now, 2));
    await refused(() => rep1.mutate('contact.update', { id: li.id, version: li.version, leftAt: dayAfterTomorrow }), 'BAD_REQUEST', 'leftAt');
    for (const leftAt of ['2026-02-30', '30/01/2026', '2026-1-5', '1969-12-31', '', 'yesterday', 20260105, true]) {
      await refused(() => rep1.raw.mutate('contact.update', { id: li.id, version: li.version, leftAt }), 'BAD_REQUEST', 'leftAt');
    }
    expect((await contact('Lin Xiaoyu')).leftAt).toBeNull();
  });

  it('takes today (and tomorrow in UTC, which is today east of it) as the day they left', async () => {
    const li = await contact('Lin Xiaoyu');
    const res = await manager.mutate('contact.update', { id: li.id, version: li.version, leftAt: today() });
    expectOk(res);
    expect(res.data.leftAt).toBe(today());
    const tomorrow = isoDay(addDays(server.clock.now, 1));
    const moved = await manager.mutate('contact.update', { id: li.id, version: res.data.version, leftAt: tomorrow });
    expectOk(moved);
    const [corrected] = (await leavingEvents(li.id, 0)).slice(-1);
    // A corrected day is logged with the day it replaces, and the stand-up does not report a second leaving.
    expect(corrected).toMatchObject({ kind: 'contact.left', before: { name: 'Lin Xiaoyu', leftAt: today() }, after: { leftAt: tomorrow } });
  });

  it('undo: clearing leftAt brings the person back, logs contact.returned, and the flag goes', async () => {
    const chen = await contact('Chen Hao');
    const mark = await lastEventId();
    const res = await rep1.mutate('contact.update', { id: chen.id, version: chen.version, leftAt: null });
    expectOk(res);
    expect(res.data).toMatchObject({ leftAt: null, version: chen.version + 1 });
    const logged = await leavingEvents(chen.id, mark);
    expect(logged.map((event) => [event.kind, event.dealId]).sort()).toEqual([
      ['contact.returned', harbor.id],
      ['contact.returned', cardDealId],
    ].sort());
    expect(logged[0]!.before).toEqual({ name: 'Chen Hao', leftAt: chen.leftAt });
    expect((await room()).health.flags.map((flag) => flag.code)).not.toContain('CHAMPION_LEFT');

    // Clearing it again changes nothing: same version, no event.
    const count = await eventCount(server);
    const again = await rep1.mutate('contact.update', { id: chen.id, version: res.data.version, leftAt: null });
    expectOk(again);
    expect(again.data.version).toBe(res.data.version);
    expect(await eventCount(server)).toBe(count);
  });

  it('logs a person on no open deal once, on the account', async () => {
    const [loner] = await sql<{ id: number }>(server, `insert into contacts (account_id, name, level) values (?, 'Ye Qing', 'staff') returning id`, [harbor.accountId]);
    const mark = await lastEventId();
    const res = await rep1.mutate('contact.update', { id: Number(loner!.id), version: 1, leftAt: today() });
    expectOk(res);
    expect(await leavingEvents(Number(loner!.id), mark)).toEqual([{ dealId: null, kind: 'contact.left', before: { name: 'Ye Qing', leftAt: null }, after: { name: 'Ye Qing', leftAt: today(), championOf: [] } }]);
  });

  it('access as for any contact edit: whoever sees the account and admins; a rep with no deal there and another team’s manager are told it does not exist', async () => {
    // rep2 has no deal at Harbor Bank and does not manage it (docs/decisions/0029): NOT_FOUND, until rep1 brings them onto a deal there.
    const ma = await contact('Ma Qiang');
    await refused(() => rep2.mutate('contact.update', { id: ma.id, version: ma.version, leftAt: today() }), 'NOT_FOUND');
    const rep2Id = (await manager.trpc.user.list.query()).find((user) => user.email === 'rep2@demo.test')!.id;
    await rep1.trpc.deal.addMember.mutate({ dealId: cardDealId, userId: rep2Id });
    for (const [client, name] of [
      [rep2, 'Ma Qiang'],
      [admin, 'Guo Tao'],
    ] as const) {
      const person = await contact(name);
      const res = await client.mutate('contact.update', { id: person.id, version: person.version, leftAt: today() });
      expectOk(res);
      expectOk(await client.mutate('contact.update', { id: person.id, version: res.data.version, leftAt: null }));
    }
    const he = await contact('He Jun');
    await refused(() => westManager.mutate('contact.update', { id: he.id, version: he.version, leftAt: today() }), 'NOT_FOUND');
    await refused(() => new ApiSession(server.url).mutate('contact.update', { id: he.id, version: he.version, leftAt: today() }), 'UNAUTHORIZED');
    // …and the other team's own contacts stay out of this team's reach just the same.
    await refused(() => rep1.mutate('contact.update', { id: 999_999, version: 1, leftAt: today() }), 'NOT_FOUND');
  });
});
