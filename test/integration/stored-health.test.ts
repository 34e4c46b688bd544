/**
 * SPEC §13: lists read each deal's stored health and never score on read, so the stored
 * health must always be what scoring would say now. Property: after ANY sequence of the
 * writes that can move a health — people added, changed, renamed, leaving, removed;
 * meetings logged and deleted; points confirmed; stages moved, deals closed and reopened;
 * flags snoozed and woken; the team's settings; time passing with the hourly sweep — the
 * stored row of every deal equals a fresh computation at the same moment.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_ROLES, HEALTH_ATTENTION_ORDER, INFO_POINT_STATUSES, LEVELS, STAGES, STANCES } from '../../shared/domain';
import { addDays, isoDay } from '../../shared/dates';
import { writeTransaction } from '../../server/db/client';
import { healthForDeals, storeMissingHealth } from '../../server/services/health';
import { sweepHealth } from '../../server/services/healthSweep';
import { dealHealth, deals } from '../../server/db/tables';
import { loginAs, type ApiSession } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let rep: ApiSession;
let admin: ApiSession;

beforeAll(async () => {
  server = await startTestServer({ now: new Date('2026-03-02T09:00:00Z') });
  [rep, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'admin@demo.test')]);
});
afterAll(() => server.stop());

/** Two deals of one account share its contacts: a contact's change moves both. */
interface World {
  dealIds: [number, number];
}

