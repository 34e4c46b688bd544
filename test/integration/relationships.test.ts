import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs, type RouterInputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, lastEvent, refusalCheck } from '../helpers/world';

type RelationshipAdd = RouterInputs['relationship']['add'];

describe('relationships on the influence map: relationship.add / remove', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let anonymous: ApiSession;
  let westManager: ApiSession;
  let dealId: number;
  let metroDealId: number;
  let metroPersonId: number;
  const id: Record<string, number> = {};

  const room = async () => await rep1.trpc.deal.get.query({ id: dealId });
  const idOf = (key: string) => {
    const found = id[key];
    if (found === undefined) throw new Error(`no stakeholder keyed ${key}`);
    return found;
  };
  const link = (from: string, to: string, kind: RelationshipAdd['kind'], extra: Partial<RelationshipAdd> = {}): RelationshipAdd => ({ dealId, fromStakeholderId: idOf(from), toStakeholderId: idOf(to), kind, ...extra });

  const refusedWithNothingWritten = refusalCheck(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, rep2, manager, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
    anonymous = new ApiSession(server.url);
    const west = await addOtherTeam(server);
    westManager = await loginAs(server, west.managerEmail);
    const deals = (await rep1.trpc.deal.list.query()).items;
    dealId = deals.find((deal) => deal.name === 'Core banking mainframe refresh')!.id;
    metroDealId = deals.find((deal) => deal.name === 'Line 9 CBTC signalling platform')!.id;
    const people: Record<string, string> = { ceo: 'Wang Jianguo', cio: 'Liu Fang', cfo: 'Zhao Min', coreit: 'Chen Hao', architect: 'Sun Li', retail: 'Xu Jing', dba: 'Guo Tao', buyer: 'He Jun' };
    const stakeholders = (await room()).stakeholders;
    for (const [key, name] of Object.entries(people)) id[key] = stakeholders.find((p) => p.name === name)!.id;
    const metroPerson = await rep1.trpc.stakeholder.add.mutate({ dealId: metroDealId, name: 'Metro CTO', level: 'executive', decisionRole: 'decision_maker', influence: 4, stance: 'neutral' });
    metroPersonId = metroPerson.id;
  });
  afterAll(() => server.stop());

  it('a rep connects two people on their deal; strength defaults to 2 and the event names both people', async () => {
    const res = await rep1.mutate('relationship.add', link('retail', 'cio', 'influences'));
    expectOk(res);
    expect(res.data).toMatchObject({ dealId, fromStakeholderId: id.retail, toStakeholderId: id.cio, kind: 'influences', strength: 2 });
    expect((await room()).relationships).toContainEqual(res.data);
    const event = await lastEvent(server);
    expect(event).toMatchObject({ kind: 'relationship.added', entity: 'relationship', entityId: res.data.id, dealId: dealId });
    expect(event.after).toMatchObject({ kind: 'influences', fromName: 'Xu Jing', toName: 'Liu Fang', strength: 2 });
  });

  it('the same influence twice is a CONFLICT carrying the existing edge; the opposite direction is a different fact', async () => {
    const first = await rep1.mutate('relationship.add', link('dba', 'buyer', 'influences', { strength: 3 }));
    expectOk(first);
    const res = await refusedWithNothingWritten(() => rep1.mutate('relationship.add', link('dba', 'buyer', 'influences', { strength: 1 })), 'CONFLICT');
    expect(res.error?.current).toEqual(first.data);
    const back = await rep1.mutate('relationship.add', link('buyer', 'dba', 'influences'));
    expectOk(back);
  });

  it.each(['allied', 'rivals'] as const)('%s goes both ways: B→A after A→B is the same pair, a CONFLICT', async (kind) => {
    const first = await rep1.mutate('relationship.add', link('cfo', 'retail', kind));
    expectOk(first);
    const res = await refusedWithNothingWritten(() => rep1.mutate('relationship.add', link('retail', 'cfo', kind)), 'CONFLICT');
    expect(res.error?.current).toEqual(first.data);
  });

  it('the seeded alliance of Core IT and the architect cannot be added again the other way round', async () => {
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', link('architect', 'coreit', 'allied')), 'CONFLICT');
  });

  it('two people can have several kinds of relationship at once', async () => {
    const res = await rep1.mutate('relationship.add', link('coreit', 'architect', 'influences', { strength: 1 }));
    expect(res.data).toMatchObject({ kind: 'influences', strength: 1 });
  });

  it('nobody has a relationship with themselves', async () => {
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', link('ceo', 'ceo', 'influences')), 'BAD_REQUEST', 'toStakeholderId');
  });

  it('both ends must be people of this deal, and the error names the end that is not', async () => {
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', { dealId, fromStakeholderId: metroPersonId, toStakeholderId: idOf('ceo'), kind: 'influences' }), 'BAD_REQUEST', 'fromStakeholderId');
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', { dealId, fromStakeholderId: idOf('ceo'), toStakeholderId: metroPersonId, kind: 'influences' }), 'BAD_REQUEST', 'toStakeholderId');
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', { dealId, fromStakeholderId: idOf('ceo'), toStakeholderId: 999_999, kind: 'allied' }), 'BAD_REQUEST', 'toStakeholderId');
  });

  it.each([
    ['kind', { kind: 'loves' }],
    ['strength', { strength: 0 }],
    ['strength', { strength: 4 }],
    ['strength', { strength: 1.5 }],
    ['fromStakeholderId', { fromStakeholderId: 'ceo' }],
    ['dealId', { dealId: null }],
  ])('bad input is refused naming %s, with nothing written (%j)', async (field, overrides) => {
    await refusedWithNothingWritten(() => rep1.raw.mutate('relationship.add', { ...link('cio', 'ceo', 'influences'), ...overrides }), 'BAD_REQUEST', field);
  });

  it('removing an edge deletes it and logs who it connected', async () => {
    const edge = (await room()).relationships.find((r) => r.fromStakeholderId === id.cfo && r.toStakeholderId === id.ceo)!;
    const res = await rep1.mutate('relationship.remove', { id: edge.id });
    expect(res.data).toEqual({ ok: true });
    expect((await room()).relationships.some((r) => r.id === edge.id)).toBe(false);
    const event = await lastEvent(server);
    expect(event).toMatchObject({ kind: 'relationship.removed', entityId: edge.id, dealId: dealId });
    expect(event.before).toMatchObject({ ...edge, fromName: 'Zhao Min', toName: 'Wang Jianguo' });
    await refusedWithNothingWritten(() => rep1.mutate('relationship.remove', { id: edge.id }), 'NOT_FOUND');
  });

  describe('who may connect people', () => {
    it('a rep cannot connect or disconnect people on another rep’s deal: NOT_FOUND', async () => {
      const edge = (await room()).relationships[0]!;
      await refusedWithNothingWritten(() => rep2.mutate('relationship.add', link('cio', 'cfo', 'rivals')), 'NOT_FOUND');
      await refusedWithNothingWritten(() => rep2.mutate('relationship.remove', { id: edge.id }), 'NOT_FOUND');
    });

    it('another team’s manager gets NOT_FOUND too', async () => {
      const edge = (await room()).relationships[0]!;
      await refusedWithNothingWritten(() => westManager.mutate('relationship.add', link('cio', 'cfo', 'rivals')), 'NOT_FOUND');
      await refusedWithNothingWritten(() => westManager.mutate('relationship.remove', { id: edge.id }), 'NOT_FOUND');
    });

    it('the team’s manager and an admin may connect and disconnect', async () => {
      for (const [client, kind] of [[manager, 'rivals'], [admin, 'allied']] as const) {
        const added = await client.mutate('relationship.add', link('cio', 'buyer', kind));
        expectOk(added);
        expect(await client.trpc.relationship.remove.mutate({ id: added.data.id })).toEqual({ ok: true });
      }
    });

    it('anonymous callers are UNAUTHORIZED', async () => {
      const edge = (await room()).relationships[0]!;
      await refusedWithNothingWritten(() => anonymous.mutate('relationship.add', link('cio', 'cfo', 'rivals')), 'UNAUTHORIZED');
      await refusedWithNothingWritten(() => anonymous.mutate('relationship.remove', { id: edge.id }), 'UNAUTHORIZED');
    });
  });
});
