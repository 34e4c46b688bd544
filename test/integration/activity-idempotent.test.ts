/**
 * SPEC §16: `activity.log` with a `clientId` is idempotent. A phone that lost its signal
 * mid-request resends the queued entry with the same key; the meeting is logged once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, loginAs, type ApiInput, type ApiSession, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { dbFingerprint, eventCount, refusalCheck, sql } from '../helpers/world';

type Deal = RouterOutputs['deal']['list']['items'][number];

describe('activity.log with a clientId (idempotent submissions)', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let manager: ApiSession;
  let deal: Deal;
  let otherDeal: Deal;
  let people: number[];
  const refused = refusalCheck(() => server);

  const meeting = (clientId?: string, dealId = deal.id): ApiInput<'activity.log'> => ({
    dealId,
    kind: 'meeting',
    occurredAt: '2026-11-30T09:30:00Z',
    stakeholderIds: dealId === deal.id ? people : [],
    summary: 'Site visit at the depot',
    ...(clientId === undefined ? {} : { clientId }),
  });

  const activitiesWith = async (clientId: string) =>
    (await sql<{ n: number }>(server, 'select cast(count(*) as integer) as n from activities where client_id = ?', [clientId]))[0]?.n;

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, manager] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'manager@demo.test')]);
    const me = await rep1.trpc.auth.me.query();
    const mine = (await rep1.trpc.deal.list.query()).items.filter((row) => row.ownerId === me?.user.id);
    const rooms = await Promise.all(mine.map((row) => rep1.trpc.deal.get.query({ id: row.id })));
    const mapped = rooms.findIndex((room) => room.stakeholders.length >= 2);
    expect(mapped).toBeGreaterThanOrEqual(0);
    deal = mine[mapped] as Deal;
    otherDeal = mine.find((row) => row.id !== deal.id) as Deal;
    people = rooms[mapped]!.stakeholders.slice(0, 2).map((person) => person.id);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the same key twice records one activity and one event, and answers both with it', async () => {
    const clientId = randomUUID();
    const events = await eventCount(server);
    const first = await rep1.mutate('activity.log', meeting(clientId));
    expectOk(first);
    expect(await eventCount(server)).toBe(events + 1);
    const fingerprint = await dbFingerprint(server);

    const again = await rep1.mutate('activity.log', meeting(clientId));
    expectOk(again);
    expect(again.data).toEqual(first.data);
    expect(again.data.stakeholderIds.toSorted()).toEqual(people.toSorted());
    expect(await dbFingerprint(server)).toEqual(fingerprint);
    expect(await activitiesWith(clientId)).toBe(1);
    const listed = await rep1.trpc.activity.list.query({ dealId: deal.id });
    expect(listed.filter((row) => row.id === first.data.id)).toHaveLength(1);
  });

  it('a double submit at the same moment logs the meeting once', async () => {
    const clientId = randomUUID();
    const events = await eventCount(server);
    const results = await Promise.all([1, 2, 3].map(() => rep1.mutate('activity.log', meeting(clientId))));
    for (const result of results) expectOk(result);
    expect(new Set(results.map((result) => result.data?.id)).size).toBe(1);
    expect(await activitiesWith(clientId)).toBe(1);
    expect(await eventCount(server)).toBe(events + 1);
  });

  it('entries without a key stay independent: two sends are two activities', async () => {
    const a = await rep1.mutate('activity.log', meeting());
    const b = await rep1.mutate('activity.log', meeting());
    expectOk(a);
    expectOk(b);
    expect(a.data.id).not.toBe(b.data.id);
  });

  it('the same key from another user is a CONFLICT, and nothing changes', async () => {
    const clientId = randomUUID();
    expectOk(await rep1.mutate('activity.log', meeting(clientId)));
    const { error } = await refused(() => manager.mutate('activity.log', meeting(clientId)), 'CONFLICT');
    expect(error.message).toContain('clientId');
    expect(await activitiesWith(clientId)).toBe(1);
  });

  it('the same key for another deal is a CONFLICT, and nothing changes', async () => {
    const clientId = randomUUID();
    expectOk(await rep1.mutate('activity.log', meeting(clientId)));
    await refused(() => rep1.mutate('activity.log', meeting(clientId, otherDeal.id)), 'CONFLICT');
    expect(await activitiesWith(clientId)).toBe(1);
  });

  it('a key that is not a UUID is BAD_REQUEST on clientId, and nothing changes', async () => {
    for (const clientId of ['not-a-uuid', '', 'x'.repeat(5000), '123e4567-e89b-12d3-a456-42661417400Z']) {
      await refused(() => rep1.raw.mutate('activity.log', meeting(clientId)), 'BAD_REQUEST', 'clientId');
    }
  });

  it('a retry still passes the access check: another team cannot read an activity by guessing its key', async () => {
    const clientId = randomUUID();
    expectOk(await rep1.mutate('activity.log', meeting(clientId)));
    const rep2 = await loginAs(server, 'rep2@demo.test');
    const res = await rep2.mutate('activity.log', meeting(clientId));
    expect(res.ok).toBe(false);
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(res.error?.code);
  });
});