const person = fc.record({
  deal: fc.integer({ min: 0, max: 1 }),
  level: fc.constantFrom(...LEVELS),
  decisionRole: fc.constantFrom(...DECISION_ROLES),
  influence: fc.integer({ min: 1, max: 5 }),
  stance: fc.constantFrom(...STANCES),
  isCoach: fc.boolean(),
});
const pick = fc.nat({ max: 20 });
const op = fc.oneof(
  person.map((p) => ({ kind: 'addPerson' as const, ...p })),
  fc.record({ kind: fc.constant('addSamePerson' as const), who: pick }),
  fc.record({
    kind: fc.constant('changePerson' as const),
    who: pick,
    patch: fc.oneof(
      fc.record({ stance: fc.constantFrom(...STANCES) }),
      fc.record({ influence: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ isCoach: fc.boolean() }),
      fc.record({ decisionRole: fc.constantFrom(...DECISION_ROLES) }),
      fc.record({ level: fc.constantFrom(...LEVELS) }),
      fc.record({ name: fc.constantFrom('Ana Ruiz', 'Chen Hao', 'Lena Park') }),
    ),
  }),
  fc.record({ kind: fc.constant('leaves' as const), who: pick, back: fc.boolean() }),
  fc.record({ kind: fc.constant('removePerson' as const), who: pick }),
  fc.record({ kind: fc.constant('meet' as const), deal: fc.integer({ min: 0, max: 1 }), who: pick, activity: fc.constantFrom('meeting', 'call', 'note', 'executive_meeting' as const), daysAgo: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ kind: fc.constant('unlog' as const), deal: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant('point' as const), deal: fc.integer({ min: 0, max: 1 }), point: fc.integer({ min: 1, max: 9 }), status: fc.constantFrom(...INFO_POINT_STATUSES), source: fc.option(pick) }),
  fc.record({ kind: fc.constant('stage' as const), deal: fc.integer({ min: 0, max: 1 }), stage: fc.constantFrom(...STAGES) }),
  fc.record({ kind: fc.constant('snooze' as const), deal: fc.integer({ min: 0, max: 1 }), wake: fc.boolean() }),
  fc.record({ kind: fc.constant('settings' as const), contactDays: fc.integer({ min: 7, max: 90 }), minAllies: fc.integer({ min: 0, max: 3 }), staleDays: fc.integer({ min: 30, max: 365 }) }),
  fc.record({ kind: fc.constant('time' as const), days: fc.integer({ min: 1, max: 40 }) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

let made = 0;
async function newWorld(): Promise<World> {
  made += 1;
  const account = await rep.trpc.account.create.mutate({ name: `Stored health ${made}` });
  const closeDate = isoDay(addDays(server.clock.now, 90));
  const a = await rep.trpc.deal.create.mutate({ accountId: account.id, name: `Renewal ${made}`, amount: 100_000, closeDate, stage: 'propose' });
  const b = await rep.trpc.deal.create.mutate({ accountId: account.id, name: `Expansion ${made}`, amount: 50_000, closeDate, stage: 'qualify' });
  return { dealIds: [a.id, b.id] };
}

/** The people of both deals, in a stable order, so `who` picks one deterministically. */
async function people(world: World) {
  const rooms = await Promise.all(world.dealIds.map((id) => rep.trpc.deal.get.query({ id })));
  return rooms.flatMap((room) => room.stakeholders).sort((x, y) => x.id - y.id);
}
const nth = <T,>(list: readonly T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

/** Apply one write through the API; a write the server refuses (a rule, a stale version) is part of the story too. */
async function apply(world: World, step: Op): Promise<void> {
  const dealId = (deal: number) => world.dealIds[deal]!;
  switch (step.kind) {
    case 'addPerson': {
      const { deal, kind: _k, ...fields } = step;
      await rep.mutate('stakeholder.add', { dealId: dealId(deal), name: `Person ${made}-${Math.random().toString(36).slice(2, 7)}`, ...fields });
      return;
    }
    case 'addSamePerson': {
      const someone = nth(await people(world), step.who);
      if (someone) await rep.mutate('stakeholder.add', { dealId: world.dealIds.find((id) => id !== someone.dealId)!, contactId: someone.contactId, decisionRole: 'influencer', influence: 3 });
      return;
    }
    case 'changePerson': {
      const someone = nth(await people(world), step.who);
      if (someone) await rep.mutate('stakeholder.update', { id: someone.id, version: someone.version, ...step.patch });
      return;
    }
    case 'leaves': {
      const someone = nth(await people(world), step.who);
      if (!someone) return;
      const contact = (await rep.trpc.contact.list.query({ accountId: (await rep.trpc.deal.get.query({ id: someone.dealId })).deal.accountId })).find((c) => c.id === someone.contactId)!;
      await rep.mutate('contact.update', { id: contact.id, version: contact.version, leftAt: step.back ? null : isoDay(server.clock.now) });
      return;
    }
    case 'removePerson': {
      const someone = nth(await people(world), step.who);
      if (someone) await rep.mutate('stakeholder.remove', { id: someone.id });
      return;
    }
    case 'meet': {
      const onDeal = (await people(world)).filter((p) => p.dealId === dealId(step.deal));
      const someone = nth(onDeal, step.who);
      const occurredAt = addDays(server.clock.now, -step.daysAgo).toISOString();
      await rep.mutate('activity.log', { dealId: dealId(step.deal), kind: step.activity, occurredAt, stakeholderIds: someone ? [someone.id] : [], summary: 'Met on site' });
      return;
    }
    case 'unlog': {
      const [latest] = await rep.trpc.activity.list.query({ dealId: dealId(step.deal) });
      if (latest) await rep.mutate('activity.remove', { id: latest.id });
      return;
    }
    case 'point': {
      const room = await rep.trpc.deal.get.query({ id: dealId(step.deal) });
      const point = room.infoPoints.find((p) => p.point === step.point)!;
      const source = step.source === null ? null : (nth(room.stakeholders, step.source)?.id ?? null);
      await rep.mutate('infoPoint.update', { dealId: room.deal.id, point: step.point, version: point.version, status: step.status, sourceStakeholderId: source, verifiedAt: step.status === 'confirmed' ? isoDay(server.clock.now) : null });
      return;
    }
    case 'stage': {
      const { deal } = await rep.trpc.deal.get.query({ id: dealId(step.deal) });
      const loss = step.stage === 'lost' ? { lossCause: 'price' as const } : {};
      await rep.mutate('deal.update', { id: deal.id, version: deal.version, stage: step.stage, ...loss });
      return;
    }
    case 'snooze': {
      const id = dealId(step.deal);
      if (step.wake) await rep.mutate('flag.unsnooze', { dealId: id, code: 'NO_COACH' });
      else await rep.mutate('flag.snooze', { dealId: id, code: 'NO_COACH', until: isoDay(addDays(server.clock.now, 10)), reason: 'Coach is on leave' });
      return;
    }
    case 'settings': {
      const current = await admin.trpc.settings.thresholds.query();
      const { kind: _k, ...patch } = step;
      await admin.mutate('settings.updateThresholds', { version: current.version, ...patch });
      return;
    }
    case 'time': {
      server.clock.now = addDays(server.clock.now, step.days);
      // What time alone changes reaches the stored health by the hourly sweep.
      await sweepHealth(server.database.db, server.clock.now);
      // Weeks later, the sessions have expired: sign in again, as the users would.
      [rep, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'admin@demo.test')]);
      return;
    }
  }
}

/** Every deal's stored row beside a fresh scoring of it, now. */
async function storedAndFresh() {
  const { db } = server.database;
  const all = await db.select({ id: deals.id, teamId: deals.teamId, stage: deals.stage, status: deals.status, closeDate: deals.closeDate, attention: deals.attention }).from(deals);
  const fresh = await healthForDeals(db, all, server.clock.now);
  const stored = new Map((await db.select().from(dealHealth)).map((row) => [row.dealId, row]));
  return all.map((deal) => {
    const health = JSON.parse(JSON.stringify(fresh.get(deal.id))) as NonNullable<ReturnType<typeof fresh.get>>;
    const row = stored.get(deal.id);
    return {
      deal: deal.id,
      // The deal's own copy of its health's rank (ADR 30), which the Review's order reads, is part of what is stored.
      stored: row && { status: row.status, attention: deal.attention, crossed: row.crossed, influence: row.influence, passed: [row.information, row.relationships, row.topDecisionMaker], health: row.health },
      fresh: {
        status: health.status,
        attention: HEALTH_ATTENTION_ORDER[health.status],
        crossed: health.crossed,
        influence: health.coverage.influence,
        passed: [health.thresholds.information.passed, health.thresholds.relationships.passed, health.thresholds.topDecisionMaker.passed],
        health,
      },
    };
  });
}

describe('stored health (SPEC §13)', () => {
  it('every deal of the seeded demo has its health stored, equal to a fresh scoring', async () => {
    const rows = await storedAndFresh();
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.stored, `deal ${row.deal}`).toEqual(row.fresh);
  });

  it('equals a fresh computation after any sequence of writes, for every deal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (steps) => {
        const world = await newWorld();
        for (const step of steps) await apply(world, step);
        for (const row of await storedAndFresh()) expect(row.stored, `deal ${row.deal} after ${JSON.stringify(steps)}`).toEqual(row.fresh);
      }),
      // Each run writes through the real server over HTTP: 30 stories of up to 8 writes.
      { numRuns: 30, endOnFailure: true },
    );
  });

  it('a database from before stored health gets it at the first start', async () => {
    const { db } = server.database;
    const before = await db.select().from(dealHealth);
    await writeTransaction(db, (tx) => tx.delete(dealHealth));
    expect(await storeMissingHealth(db, server.clock.now)).toBe(before.length);
    expect(await storeMissingHealth(db, server.clock.now)).toBe(0);
    for (const row of await storedAndFresh()) expect(row.stored, `deal ${row.deal}`).toEqual(row.fresh);
  });

  it('a database from before the deal kept its attention rank gets it from the stored health at start (ADR 30)', async () => {
    const { db } = server.database;
    await writeTransaction(db, (tx) => tx.update(deals).set({ attention: null }));
    expect(await storeMissingHealth(db, server.clock.now)).toBe(0);
    for (const row of await storedAndFresh()) expect(row.stored, `deal ${row.deal}`).toEqual(row.fresh);
  });
});
