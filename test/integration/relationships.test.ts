import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loginAs, startTestServer, type TestServer, type TrpcResponse } from '../helpers/server';
import { addOtherTeam, lastEvent, expectRefusedWithNothingWritten } from '../helpers/world';

interface Relationship {
  id: number;
  dealId: number;
  fromStakeholderId: number;
  toStakeholderId: number;
  kind: string;
  strength: number;
}
interface Room {
  stakeholders: { id: number; name: string }[];
  relationships: Relationship[];
}

describe('relationships on the influence map: relationship.add / remove', () => {
  let server: TestServer;
  let rep1: ApiClient;
  let rep2: ApiClient;
  let manager: ApiClient;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let westManager: ApiClient;
  let dealId: number;
  let metroDealId: number;
  let metroPersonId: number;
  const id: Record<string, number> = {};

  const room = async () => (await rep1.query<Room>('deal.get', { id: dealId })).data;
  const parse = (text: string | null) => (text === null ? null : JSON.parse(text));
  const link = (from: string, to: string, kind: string, extra: Record<string, unknown> = {}) => ({ dealId, fromStakeholderId: id[from], toStakeholderId: id[to], kind, ...extra });

  const refusedWithNothingWritten = (write: () => Promise<TrpcResponse>, code: string | string[], field?: string) => expectRefusedWithNothingWritten(server, write, code, field);

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, rep2, manager, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
    anonymous = new ApiClient(server.url);
    const west = await addOtherTeam(server);
    westManager = await loginAs(server, west.managerEmail);
    const deals = (await rep1.query<{ id: number; name: string }[]>('deal.list')).data;
    dealId = deals.find((deal) => deal.name === 'Core banking mainframe refresh')!.id;
    metroDealId = deals.find((deal) => deal.name === 'Line 9 CBTC signalling platform')!.id;
    const people: Record<string, string> = { ceo: 'Wang Jianguo', cio: 'Liu Fang', cfo: 'Zhao Min', coreit: 'Chen Hao', architect: 'Sun Li', retail: 'Xu Jing', dba: 'Guo Tao', buyer: 'He Jun' };
    const stakeholders = (await room()).stakeholders;
    for (const [key, name] of Object.entries(people)) id[key] = stakeholders.find((p) => p.name === name)!.id;
    const metroPerson = await rep1.mutate<{ id: number }>('stakeholder.add', { dealId: metroDealId, name: 'Metro CTO', level: 'executive', decisionRole: 'decision_maker', influence: 4, stance: 'neutral' });
    metroPersonId = metroPerson.data.id;
  });
  afterAll(() => server.stop());

  it('a rep connects two people on their deal; strength defaults to 2 and the event names both people', async () => {
    const res = await rep1.mutate<Relationship>('relationship.add', link('retail', 'cio', 'influences'));
    expect(res.error).toBeUndefined();
    expect(res.data).toMatchObject({ dealId, fromStakeholderId: id.retail, toStakeholderId: id.cio, kind: 'influences', strength: 2 });
    expect((await room()).relationships).toContainEqual(res.data);
    const event = lastEvent(server);
    expect(event).toMatchObject({ kind: 'relationship.added', entity: 'relationship', entity_id: res.data.id, deal_id: dealId });
    expect(parse(event.after)).toMatchObject({ kind: 'influences', fromName: 'Xu Jing', toName: 'Liu Fang', strength: 2 });
  });

  it('the same influence twice is a CONFLICT carrying the existing edge; the opposite direction is a different fact', async () => {
    const first = await rep1.mutate<Relationship>('relationship.add', link('dba', 'buyer', 'influences', { strength: 3 }));
    const res = await refusedWithNothingWritten(() => rep1.mutate('relationship.add', link('dba', 'buyer', 'influences', { strength: 1 })), 'CONFLICT');
    expect(res.error?.data.current).toEqual(first.data);
    const back = await rep1.mutate<Relationship>('relationship.add', link('buyer', 'dba', 'influences'));
    expect(back.error).toBeUndefined();
  });

  it.each(['allied', 'rivals'])('%s goes both ways: B→A after A→B is the same pair, a CONFLICT', async (kind) => {
    const first = await rep1.mutate<Relationship>('relationship.add', link('cfo', 'retail', kind));
    expect(first.error).toBeUndefined();
    const res = await refusedWithNothingWritten(() => rep1.mutate('relationship.add', link('retail', 'cfo', kind)), 'CONFLICT');
    expect(res.error?.data.current).toEqual(first.data);
  });

  it('the seeded alliance of Core IT and the architect cannot be added again the other way round', async () => {
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', link('architect', 'coreit', 'allied')), 'CONFLICT');
  });

  it('two people can have several kinds of relationship at once', async () => {
    const res = await rep1.mutate<Relationship>('relationship.add', link('coreit', 'architect', 'influences', { strength: 1 }));
    expect(res.data).toMatchObject({ kind: 'influences', strength: 1 });
  });

  it('nobody has a relationship with themselves', async () => {
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', link('ceo', 'ceo', 'influences')), 'BAD_REQUEST', 'toStakeholderId');
  });

  it('both ends must be people of this deal, and the error names the end that is not', async () => {
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', { dealId, fromStakeholderId: metroPersonId, toStakeholderId: id.ceo, kind: 'influences' }), 'BAD_REQUEST', 'fromStakeholderId');
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', { dealId, fromStakeholderId: id.ceo, toStakeholderId: metroPersonId, kind: 'influences' }), 'BAD_REQUEST', 'toStakeholderId');
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', { dealId, fromStakeholderId: id.ceo, toStakeholderId: 999_999, kind: 'allied' }), 'BAD_REQUEST', 'toStakeholderId');
  });

  it.each([
    ['kind', { kind: 'loves' }],
    ['strength', { strength: 0 }],
    ['strength', { strength: 4 }],
    ['strength', { strength: 1.5 }],
    ['fromStakeholderId', { fromStakeholderId: 'ceo' }],
    ['dealId', { dealId: null }],
  ])('bad input is refused naming %s, with nothing written (%j)', async (field, overrides) => {
    await refusedWithNothingWritten(() => rep1.mutate('relationship.add', { ...link('cio', 'ceo', 'influences'), ...overrides }), 'BAD_REQUEST', field);
  });

  it('removing an edge deletes it and logs who it connected', async () => {
    const edge = (await room()).relationships.find((r) => r.fromStakeholderId === id.cfo && r.toStakeholderId === id.ceo)!;
    const res = await rep1.mutate('relationship.remove', { id: edge.id });
    expect(res.data).toEqual({ ok: true });
    expect((await room()).relationships.some((r) => r.id === edge.id)).toBe(false);
    const event = lastEvent(server);
    expect(event).toMatchObject({ kind: 'relationship.removed', entity_id: edge.id, deal_id: dealId });
    expect(parse(event.before)).toMatchObject({ ...edge, fromName: 'Zhao Min', toName: 'Wang Jianguo' });
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
        const added = await client.mutate<Relationship>('relationship.add', link('cio', 'buyer', kind));
        expect(added.error).toBeUndefined();
        expect((await client.mutate('relationship.remove', { id: added.data.id })).data).toEqual({ ok: true });
      }
    });

    it('anonymous callers are UNAUTHORIZED', async () => {
      const edge = (await room()).relationships[0]!;
      await refusedWithNothingWritten(() => anonymous.mutate('relationship.add', link('cio', 'cfo', 'rivals')), 'UNAUTHORIZED');
      await refusedWithNothingWritten(() => anonymous.mutate('relationship.remove', { id: edge.id }), 'UNAUTHORIZED');
    });
  });
});
