/**
 * REST at /api/v1 and API tokens (SPEC §15), over plain `fetch` the way a script would
 * call it: a Bearer token, JSON in and out, HTTP status codes.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZAccountDetailOutput, ZAccountListItemOutput, ZAccountOutput, ZActivityOutput, ZContactOutput, ZDealOutput, ZDealPageOutput, ZDealRoomOutput, ZHealthOutput, ZStakeholderOutput } from '../../shared/schemas/outputs';
import { ApiSession, expectOk, loginAs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { dbFingerprint, sql } from '../helpers/world';

interface Rest {
  status: number;
  body: unknown;
}

describe('REST API with tokens (SPEC §15)', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let admin: ApiSession;
  let token: string;
  let ownDealId: number;
  let otherDealId: number;
  let accountId: number;

  /** A plain HTTP call, as curl would make it. */
  async function rest(method: string, path: string, options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Rest> {
    const bearer = options.token === undefined ? token : options.token;
    const headers: Record<string, string> = { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const message = (res: Rest) => (res.body as { message?: string }).message ?? '';

  beforeAll(async () => {
    server = await startTestServer();
    rep1 = await loginAs(server, 'rep1@demo.test');
    admin = await loginAs(server, 'admin@demo.test');
    token = (await rep1.trpc.apiToken.create.mutate({ name: 'REST tests' })).token;
    const own = (await rep1.trpc.deal.list.query({ q: 'Core banking' })).items[0]!;
    ownDealId = own.id;
    accountId = own.accountId;
    const rep2 = await loginAs(server, 'rep2@demo.test');
    const rep2Deals = (await rep2.trpc.deal.list.query({ limit: 100 })).items.map((deal) => deal.id);
    const rep1Deals = new Set((await rep1.trpc.deal.list.query({ limit: 100 })).items.map((deal) => deal.id));
    otherDealId = rep2Deals.find((id) => !rep1Deals.has(id))!;
  });
  afterAll(() => server.stop());

  describe('deals', () => {
    it('lists a page of the token owner’s deals, each described by the document’s schema', async () => {
      const res = await rest('GET', '/api/v1/deals?limit=5&sort=name');
      expect(res.status).toBe(200);
      const page = ZDealPageOutput.parse(res.body);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.length).toBeLessThanOrEqual(5);
      expect(page.items.map((deal) => deal.id)).not.toContain(otherDealId);
    });

    it('GET /deals/{id} is the same room as deal.get', async () => {
      const res = await rest('GET', `/api/v1/deals/${ownDealId}`);
      expect(res.status).toBe(200);
      ZDealRoomOutput.parse(res.body);
      expect(res.body).toEqual(JSON.parse(JSON.stringify(await rep1.trpc.deal.get.query({ id: ownDealId }))));
    });

    it('GET /deals/{id}/health is deal.health', async () => {
      const res = await rest('GET', `/api/v1/deals/${ownDealId}/health`);
      expect(res.status).toBe(200);
      ZHealthOutput.parse(res.body);
      expect(res.body).toEqual(await rep1.trpc.deal.health.query({ id: ownDealId }));
    });

    it('creates and updates a deal; a stale version is 409 with the current deal', async () => {
      const created = await rest('POST', '/api/v1/deals', { body: { accountId, name: 'Bought over REST', amount: 1200, closeDate: '2031-03-01' } });
      expect(created.status).toBe(201);
      const deal = ZDealOutput.parse(created.body);
      expect(deal).toMatchObject({ name: 'Bought over REST', ownerName: 'Riley Zhang', version: 1 });

      const updated = await rest('PATCH', `/api/v1/deals/${deal.id}`, { body: { version: 1, stage: 'discover' } });
      expect(updated.status).toBe(200);
      expect(ZDealOutput.parse(updated.body)).toMatchObject({ stage: 'discover', version: 2 });

      const stale = await rest('PATCH', `/api/v1/deals/${deal.id}`, { body: { version: 1, name: 'Lost update' } });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'CONFLICT', current: { id: deal.id, version: 2, name: 'Bought over REST' } });
    });

    it('another rep’s deal is 403 or 404, and nothing is written', async () => {
      const before = await dbFingerprint(server);
      const read = await rest('GET', `/api/v1/deals/${otherDealId}`);
      expect([403, 404]).toContain(read.status);
      const write = await rest('PATCH', `/api/v1/deals/${otherDealId}`, { body: { version: 1, name: 'Taken over' } });
      expect([403, 404]).toContain(write.status);
      expect(await dbFingerprint(server)).toEqual(before);
    });

    it.each([
      ['a negative amount', { amount: -5 }, 'amount'],
      ['an unknown field', { stauts: 'won' }, 'stauts'],
      ['a date that does not exist', { closeDate: '2031-02-30' }, 'closeDate'],
    ])('bad input (%s) is 400 with a message naming the field', async (_label, patch, field) => {
      const res = await rest('POST', '/api/v1/deals', { body: { accountId, name: 'Bad', amount: 1, closeDate: '2031-01-01', ...patch } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'BAD_REQUEST' });
      expect(message(res)).toContain(field);
    });

    it.each([
      ['a non-numeric id', 'GET', '/api/v1/deals/abc', undefined],
      ['a huge id', 'GET', '/api/v1/deals/99999999999', undefined],
      ['a bad query value', 'GET', '/api/v1/deals?limit=lots', undefined],
      ['a body that is not an object', 'POST', '/api/v1/deals', [1, 2]],
      ['an id in the body that differs from the path', 'PATCH', '/api/v1/deals/1', { id: 2, version: 1 }],
    ])('%s is 400, never a 500', async (_label, method, path, body) => {
      const res = await rest(method, path, { body });
      expect(res.status).toBe(400);
      expect(message(res)).not.toBe('');
    });

    it('a body that is not JSON is 400; an unknown route 404, both JSON', async () => {
      const res = await fetch(`${server.url}/api/v1/deals`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{oops' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'BAD_REQUEST' });
      expect((await rest('GET', '/api/v1/nothing-here')).status).toBe(404);
    });
  });

  describe('accounts, contacts, stakeholders, activities', () => {
    it('lists, reads, creates and changes accounts, with the same rules as the app', async () => {
      const list = await rest('GET', '/api/v1/accounts?tier=A');
      expect(list.status).toBe(200);
      const items = z.array(ZAccountListItemOutput).parse(list.body);
      expect(items.every((a) => a.tier === 'A')).toBe(true);
      const room = await rest('GET', `/api/v1/accounts/${accountId}`);
      expect(room.status).toBe(200);
      expect(ZAccountDetailOutput.parse(room.body).account.id).toBe(accountId);

      const created = await rest('POST', '/api/v1/accounts', { body: { name: 'Metro Line 9 Authority', tier: 'A' } });
      expect(created.status).toBe(201);
      const account = ZAccountOutput.parse(created.body);
      expect(account).toMatchObject({ name: 'Metro Line 9 Authority', tier: 'A' });
      // A tier change needs its reason; a stale version is 409 with the current account.
      const noReason = await rest('PATCH', `/api/v1/accounts/${account.id}`, { body: { version: account.version, tier: 'B' } });
      expect(noReason.status).toBe(400);
      const changed = await rest('PATCH', `/api/v1/accounts/${account.id}`, { body: { version: account.version, tier: 'B', reason: 'One order so far' } });
      expect(changed.status).toBe(200);
      expect(ZAccountOutput.parse(changed.body)).toMatchObject({ tier: 'B', version: account.version + 1 });
      const stale = await rest('PATCH', `/api/v1/accounts/${account.id}`, { body: { version: account.version, industry: 'Transit' } });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ current: { tier: 'B', version: account.version + 1 } });
    });

    it('lists contacts, adds, changes and removes a stakeholder, logs and lists an activity', async () => {
      const contacts = await rest('GET', `/api/v1/accounts/${accountId}/contacts`);
      expect(contacts.status).toBe(200);
      expect(z.array(ZContactOutput).parse(contacts.body).length).toBeGreaterThan(0);

      const added = await rest('POST', `/api/v1/deals/${ownDealId}/stakeholders`, { body: { name: 'Dana Wu', level: 'management', decisionRole: 'influencer', influence: 3, stance: 'neutral' } });
      expect(added.status).toBe(201);
      const person = ZStakeholderOutput.parse(added.body);
      const changed = await rest('PATCH', `/api/v1/stakeholders/${person.id}`, { body: { version: person.version, stance: 'supporter' } });
      expect(changed.status).toBe(200);
      expect(ZStakeholderOutput.parse(changed.body).stance).toBe('supporter');

      const logged = await rest('POST', '/api/v1/activities', {
        body: { dealId: ownDealId, kind: 'call', occurredAt: new Date().toISOString(), stakeholderIds: [person.id], summary: 'Walked through the pilot plan' },
      });
      expect(logged.status).toBe(201);
      const activity = ZActivityOutput.parse(logged.body);
      const listed = await rest('GET', `/api/v1/deals/${ownDealId}/activities`);
      expect(z.array(ZActivityOutput).parse(listed.body).map((a) => a.id)).toContain(activity.id);

      const removed = await rest('DELETE', `/api/v1/stakeholders/${person.id}`);
      expect(removed.status).toBe(200);
      expect(removed.body).toEqual({ ok: true });
    });
  });

  describe('tokens', () => {
    it('the list shows the prefix and the last use, never the token or its hash', async () => {
      await rest('GET', '/api/v1/accounts');
      const list = await rep1.trpc.apiToken.list.query();
      const listed = list.find((t) => t.name === 'REST tests')!;
      expect(listed.prefix).toBe(token.slice(0, 12));
      expect(listed.prefix.startsWith('drk_')).toBe(true);
      expect(listed.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(list)).not.toContain(token);
      expect(Object.keys(listed).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix']);
    });

    it('last use is written at most once a minute', async () => {
      const { token: fresh, id } = await rep1.trpc.apiToken.create.mutate({ name: 'Clocked' });
      await rest('GET', '/api/v1/accounts', { token: fresh });
      const first = (await rep1.trpc.apiToken.list.query()).find((t) => t.id === id)!.lastUsedAt;
      expect(first).toBe(server.clock.now.toISOString());
      const start = server.clock.now;
      server.clock.now = new Date(start.getTime() + 30_000);
      await rest('GET', '/api/v1/accounts', { token: fresh });
      expect((await rep1.trpc.apiToken.list.query()).find((t) => t.id === id)!.lastUsedAt).toBe(first);
      server.clock.now = new Date(start.getTime() + 90_000);
      await rest('GET', '/api/v1/accounts', { token: fresh });
      expect((await rep1.trpc.apiToken.list.query()).find((t) => t.id === id)!.lastUsedAt).toBe(server.clock.now.toISOString());
      server.clock.now = start;
    });

    it('a revoked token is 401 at once, with a message that says so', async () => {
      const { token: doomed, id } = await rep1.trpc.apiToken.create.mutate({ name: 'Doomed' });
      expect((await rest('GET', '/api/v1/accounts', { token: doomed })).status).toBe(200);
      expectOk(await rep1.mutate('apiToken.revoke', { id }));
      const res = await rest('GET', '/api/v1/accounts', { token: doomed });
      expect(res.status).toBe(401);
      expect(message(res)).toMatch(/revoked/);
      expect((await rep1.trpc.apiToken.list.query()).map((t) => t.id)).not.toContain(id);
    });

    it('an expired token is 401: it works through its last day (UTC), not after', async () => {
      const start = server.clock.now;
      const today = start.toISOString().slice(0, 10);
      const { token: brief } = await rep1.trpc.apiToken.create.mutate({ name: 'Brief', expiresAt: today });
      expect((await rest('GET', '/api/v1/accounts', { token: brief })).status).toBe(200);
      server.clock.now = new Date(`${today}T23:59:59.000Z`);
      expect((await rest('GET', '/api/v1/accounts', { token: brief })).status).toBe(200);
      server.clock.now = new Date(new Date(`${today}T00:00:00.000Z`).getTime() + 86_400_000);
      const res = await rest('GET', '/api/v1/accounts', { token: brief });
      server.clock.now = start;
      expect(res.status).toBe(401);
      expect(message(res)).toMatch(/expired/);
    });

    it('an unknown or malformed token, or another scheme, is 401', async () => {
      for (const [header, pattern] of [
        ['Bearer drk_notarealtokenatall', /Unknown API token/],
        ['Bearer nope', /not a Deal Room API token/],
        ['Basic dXNlcjpwYXNz', /Bearer/],
      ] as const) {
        const res = await rest('GET', '/api/v1/accounts', { token: null, headers: { authorization: header } });
        expect(res.status).toBe(401);
        expect(message(res)).toMatch(pattern);
      }
      expect((await rest('GET', '/api/v1/accounts', { token: null })).status).toBe(401);
    });

    it('a token of a user who was deactivated is 401', async () => {
      const created = await admin.trpc.user.create.mutate({ email: 'leaver@demo.test', name: 'Lee Ver', role: 'rep', password: 'a-long-password-1' });
      const leaver = await loginAs(server, 'leaver@demo.test', 'a-long-password-1');
      const { token: theirs } = await leaver.trpc.apiToken.create.mutate({ name: 'Leaver’s script' });
      expect((await rest('GET', '/api/v1/deals', { token: theirs })).status).toBe(200);
      await admin.trpc.user.update.mutate({ id: created.id, version: created.version, active: false });
      const res = await rest('GET', '/api/v1/deals', { token: theirs });
      expect(res.status).toBe(401);
      expect(message(res)).toMatch(/deactivated/);
    });

    it('a token cannot expire in the past or beyond a year; revoking someone else’s token is NOT_FOUND', async () => {
      const past = await rep1.mutate('apiToken.create', { name: 'Past', expiresAt: '2000-01-01' });
      expect(past.error?.code).toBe('BAD_REQUEST');
      const far = await rep1.mutate('apiToken.create', { name: 'Far', expiresAt: '2999-01-01' });
      expect(far.error?.code).toBe('BAD_REQUEST');
      const mine = (await rep1.trpc.apiToken.list.query())[0]!;
      const res = await admin.mutate('apiToken.revoke', { id: mine.id });
      expect(res.error?.code).toBe('NOT_FOUND');
    });
  });

  it('the CSV export takes the token too, as a BI tool would fetch it', async () => {
    const res = await fetch(`${server.url}/api/export/deals.csv?status=open`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Core banking mainframe refresh');
    const refused = await fetch(`${server.url}/api/export/deals.csv`, { headers: { authorization: 'Bearer drk_unknown' } });
    expect(refused.status).toBe(401);
  });

  describe('Bearer on /trpc', () => {
    it('acts as the token’s user', async () => {
      const anonymous = new ApiSession(server.url, { authorization: `Bearer ${token}` });
      const me = await anonymous.trpc.auth.me.query();
      expect(me?.user.email).toBe('rep1@demo.test');
    });

    it('a cookie-less Bearer mutation skips the cross-site check; with a cookie, the check stays', async () => {
      const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
      const scripted = new ApiSession(server.url, { authorization: `Bearer ${token}` });
      const ok = await scripted.raw.mutate('account.create', { name: 'Scripted account' }, evil);
      expect(ok.status).toBe(200);
      const withCookie = await rep1.raw.mutate('account.create', { name: 'Forged account' }, { ...evil, authorization: `Bearer ${token}` });
      expect(withCookie.status).toBe(403);
      const restWithCookie = await rep1.raw.fetch('/api/v1/accounts', { method: 'POST', headers: { ...evil, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Forged REST account' }) });
      expect(restWithCookie.status).toBe(403);
    });

    it('a token cannot create another token, but may revoke one', async () => {
      const scripted = new ApiSession(server.url, { authorization: `Bearer ${token}` });
      const minted = await scripted.mutate('apiToken.create', { name: 'Minted by a token' });
      expect(minted.error?.code).toBe('FORBIDDEN');
      expect(minted.error?.message).toMatch(/Settings/);
      const { id } = await rep1.trpc.apiToken.create.mutate({ name: 'Revoked by a script' });
      expectOk(await scripted.mutate('apiToken.revoke', { id }));
    });

    it('a bad token on /trpc is 401, even for a public procedure', async () => {
      const res = await new ApiSession(server.url).raw.query('auth.me', undefined, { authorization: 'Bearer drk_unknown' });
      expect(res.status).toBe(401);
      expect(res.error?.code).toBe('UNAUTHORIZED');
    });

    it('creating and revoking a token are in the event log', async () => {
      const { id } = await rep1.trpc.apiToken.create.mutate({ name: 'Logged' });
      await rep1.trpc.apiToken.revoke.mutate({ id });
      const rows = await sql<{ kind: string; before: unknown; after: unknown }>(server, 'select kind, before, after from events where entity = ? and entity_id = ? order by id', ['apiToken', id]);
      expect(rows.map((row) => row.kind)).toEqual(['apiToken.created', 'apiToken.revoked']);
      expect(JSON.stringify(rows)).toContain('Logged');
    });
  });

  describe('the OpenAPI document', () => {
    it('is valid OpenAPI 3.1 and lists every REST route', async () => {
      const res = await fetch(`${server.url}/api/openapi.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
      expect(doc.openapi).toBe('3.1.0');
      await SwaggerParser.validate(structuredClone(doc) as never);
      expect(Object.keys(doc.paths).sort()).toEqual([
        '/accounts',
        '/accounts/{accountId}/contacts',
        '/accounts/{id}',
        '/activities',
        '/contacts/{id}',
        '/deals',
        '/deals/{dealId}/activities',
        '/deals/{dealId}/stakeholders',
        '/deals/{id}',
        '/deals/{id}/health',
        '/stakeholders/{id}',
      ]);
      // The answers our routes give: 201 for a create, 409 for a stale version, errors as `Error`.
      expect(Object.keys(doc.paths['/deals']!.post!.responses)).toContain('201');
      expect(doc.paths['/deals/{id}']!.patch!.responses['409']).toBeDefined();
      expect(doc.paths['/deals/{id}']!.get!.responses['404']!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Error' });
    });

    it('the reference page is served from the app, its script and styles same-origin', async () => {
      const page = await fetch(`${server.url}/api/docs`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
      expect(html).not.toMatch(/https?:\/\//);
      expect((await fetch(`${server.url}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
      expect((await fetch(`${server.url}/api/docs/init.js`)).status).toBe(200);
    });
  });
});

describe('bad API tokens are rate-limited like bad logins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false, env: { LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(() => server.stop());

  it('past the budget an address gets 429 instead of another guess', async () => {
    const guess = () => fetch(`${server.url}/api/v1/deals`, { headers: { authorization: `Bearer drk_guess${Math.random()}` } }).then((res) => res.status);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await guess());
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
