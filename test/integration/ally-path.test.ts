import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs, type RouterInputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, refusalCheck, sql } from '../helpers/world';

type NewPerson = Omit<RouterInputs['stakeholder']['add'], 'dealId'>;

describe('the ally path to the final decision-maker: deal.allyPath', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let westManager: ApiSession;
  let dealId: number;
  const id: Record<string, number> = {};
  const contactId: Record<string, number> = {};

  const refused = refusalCheck(() => server);
  const paths = async (session = rep1) => {
    const res = await session.query('deal.allyPath', { id: dealId });
    expectOk(res);
    return res.data;
  };
  const person = async (key: string, fields: NewPerson, reportsTo?: string) => {
    const added = await rep1.trpc.stakeholder.add.mutate({ dealId, ...fields, ...(reportsTo ? { reportsToContactId: contactId[reportsTo] } : {}) });
    id[key] = added.id;
    contactId[key] = added.contactId;
  };
  const link = (from: string, to: string, kind: 'influences' | 'allied' | 'rivals') =>
    rep1.trpc.relationship.add.mutate({ dealId, fromStakeholderId: id[from]!, toStakeholderId: id[to]!, kind });

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, rep2, manager, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
    westManager = await loginAs(server, (await addOtherTeam(server)).managerEmail);
    // A fresh buying group, built the way a rep builds it: CEO ← CIO ← head of IT (our coach).
    const account = await rep1.trpc.account.create.mutate({ name: 'Harbour City Savings Bank' });
    dealId = (await rep1.trpc.deal.create.mutate({ accountId: account.id, name: 'Branch teller platform', amount: 420_000, closeDate: '2031-03-31' })).id;
    await person('ceo', { name: 'Tan Mei', title: 'Chief Executive Officer', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'neutral' });
    await person('chair', { name: 'Ong Boon', title: 'Board Chair', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'unknown' });
    await person('cio', { name: 'Lim Wei', title: 'Chief Information Officer', level: 'executive', decisionRole: 'decision_maker', influence: 4, stance: 'neutral' }, 'ceo');
    await person('headIt', { name: 'Goh Shan', title: 'Head of IT', level: 'management', decisionRole: 'influencer', influence: 3, stance: 'supporter', isCoach: true }, 'cio');
    await person('risk', { name: 'Yeo Han', title: 'Head of Risk', level: 'management', decisionRole: 'evaluator', influence: 4, stance: 'opponent' });
    await person('ops', { name: 'Koh Lin', title: 'Branch Operations Lead', level: 'staff', decisionRole: 'user', influence: 2, stance: 'ally' });
  });
  afterAll(() => server.stop());

  it('walks from the coach up the reporting lines to the CEO, and names the chair as unreachable', async () => {
    expect(await paths()).toEqual({ paths: [{ toStakeholderId: id.ceo, steps: [id.headIt, id.cio, id.ceo] }], unreachable: [id.chair] });
  });

  it('answers the deal owner, the team manager and an admin alike', async () => {
    const expected = await paths(rep1);
    expect(await paths(manager)).toEqual(expected);
    expect(await paths(admin)).toEqual(expected);
  });

  it('never goes through a rival or an opponent, but takes an ally’s influence when there is one', async () => {
    await link('ops', 'chair', 'rivals');
    await link('ops', 'risk', 'allied');
    await link('risk', 'chair', 'influences');
    expect((await paths()).unreachable).toEqual([id.chair]);
    // The chair influences the ally (drawn the other way): the edge is walked backwards.
    await link('chair', 'ops', 'influences');
    expect(await paths()).toEqual({
      paths: [
        { toStakeholderId: id.ceo, steps: [id.headIt, id.cio, id.ceo] },
        { toStakeholderId: id.chair, steps: [id.ops, id.chair] },
      ],
      unreachable: [],
    });
  });

  it('a decision-maker who turns ally is a one-step path', async () => {
    const ceo = (await rep1.trpc.deal.get.query({ id: dealId })).stakeholders.find((s) => s.id === id.ceo)!;
    const turned = await rep1.trpc.stakeholder.update.mutate({ id: ceo.id, version: ceo.version, stance: 'ally' });
    expect((await paths()).paths[0]).toEqual({ toStakeholderId: id.ceo, steps: [id.ceo] });
    await rep1.trpc.stakeholder.update.mutate({ id: ceo.id, version: turned.version, stance: 'neutral' });
    expect((await paths()).paths[0]?.steps).toEqual([id.headIt, id.cio, id.ceo]);
  });

  it('drops people who left the customer from every chain', async () => {
    // Set directly, as the path must honour left_at however it was recorded.
    await sql(server, 'update contacts set left_at = ? where id = ? returning id', ['2025-06-30', contactId.cio]);
    try {
      expect((await paths()).unreachable).toEqual([id.ceo]);
    } finally {
      await sql(server, 'update contacts set left_at = null where id = ? returning id', [contactId.cio]);
    }
    expect((await paths()).unreachable).toEqual([]);
  });

  it('shows the demo deal’s way to its CEO through the CIO', async () => {
    const demo = (await rep1.trpc.deal.list.query()).items.find((d) => d.name === 'Core banking mainframe refresh')!;
    const room = await rep1.trpc.deal.get.query({ id: demo.id });
    const name = (stakeholderId: number | undefined) => room.stakeholders.find((s) => s.id === stakeholderId)?.name;
    const [path] = (await rep1.trpc.deal.allyPath.query({ id: demo.id })).paths;
    expect(name(path?.toStakeholderId)).toBe('Wang Jianguo');
    expect(path?.steps.slice(-2).map(name)).toEqual(['Liu Fang', 'Wang Jianguo']);
  });

  it('hides the deal from a rep who is not on it and from another team, as deal.get does', async () => {
    for (const outsider of [rep2, westManager]) {
      const res = await outsider.query('deal.allyPath', { id: dealId });
      expect(res.error?.code).toBe('NOT_FOUND');
    }
    expect((await new ApiSession(server.url).query('deal.allyPath', { id: dealId })).error?.code).toBe('UNAUTHORIZED');
  });

  it.each([
    ['no id', {}],
    ['an id of zero', { id: 0 }],
    ['a text id', { id: 'seven' }],
    ['a fractional id', { id: 1.5 }],
    ['an unknown key', { id: 1, dealId: 1 }],
  ])('refuses %s with BAD_REQUEST and changes nothing', async (_, input) => {
    await refused(() => rep1.raw.query('deal.allyPath', input), 'BAD_REQUEST');
  });

  it('a deal that does not exist is NOT_FOUND', async () => {
    await refused(() => rep1.query('deal.allyPath', { id: 987_654 }), 'NOT_FOUND');
  });
});
