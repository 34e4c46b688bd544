/**
 * SPEC §9: bad input anywhere gets a clear error and changes nothing. Each case
 * breaks one field of an otherwise valid input and expects 400 BAD_REQUEST
 * naming that field, with every table exactly as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../server/trpc/router';
import { ApiSession, loginAs, type RawResponse } from '../helpers/api';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { dbFingerprint, expectRefusedWithNothingWritten } from '../helpers/world';

type Input = Record<string, unknown>;
type Breakage = [description: string, field: string, breakInput: (valid: Input) => unknown];

const without = (field: string) => (valid: Input) => {
  const copy = { ...valid };
  delete copy[field];
  return copy;
};
const set = (field: string, value: unknown) => (valid: Input) => ({ ...valid, [field]: value });
/** A required field smuggled in through `__proto__` must not count as given (nor pollute anything). */
const viaProto = (field: string) => (valid: Input) => {
  // Built as text: an object literal's `__proto__` would set the prototype instead of sending the key.
  const rest = JSON.stringify(without(field)(valid));
  return JSON.parse(`{"__proto__": ${JSON.stringify({ [field]: valid[field] })}${rest === '{}' ? '}' : `, ${rest.slice(1)}`}`) as unknown;
};

/** The same kinds of damage, applied to a text field of each family. */
function textBreakages(field: string, max: number, required: boolean): Breakage[] {
  return [
    ...(required ? ([[`missing ${field}`, field, without(field)], [`blank ${field}`, field, set(field, '   ')], [`${field} via __proto__`, field, viaProto(field)]] as Breakage[]) : []),
    [`${field} as a number`, field, set(field, 42)],
    [`${field} as an object (extra nesting)`, field, set(field, { [field]: 'nested' })],
    [`${field} as an array`, field, set(field, ['a'])],
    [`${field} one character too long`, field, set(field, 'x'.repeat(max + 1))],
    [`${field} with a NUL character`, field, set(field, 'Harbor\u0000Bank')],
    [`${field} with an escape sequence`, field, set(field, 'Red \u001b[31malert')],
  ];
}

function idBreakages(field: string): Breakage[] {
  return [
    [`missing ${field}`, field, without(field)],
    [`${field} as a string`, field, set(field, '1')],
    [`${field} zero`, field, set(field, 0)],
    [`${field} negative`, field, set(field, -5)],
    [`${field} fractional`, field, set(field, 1.5)],
    [`${field} beyond the safe integers`, field, set(field, 2 ** 60)],
    [`${field} null`, field, set(field, null)],
  ];
}

interface Family {
  path: string;
  as: 'rep1' | 'admin' | 'anonymous';
  valid: (ids: Ids) => Input;
  breakages: Breakage[];
}

interface Ids {
  accountId: number;
  dealId: number;
  dealVersion: number;
  stakeholderIds: [number, number];
  nextStepId: number;
  factorIds: number[];
  settingsVersion: number;
}

