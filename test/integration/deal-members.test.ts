import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, loginAs, type ApiSession } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, lastEvent, type OtherTeam, refusalCheck } from '../helpers/world';

describe('deal team members (SPEC §7: a rep sees and edits deals they were added to)', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let west: OtherTeam;
  let ids: Record<'rep1' | 'rep2' | 'manager' | 'admin', number>;
  let westRepId: number;
  let harborId: number;

  const members = async (client = rep1, dealId = harborId) => await client.trpc.deal.members.query({ dealId });
  const dealNames = async (client: ApiSession) => (await client.trpc.deal.list.query()).items.map((d) => d.name);

  const refusedWithNothingWritten = refusalCheck(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, rep2, manager, admin] = await Promise.all([
      loginAs(server, 'rep1@demo.test'),
      loginAs(server, 'rep2@demo.test'),
      loginAs(server, 'manager@demo.test'),
      loginAs(server, 'admin@demo.test'),
    ]);
    west = await addOtherTeam(server);
    const team = await admin.trpc.user.list.query({ includeInactive: true });
    const idOf = (email: string) => {
      const user = team.find((u) => u.email === email);
      if (!user) throw new Error(`no user ${email}`);
      return user.id;
    };
    ids = { rep1: idOf('rep1@demo.test'), rep2: idOf('rep2@demo.test'), manager: idOf('manager@demo.test'), admin: idOf('admin@demo.test') };
    westRepId = idOf(west.repEmail);
    const harbor = (await rep1.trpc.deal.list.query()).items.find((d) => d.name === 'Core banking mainframe refresh');
    if (!harbor) throw new Error('the demo seed has no Harbor Bank deal');
    harborId = harbor.id;
  });
  afterAll(() => server.stop());

  it('a deal starts with no team members, and rep2 cannot see rep1’s deal', async () => {
    expect(await members()).toEqual([]);
    expect(await dealNames(rep2)).not.toContain('Core banking mainframe refresh');
    expect((await rep2.query('deal.get', { id: harborId })).error?.code).toBe('NOT_FOUND');
  });

  it('rep2 cannot add themselves to rep1’s deal: the deal stays hidden', async () => {
    await refusedWithNothingWritten(() => rep2.mutate('deal.addMember', { dealId: harborId, userId: ids.rep2 }), 'NOT_FOUND');
    await refusedWithNothingWritten(() => rep2.query('deal.members', { dealId: harborId }), 'NOT_FOUND');
  });

  it('rep1 adds rep2; rep2 now sees the deal and edits it', async () => {
    const res = await rep1.mutate('deal.addMember', { dealId: harborId, userId: ids.rep2 });
    expect(res.data).toMatchObject({ userId: ids.rep2, name: 'Sam Patel', role: 'rep' });
    const event = await lastEvent(server);
    expect(event).toMatchObject({ kind: 'deal.memberAdded', dealId: harborId, entityId: ids.rep2, actorId: ids.rep1 });
    expect(event.after).toEqual({ userId: ids.rep2, name: 'Sam Patel' });

    expect(await members()).toEqual([{ userId: ids.rep2, name: 'Sam Patel', role: 'rep', active: true }]);
    expect(await members(rep2)).toHaveLength(1);
    expect(await dealNames(rep2)).toContain('Core banking mainframe refresh');
    const room = await rep2.query('deal.get', { id: harborId });
    expectOk(room);
    const point = room.data.infoPoints.find((p) => p.point === 7);
    if (!point) throw new Error('deal.get lists no information point 7');
    const edit = await rep2.mutate('infoPoint.update', { dealId: harborId, point: 7, version: point.version, summary: 'Our pre-sales team can lend two architects' });
    expectOk(edit);
  });

  it('adding someone already on the deal is a CONFLICT; the owner cannot be added', async () => {
    await refusedWithNothingWritten(() => rep1.mutate('deal.addMember', { dealId: harborId, userId: ids.rep2 }), 'CONFLICT', 'userId');
    await refusedWithNothingWritten(() => manager.mutate('deal.addMember', { dealId: harborId, userId: ids.rep1 }), 'BAD_REQUEST', 'userId');
  });

  it('only active users of the deal’s team may join: another team’s user, an unknown id or bad input are BAD_REQUEST', async () => {
    await refusedWithNothingWritten(() => rep1.mutate('deal.addMember', { dealId: harborId, userId: westRepId }), 'BAD_REQUEST', 'userId');
    await refusedWithNothingWritten(() => admin.mutate('deal.addMember', { dealId: harborId, userId: westRepId }), 'BAD_REQUEST', 'userId');
    await refusedWithNothingWritten(() => rep1.mutate('deal.addMember', { dealId: harborId, userId: 99999 }), 'BAD_REQUEST', 'userId');
    await refusedWithNothingWritten(() => rep1.raw.mutate('deal.addMember', { dealId: harborId, userId: 'rep2' }), 'BAD_REQUEST', 'userId');
    await refusedWithNothingWritten(() => rep1.mutate('deal.addMember', { dealId: 0, userId: ids.rep2 }), 'BAD_REQUEST', 'dealId');
    await refusedWithNothingWritten(() => rep1.raw.mutate('deal.removeMember', { dealId: harborId }), 'BAD_REQUEST', 'userId');
  });

  it('an inactive user cannot join a deal', async () => {
    const created = await admin.trpc.user.create.mutate({ email: 'leaver@demo.test', name: 'Leaver', role: 'rep', password: 'temporary-pass-2031' });
    await admin.trpc.user.update.mutate({ id: created.id, version: created.version, active: false });
    await refusedWithNothingWritten(() => rep1.mutate('deal.addMember', { dealId: harborId, userId: created.id }), 'BAD_REQUEST', 'userId');
  });

  it('the other team’s manager can neither see nor change the deal team', async () => {
    const westManager = await loginAs(server, west.managerEmail);
    await refusedWithNothingWritten(() => westManager.query('deal.members', { dealId: harborId }), 'NOT_FOUND');
    await refusedWithNothingWritten(() => westManager.mutate('deal.removeMember', { dealId: harborId, userId: ids.rep2 }), 'NOT_FOUND');
  });

  it('removing rep2 takes their access away again', async () => {
    const res = await rep1.mutate('deal.removeMember', { dealId: harborId, userId: ids.rep2 });
    expect(res.data).toEqual({ ok: true });
    const event = await lastEvent(server);
    expect(event).toMatchObject({ kind: 'deal.memberRemoved', dealId: harborId, entityId: ids.rep2 });
    expect(event.before).toEqual({ userId: ids.rep2, name: 'Sam Patel' });
    expect(await members()).toEqual([]);
    expect(await dealNames(rep2)).not.toContain('Core banking mainframe refresh');
    expect((await rep2.query('deal.get', { id: harborId })).error?.code).toBe('NOT_FOUND');
    expect((await rep2.mutate('infoPoint.update', { dealId: harborId, point: 7, version: 2, summary: 'Sneaky edit' })).error?.code).toBe('NOT_FOUND');
    // Removing someone who is not on the deal changes nothing.
    await refusedWithNothingWritten(() => rep1.mutate('deal.removeMember', { dealId: harborId, userId: ids.rep2 }), 'NOT_FOUND');
  });

  it('the team’s manager and an admin may add members to a rep’s deal', async () => {
    expectOk(await manager.mutate('deal.addMember', { dealId: harborId, userId: ids.rep2 }));
    expect(await lastEvent(server)).toMatchObject({ kind: 'deal.memberAdded', actorId: ids.manager });
    expectOk(await admin.mutate('deal.addMember', { dealId: harborId, userId: ids.manager }));
    expect((await members()).map((m) => m.name)).toEqual(['Morgan Li', 'Sam Patel']);
    expect(await dealNames(rep2)).toContain('Core banking mainframe refresh');
  });
});
