import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, ApiSession, loginAs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, lastEvent, type OtherTeam, refusalCheck } from '../helpers/world';

describe('external allies (外部联盟): non-competing suppliers on an account', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let anonymous: ApiSession;
  let west: OtherTeam;
  let westRep: ApiSession;
  let metroAccountId: number;

  const list = async (client = rep1, accountId = metroAccountId) => await client.trpc.externalAlly.list.query({ accountId });
  const network = { accountId: 0, name: 'BlueWave Networks', offering: 'Branch network and SD-WAN', contribution: 'Introduced us to the CIO’s office; shares the IT budget calendar', contactName: 'Karen Wu', contactInfo: 'karen.wu@bluewave.example' };

  const refusedWithNothingWritten = refusalCheck(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, rep2, manager, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
    anonymous = new ApiSession(server.url);
    west = await addOtherTeam(server);
    westRep = await loginAs(server, west.repEmail);
    metroAccountId = (await rep1.trpc.deal.list.query()).items.find((deal) => deal.name === 'Line 9 CBTC signalling platform')!.accountId;
    network.accountId = metroAccountId;
  });
  afterAll(() => server.stop());

  it('an account starts with no external allies', async () => {
    expect(await list()).toEqual([]);
  });

  it('a rep adds a supplier who sells to the same account, and the team sees it', async () => {
    const res = await rep1.mutate('externalAlly.add', network);
    expectOk(res);
    expect(res.data).toMatchObject({ ...network, version: 1 });
    expect(await list(manager)).toEqual([res.data]);
    const event = await lastEvent(server);
    expect(event).toMatchObject({ kind: 'externalAlly.added', entity: 'externalAlly', entityId: res.data.id, dealId: null });
    expect(event.after).toMatchObject({ name: 'BlueWave Networks', accountName: 'Riverside Metro Group' });
  });

  it('only a name is required; empty contact details are stored as none', async () => {
    const res = await rep1.mutate('externalAlly.add', { accountId: metroAccountId, name: 'Greenleaf Facilities', contactName: '' });
    expect(res.data).toMatchObject({ name: 'Greenleaf Facilities', offering: '', contribution: '', contactName: null, contactInfo: null });
  });

  it('editing changes only what changed, with a version check, logged as a diff', async () => {
    const ally = (await list()).find((a) => a.name === 'BlueWave Networks')!;
    const res = await rep1.mutate('externalAlly.update', { id: ally.id, version: ally.version, contribution: 'Joint proposal for the branch refresh', name: ally.name });
    expect({ ...res.data, updatedAt: ally.updatedAt }).toEqual({ ...ally, contribution: 'Joint proposal for the branch refresh', version: ally.version + 1 });
    const event = await lastEvent(server);
    expect(event.kind).toBe('externalAlly.updated');
    expect(event.before).toEqual({ name: 'BlueWave Networks', accountId: metroAccountId, accountName: 'Riverside Metro Group', contribution: ally.contribution });
    expect(event.after).toEqual({ name: 'BlueWave Networks', accountId: metroAccountId, accountName: 'Riverside Metro Group', contribution: 'Joint proposal for the branch refresh' });
  });

  it('a stale version is refused with CONFLICT and the current record', async () => {
    const ally = (await list()).find((a) => a.name === 'BlueWave Networks')!;
    await manager.mutate('externalAlly.update', { id: ally.id, version: ally.version, contactName: 'Karen Wu (VP Sales)' });
    const res = await refusedWithNothingWritten(() => rep1.mutate('externalAlly.update', { id: ally.id, version: ally.version, contactName: 'Someone else' }), 'CONFLICT');
    expect(res.error?.current).toMatchObject({ id: ally.id, contactName: 'Karen Wu (VP Sales)', version: ally.version + 1 });
  });

  it.each([
    ['name', { name: '' }],
    ['name', { name: 'x'.repeat(201) }],
    ['offering', { offering: 'x'.repeat(2001) }],
    ['contactInfo', { contactInfo: 42 }],
    ['accountId', { accountId: 'harbor' }],
  ])('bad input is refused naming %s, with nothing written (%j)', async (field, overrides) => {
    await refusedWithNothingWritten(() => rep1.raw.mutate('externalAlly.add', { ...network, ...overrides }), 'BAD_REQUEST', field);
  });

  it('an account that does not exist is NOT_FOUND', async () => {
    await refusedWithNothingWritten(() => rep1.mutate('externalAlly.add', { ...network, accountId: 999_999 }), 'NOT_FOUND');
  });

  it('removing an ally deletes it and keeps the whole record in the event log', async () => {
    const ally = (await list()).find((a) => a.name === 'Greenleaf Facilities')!;
    expect(await rep1.trpc.externalAlly.remove.mutate({ id: ally.id })).toEqual({ ok: true });
    expect((await list()).some((a) => a.id === ally.id)).toBe(false);
    const event = await lastEvent(server);
    expect(event.kind).toBe('externalAlly.removed');
    expect(event.before).toMatchObject({ ...ally, accountName: 'Riverside Metro Group' });
    await refusedWithNothingWritten(() => rep1.mutate('externalAlly.remove', { id: ally.id }), 'NOT_FOUND');
  });

  describe('who may keep an account’s external allies', () => {
    it('whoever sees the account: a rep on one of its deals (not only its owner), the manager and an admin; a rep with no deal there does not see it (0029)', async () => {
      // rep2 has no deal at Riverside Metro and does not manage it: the account does not exist for them…
      await refusedWithNothingWritten(() => rep2.mutate('externalAlly.add', { accountId: metroAccountId, name: 'Rep2 ally' }), 'NOT_FOUND');
      // …until rep1 brings them onto the Line 9 deal.
      const line9 = (await rep1.trpc.deal.list.query()).items.find((deal) => deal.name === 'Line 9 CBTC signalling platform')!;
      const rep2Id = (await manager.trpc.user.list.query()).find((user) => user.email === 'rep2@demo.test')!.id;
      await rep1.trpc.deal.addMember.mutate({ dealId: line9.id, userId: rep2Id });
      for (const [client, name] of [[rep2, 'Rep2 ally'], [manager, 'Manager ally'], [admin, 'Admin ally']] as const) {
        const added = await client.mutate('externalAlly.add', { accountId: metroAccountId, name });
        expectOk(added);
        const updated = await client.trpc.externalAlly.update.mutate({ id: added.data.id, version: added.data.version, offering: 'Printers' });
        expect(updated.offering).toBe('Printers');
        expect(await client.trpc.externalAlly.remove.mutate({ id: added.data.id })).toEqual({ ok: true });
      }
    });

    it('another team cannot see or touch them: NOT_FOUND', async () => {
      const ally = (await list())[0]!;
      expect((await westRep.query('externalAlly.list', { accountId: metroAccountId })).error?.code).toBe('NOT_FOUND');
      await refusedWithNothingWritten(() => westRep.mutate('externalAlly.add', network), 'NOT_FOUND');
      await refusedWithNothingWritten(() => westRep.mutate('externalAlly.update', { id: ally.id, version: ally.version, name: 'Hijacked' }), 'NOT_FOUND');
      await refusedWithNothingWritten(() => westRep.mutate('externalAlly.remove', { id: ally.id }), 'NOT_FOUND');
      // …and they keep their own account's allies to themselves.
      const own = await westRep.mutate('externalAlly.add', { accountId: west.accountId, name: 'West supplier' });
      expectOk(own);
      expect((await rep1.query('externalAlly.list', { accountId: west.accountId })).error?.code).toBe('NOT_FOUND');
    });

    it('anonymous callers are UNAUTHORIZED', async () => {
      const ally = (await list())[0]!;
      expect((await anonymous.query('externalAlly.list', { accountId: metroAccountId })).error?.code).toBe('UNAUTHORIZED');
      await refusedWithNothingWritten(() => anonymous.mutate('externalAlly.add', network), 'UNAUTHORIZED');
      await refusedWithNothingWritten(() => anonymous.mutate('externalAlly.update', { id: ally.id, version: ally.version, name: 'x' }), 'UNAUTHORIZED');
      await refusedWithNothingWritten(() => anonymous.mutate('externalAlly.remove', { id: ally.id }), 'UNAUTHORIZED');
    });
  });
});