const FAMILIES: Family[] = [
  {
    path: 'auth.login',
    as: 'anonymous',
    valid: () => ({ email: 'rep1@demo.test', password: 'whatever' }),
    breakages: [
      ['missing email', 'email', without('email')],
      ['email that is not an email', 'email', set('email', 'rep1')],
      ['password as a number', 'password', set('password', 12345)],
      ['password too long', 'password', set('password', 'x'.repeat(201))],
    ],
  },
  {
    path: 'account.create',
    as: 'rep1',
    valid: () => ({ name: 'Valid Co', industry: 'Energy', tier: 'A', phase: 'establish', strategicValue: 3, creditStanding: null, productFit: 5, centralPurchasing: true }),
    breakages: [
      ...textBreakages('name', 200, true),
      ...textBreakages('industry', 100, false),
      ['unknown tier', 'tier', set('tier', 'D')],
      ['unknown phase', 'phase', set('phase', 'courtship')],
      ['rating below 1', 'strategicValue', set('strategicValue', 0)],
      ['rating above 5', 'productFit', set('productFit', 6)],
      ['fractional rating', 'creditStanding', set('creditStanding', 2.5)],
      ['central purchasing not a boolean', 'centralPurchasing', set('centralPurchasing', 'yes')],
      // The manual purchase pattern of wave 1 is gone: the pattern is derived from won deals (SPEC §11).
      ['the manual purchase pattern', 'purchasePattern', set('purchasePattern', 'recurring')],
    ],
  },
  {
    path: 'deal.create',
    as: 'rep1',
    valid: (ids) => ({ accountId: ids.accountId, name: 'Valid deal', amount: 100, closeDate: '2031-01-31', stage: 'qualify', currency: 'USD' }),
    breakages: [
      ...idBreakages('accountId'),
      ...textBreakages('name', 200, true),
      ['missing amount', 'amount', without('amount')],
      ['amount as a string', 'amount', set('amount', '100')],
      ['negative amount', 'amount', set('amount', -1)],
      ['absurd amount', 'amount', set('amount', 1e15)],
      ['close date that does not exist', 'closeDate', set('closeDate', '2031-02-30')],
      ['close date in another format', 'closeDate', set('closeDate', '31/01/2031')],
      ['close date as a number', 'closeDate', set('closeDate', 20310131)],
      ['unknown stage', 'stage', set('stage', 'closed_won')],
      ['unknown currency', 'currency', set('currency', 'BTC')],
      ['ownerId as an object', 'ownerId', set('ownerId', { id: 1 })],
    ],
  },
  {
    path: 'deal.update',
    as: 'rep1',
    valid: (ids) => ({ id: ids.dealId, version: ids.dealVersion, name: 'Renamed', stage: 'propose' }),
    breakages: [...idBreakages('id'), ...idBreakages('version'), ...textBreakages('name', 200, false), ['unknown stage', 'stage', set('stage', 'WON')], ['loss reason too long', 'lossReason', set('lossReason', 'x'.repeat(1001))]],
  },
  {
    path: 'infoPoint.update',
    as: 'rep1',
    valid: (ids) => ({ dealId: ids.dealId, point: 2, version: 1, status: 'partial', summary: 'Tender in May' }),
    breakages: [
      ['point 0', 'point', set('point', 0)],
      ['point 10', 'point', set('point', 10)],
      ['point as a string', 'point', set('point', '2')],
      ['unknown status', 'status', set('status', 'certain')],
      ...textBreakages('summary', 4000, false),
      ['verifiedAt that is not a date', 'verifiedAt', set('verifiedAt', 'yesterday')],
      ['sourceStakeholderId as a string', 'sourceStakeholderId', set('sourceStakeholderId', 'Wang')],
    ],
  },
  {
    path: 'nextStep.add',
    as: 'rep1',
    valid: (ids) => ({ dealId: ids.dealId, title: 'Reference visit', owner: 'Riley', dueDate: '2031-01-01' }),
    breakages: [...idBreakages('dealId'), ...textBreakages('title', 300, true), ...textBreakages('owner', 120, false), ['due date that does not exist', 'dueDate', set('dueDate', '2031-13-01')]],
  },
  {
    path: 'nextStep.update',
    as: 'rep1',
    valid: (ids) => ({ id: ids.nextStepId, version: 1, done: true }),
    breakages: [['done as a string', 'done', set('done', 'yes')], ['done as a number', 'done', set('done', 1)], ...idBreakages('version')],
  },
  {
    path: 'competitor.add',
    as: 'rep1',
    valid: (ids) => ({ dealId: ids.dealId, name: 'Titan Systems', strengths: 'Incumbent', favouredByStakeholderIds: [] }),
    breakages: [
      ...textBreakages('name', 200, true),
      ...textBreakages('strengths', 2000, false),
      ['favouredBy as a single id', 'favouredByStakeholderIds', set('favouredByStakeholderIds', 1)],
      ['favouredBy with a string id', 'favouredByStakeholderIds.0', set('favouredByStakeholderIds', ['1'])],
      ['favouredBy with 201 ids', 'favouredByStakeholderIds', set('favouredByStakeholderIds', Array.from({ length: 201 }, (_, i) => i + 1))],
    ],
  },
  {
    path: 'successFactor.reorder',
    as: 'rep1',
    valid: (ids) => ({ dealId: ids.dealId, orderedIds: ids.factorIds }),
    breakages: [
      ['an empty order', 'orderedIds', set('orderedIds', [])],
      ['an order of objects', 'orderedIds.0', set('orderedIds', [{ id: 1 }])],
      ['an order as an object', 'orderedIds', set('orderedIds', { 0: 1 })],
    ],
  },
  {
    path: 'activity.log',
    as: 'rep1',
    valid: (ids) => ({ dealId: ids.dealId, kind: 'meeting', occurredAt: '2024-03-01T09:00:00Z', stakeholderIds: [ids.stakeholderIds[0]], summary: 'Steering committee' }),
    breakages: [
      ['unknown kind', 'kind', set('kind', 'lunch')],
      ['occurredAt without an offset', 'occurredAt', set('occurredAt', '2024-03-01T09:00:00')],
      ['occurredAt as a timestamp', 'occurredAt', set('occurredAt', 1709283600000)],
      ['stakeholderIds missing', 'stakeholderIds', without('stakeholderIds')],
      ...textBreakages('summary', 4000, true),
    ],
  },
  {
    path: 'stakeholder.add',
    as: 'rep1',
    valid: (ids) => ({ dealId: ids.dealId, name: 'Wu Lei', level: 'staff', decisionRole: 'user', influence: 2, stance: 'neutral' }),
    breakages: [
      ['influence 0', 'influence', set('influence', 0)],
      ['influence 6', 'influence', set('influence', 6)],
      ['influence 2.5', 'influence', set('influence', 2.5)],
      ['unknown decision role', 'decisionRole', set('decisionRole', 'boss')],
      ['unknown stance', 'stance', set('stance', 'friendly')],
      ['unknown level', 'level', set('level', 'c_suite')],
      ['isCoach as a string', 'isCoach', set('isCoach', 'true')],
      ['map position beyond the canvas', 'positionX', set('positionX', 1e9)],
      ...textBreakages('name', 200, false),
    ],
  },
  {
    path: 'relationship.add',
    as: 'rep1',
    valid: (ids) => ({ dealId: ids.dealId, fromStakeholderId: ids.stakeholderIds[0], toStakeholderId: ids.stakeholderIds[1], kind: 'influences', strength: 2 }),
    breakages: [
      ['unknown kind', 'kind', set('kind', 'hates')],
      ['strength 4', 'strength', set('strength', 4)],
      ['a relationship with oneself', 'toStakeholderId', (valid) => ({ ...valid, toStakeholderId: valid.fromStakeholderId })],
      ...idBreakages('fromStakeholderId'),
    ],
  },
  {
    path: 'settings.updateThresholds',
    as: 'admin',
    valid: (ids) => ({ version: ids.settingsVersion, minConfirmed: 6, minCoverage: 0.5 }),
    breakages: [
      ['minCoverage above 1', 'minCoverage', set('minCoverage', 1.5)],
      ['minConfirmed above nine', 'minConfirmed', set('minConfirmed', 10)],
      ['requiredPoints with point 10', 'requiredPoints.0', set('requiredPoints', [10])],
      ['requiredPoints repeating a point', 'requiredPoints', set('requiredPoints', [2, 2])],
      ['an unknown stage expectation (nested)', 'stageExpectations.information', set('stageExpectations', { information: 'won', relationships: 'negotiate', topDecisionMaker: 'commit' })],
      ['missing version', 'version', without('version')],
    ],
  },
  // Key accounts (SPEC §11).
  {
    path: 'account.update',
    as: 'rep1',
    valid: (ids) => ({ id: ids.accountId, version: 1, tier: 'B', reason: 'Orders fell two years running', productFit: 3 }),
    breakages: [
      ...idBreakages('id'),
      ['tier without a reason', 'reason', without('reason')],
      ...textBreakages('reason', 500, false),
      ['rating above 5', 'productFit', set('productFit', 6)],
      ['unknown phase', 'phase', set('phase', 'honeymoon')],
      ['a manual purchase pattern', 'purchasePattern', set('purchasePattern', 'recurring')],
    ],
  },
  {
    path: 'complaint.add',
    as: 'rep1',
    valid: (ids) => ({ accountId: ids.accountId, summary: 'Invoice sent twice', severity: 'low' }),
    breakages: [
      ...idBreakages('accountId'),
      ...textBreakages('summary', 4000, true),
      ['unknown severity', 'severity', set('severity', 'urgent')],
      ['openedAt not an instant', 'openedAt', set('openedAt', 'yesterday')],
    ],
  },
  {
    path: 'activity.log',
    as: 'rep1',
    valid: (ids) => ({ accountId: ids.accountId, contactIds: [], kind: 'call', occurredAt: '2024-03-01T09:00:00Z', summary: 'Account-level call' }),
    breakages: [
      ...idBreakages('accountId').filter(([description]) => !description.startsWith('missing')),
      ['contactIds missing with an account', 'contactIds', without('contactIds')],
      ['stakeholderIds with an account', 'stakeholderIds', set('stakeholderIds', [])],
      ['contactIds not a list', 'contactIds', set('contactIds', 5)],
    ],
  },
  {
    path: 'settings.updateAccountSettings',
    as: 'admin',
    valid: () => ({ version: 1, silentDays: 45 }),
    breakages: [
      ['silentDays zero', 'silentDays', set('silentDays', 0)],
      ['a negative weight', 'weights.value', set('weights', { value: -1, recurrence: 1, growth: 1, strategic: 1, credit: 1, fit: 1, centralPurchasing: 1 })],
      ['a weight missing', 'weights.fit', set('weights', { value: 1, recurrence: 1, growth: 1, strategic: 1, credit: 1, centralPurchasing: 1 })],
      ['cut-off above 1', 'tierCutoffs.A', set('tierCutoffs', { A: 1.5, B: 0.3 })],
      ['a rate for an unknown currency', 'exchangeRates.XYZ', set('exchangeRates', { XYZ: 2 })],
      ['unknown base currency', 'baseCurrency', set('baseCurrency', 'BTC')],
    ],
  },
  {
    path: 'deal.list',
    as: 'rep1',
    valid: () => ({ stage: 'propose' }),
    breakages: [
      ['unknown stage filter', 'stage', set('stage', 'bogus')],
      ['unknown status filter', 'status', set('status', 'pending')],
    ],
  },
];

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' } }>;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('bad input', () => {
  let server: TestServer;
  let clients: Record<Family['as'], ApiSession>;
  let ids: Ids;

  // Broken input on purpose: the raw client is the only one that lets it through.
  const call = (as: Family['as'], path: string, input: unknown): Promise<RawResponse> =>
    procedures[path]?._def.type === 'query' ? clients[as].raw.query(path, input) : clients[as].raw.mutate(path, input);

  beforeAll(async () => {
    server = await startTestServer();
    const [rep1, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'admin@demo.test')]);
    clients = { rep1, admin, anonymous: new ApiSession(server.url) };
    const harbor = (await rep1.trpc.deal.list.query()).items.find((d) => d.name === 'Core banking mainframe refresh')!;
    const room = await rep1.trpc.deal.get.query({ id: harbor.id });
    const step = await rep1.trpc.nextStep.add.mutate({ dealId: harbor.id, title: 'Step to break' });
    const factors = (await rep1.trpc.deal.get.query({ id: harbor.id })).successFactors.map((f) => f.id);
    const settings = await admin.trpc.settings.thresholds.query();
    ids = {
      accountId: harbor.accountId,
      dealId: harbor.id,
      dealVersion: harbor.version,
      stakeholderIds: [room.stakeholders[0]!.id, room.stakeholders[1]!.id],
      nextStepId: step.id,
      factorIds: factors,
      settingsVersion: settings.version,
    };
  });
  afterAll(() => server.stop());

  for (const family of FAMILIES) {
    describe(family.path, () => {
      for (const [description, field, breakInput] of family.breakages) {
        it(`${description} → 400 naming ${field}, nothing written`, async () => {
          const before = await dbFingerprint(server);
          const res = await call(family.as, family.path, breakInput(family.valid(ids)));
          expect(res.status, res.error?.message).toBe(400);
          expect(res.error?.code).toBe('BAD_REQUEST');
          expect(res.error?.message).toMatch(new RegExp(`(^|; )${escapeRegExp(field)}: `));
          expect(res.error?.fields).toContain(field);
          expect(await dbFingerprint(server)).toEqual(before);
        });
      }
    });
  }

  it('no request body pollutes Object.prototype', async () => {
    const body = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "name": "Proto Co"}';
    const res = await clients.rep1.raw.fetch('/trpc/account.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBeLessThan(500);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('inputs that are not objects at all are refused', async () => {
    for (const input of [null, [], 'deal', 42, true]) {
      const before = await dbFingerprint(server);
      const res = await clients.rep1.raw.mutate('deal.create', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.error?.code).toBe('BAD_REQUEST');
      expect(await dbFingerprint(server)).toEqual(before);
    }
  });

  it('malformed JSON is a 400, in a body or in a query string', async () => {
    const post = await clients.rep1.raw.fetch('/trpc/account.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": "Broken' });
    expect(post.status).toBe(400);
    expect(post.error?.code).toBe('BAD_REQUEST');
    const get = await clients.rep1.raw.fetch('/trpc/deal.list?input=%7Bnot-json');
    expect(get.status).toBe(400);
    expect(get.error?.code).toBe('BAD_REQUEST');
  });

  it('a misspelled or unknown field is refused by name instead of silently ignored', async () => {
    const room = await clients.rep1.trpc.deal.get.query({ id: ids.dealId });
    await expectRefusedWithNothingWritten(server, () => clients.rep1.raw.mutate('deal.update', { id: ids.dealId, version: room.deal.version, stauts: 'won' }), 'BAD_REQUEST', 'stauts');
    await expectRefusedWithNothingWritten(
      server,
      () => clients.admin.raw.mutate('settings.updateThresholds', { version: 1, stageExpectations: { information: 'propose', relationships: 'negotiate', topDecisionMaker: 'commit', extra: 'x' } }),
      'BAD_REQUEST',
      'stageExpectations.extra',
    );
  });

  it('SQL in a valid string is stored verbatim and does nothing else', async () => {
    const sql = `Robert'); DROP TABLE deals; -- " OR 1=1 /*`;
    const account = await clients.rep1.trpc.account.create.mutate({ name: sql, industry: `'; DELETE FROM users; --` });
    expect(account.name).toBe(sql);
    const deal = await clients.rep1.trpc.deal.create.mutate({ accountId: account.id, name: `x' UNION SELECT password_hash FROM users --`, amount: 1, closeDate: '2031-01-01' });
    expect(deal.name).toBe(`x' UNION SELECT password_hash FROM users --`);
    const step = await clients.rep1.trpc.nextStep.add.mutate({ dealId: deal.id, title: `%' OR '%'='` });
    expect(step.title).toBe(`%' OR '%'='`);
    const accounts = await clients.rep1.trpc.account.list.query();
    expect(accounts.find((a) => a.id === account.id)).toMatchObject({ name: sql, industry: `'; DELETE FROM users; --` });
    expect((await clients.admin.trpc.user.list.query()).length).toBe(4);
    expect((await clients.rep1.trpc.deal.list.query()).items.length).toBeGreaterThan(1);
  });

  it('line breaks and tabs are allowed in text; Unicode is kept as sent', async () => {
    const summary = 'CEO: yes\n\tCFO: not yet — 资金已到位 ✅';
    const res = await clients.rep1.trpc.activity.log.mutate({ dealId: ids.dealId, kind: 'note', occurredAt: '2024-03-01T09:00:00Z', stakeholderIds: [], summary });
    expect(res.summary).toBe(summary);
  });

  it('a body over 1 MB is refused with 413 and a JSON error, and nothing is written', async () => {
    const before = await dbFingerprint(server);
    const res = await clients.rep1.mutate('account.create', { name: 'Big', industry: 'x'.repeat(1_100_000) });
    expect(res.error?.httpStatus).toBe(413);
    expect(res.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await dbFingerprint(server)).toEqual(before);
  });

  it('a batch larger than 20 calls is refused; a batch of 20 is served', async () => {
    const paths = (n: number) => Array.from({ length: n }, () => 'auth.me').join(',');
    const tooMany = await clients.rep1.raw.fetch(`/trpc/${paths(21)}?batch=1`);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toMatch(/Batch call exceeds maximum size/);
    const fine = await clients.rep1.raw.fetch(`/trpc/${paths(20)}?batch=1`);
    expect(fine.status).toBe(200);
    expect(fine.body).toHaveLength(20);

    const before = await dbFingerprint(server);
    const inputs = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [i, { name: `Batch ${i}` }]));
    const writes = await clients.rep1.raw.fetch(`/trpc/${Array.from({ length: 21 }, () => 'account.create').join(',')}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(inputs),
    });
    expect(writes.status).toBe(400);
    expect(await dbFingerprint(server)).toEqual(before);
  });

  it('a mutation posted with no body is a call without input', async () => {
    const res = await clients.rep1.raw.fetch('/trpc/deal.create', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.error?.message).toMatch(/accountId/);
  });

  describe('random JSON never causes a 5xx, and a refused write changes nothing', () => {
    // Keys of each procedure's valid input, so random values land on real fields as well as unknown ones.
    const keysOf = (path: string): string[] => Object.keys(FAMILIES.find((f) => f.path === path)?.valid(ids) ?? {});
    const skip = new Set(['auth.logout']); // would end the session the rest of the run needs

    for (const path of Object.keys(procedures).filter((p) => procedures[p]!._def.type === 'mutation' && !skip.has(p))) {
      it(path, async () => {
        const as: Family['as'] = path === 'auth.login' ? 'anonymous' : path.startsWith('settings.update') ? 'admin' : 'rep1';
        const keys = [...new Set([...keysOf(path), 'id', 'dealId', 'version', 'name', 'title'])];
        const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -2, max: 50 }), fc.constantFrom('', ' ', 'a', '\u0000', '2031-01-01', '2024-03-01T09:00:00Z', DEMO_PASSWORD));
        const input = fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor'), value, { maxKeys: 6 }),
        );
        await fc.assert(
          fc.asyncProperty(input, async (random) => {
            const before = await dbFingerprint(server);
            const res = await clients[as].raw.mutate(path, random);
            expect(res.status, `${path} ${JSON.stringify(random)}: ${res.error?.message}`).toBeLessThan(500);
            expect(res.error === undefined || typeof res.error.message === 'string').toBe(true);
            if (!res.ok) expect(await dbFingerprint(server), `${path} ${JSON.stringify(random)}`).toEqual(before);
          }),
          { numRuns: 30 },
        );
      });
    }
  });
});
