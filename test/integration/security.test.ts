import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs } from '../helpers/api';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { dbFingerprint } from '../helpers/world';

const clientBuilt = existsSync(resolve('dist/client/index.html'));

describe('security', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let accountId: number;

  beforeAll(async () => {
    server = await startTestServer();
    rep1 = await loginAs(server, 'rep1@demo.test');
    accountId = (await rep1.trpc.account.list.query()).find((a) => a.name === 'Harbor Bank')!.id;
  });
  afterAll(() => server.stop());

  const newDeal = (name: string) => ({ accountId, name, amount: 1, closeDate: '2031-01-01' });

  /** POST a raw body with the rep's cookie, as a browser form or another site would. */
  const rawPost = (path: string, body: BodyInit, headers: Record<string, string>) => rep1.raw.fetch(`/trpc/${path}`, { method: 'POST', body, headers });

  describe('cross-site requests (SPEC §7)', () => {
    it.each([
      ['an Origin of another site', { origin: 'https://evil.example' }],
      ['an Origin of another port on the same host', { origin: 'http://localhost:1' }],
      ['an opaque Origin (sandboxed frame)', { origin: 'null' }],
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site: cross-site even with a same-origin Origin', { 'sec-fetch-site': 'cross-site', origin: 'SELF' }],
    ])('a mutation with %s is FORBIDDEN and writes nothing', async (_label, headers) => {
      const resolved = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, value === 'SELF' ? server.url : value]));
      const before = await dbFingerprint(server);
      const res = await rep1.raw.mutate('deal.create', newDeal('Forged'), resolved);
      expect(res.status).toBe(403);
      expect(res.error?.code).toBe('FORBIDDEN');
      expect(await dbFingerprint(server)).toEqual(before);
    });

    it('a cross-site login is refused too (no login CSRF)', async () => {
      const res = await new ApiSession(server.url).raw.mutate('auth.login', { email: 'rep1@demo.test', password: DEMO_PASSWORD }, { origin: 'https://evil.example' });
      expect(res.error?.code).toBe('FORBIDDEN');
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it('a same-origin mutation from the app is allowed', async () => {
      const res = await rep1.raw.mutate('deal.create', newDeal('From the app'), { origin: server.url, 'sec-fetch-site': 'same-origin' });
      expect(res.status).toBe(200);
      expect(res.error).toBeUndefined();
    });

    it('a script that sends neither Origin nor Sec-Fetch-Site is allowed', async () => {
      const res = await rep1.mutate('deal.create', newDeal('From a script'));
      expectOk(res);
    });

    it('a navigation typed by the user (Sec-Fetch-Site: none) is allowed', async () => {
      const res = await rep1.raw.mutate('auth.setLocale', { locale: 'en' }, { 'sec-fetch-site': 'none' });
      expect(res.status).toBe(200);
      expect(res.error).toBeUndefined();
    });

    it('responses carry no CORS grant, so another site cannot read queries either', async () => {
      const res = await rep1.raw.query('deal.list', undefined, { origin: 'https://evil.example' });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });

  describe('only JSON mutations', () => {
    it.each([
      ['form-encoded', 'name=Forged&amount=1', 'application/x-www-form-urlencoded'],
      ['plain text (a CORS "simple" request)', JSON.stringify({ name: 'Forged' }), 'text/plain'],
    ])('a %s POST is refused with 415 and writes nothing', async (_label, body, contentType) => {
      const before = await dbFingerprint(server);
      const res = await rawPost('account.create', body, { 'content-type': contentType });
      expect(res.status).toBe(415);
      expect(res.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await dbFingerprint(server)).toEqual(before);
    });

    it('a multipart form POST is refused and writes nothing', async () => {
      const form = new FormData();
      form.set('name', 'Forged');
      const before = await dbFingerprint(server);
      const res = await rawPost('account.create', form, {});
      expect(res.status).toBe(415);
      expect(await dbFingerprint(server)).toEqual(before);
    });

    it('a POST without any content type is refused and writes nothing', async () => {
      const before = await dbFingerprint(server);
      const res = await rawPost('account.create', new Uint8Array(Buffer.from('{"name":"Forged"}')), {});
      expect(res.status).toBe(415);
      expect(await dbFingerprint(server)).toEqual(before);
    });
  });

  describe('headers', () => {
    it('helmet’s security headers are present and Express does not announce itself', async () => {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
      // Plain HTTP by default: no HSTS, which would lock a local install out.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });

    it('the Content-Security-Policy allows only same-origin scripts, never inline ones', async () => {
      const csp = (await fetch(`${server.url}/healthz`)).headers.get('content-security-policy')!;
      const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
      const scripts = directives.get('script-src') ?? directives.get('default-src')!;
      expect(scripts).toContain("'self'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts).not.toContain('*');
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'self'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
    });

    it('API errors carry no stack trace or internals', async () => {
      const res = await rep1.raw.query('deal.get', { id: 'x' });
      const text = JSON.stringify(res.body);
      expect(res.status).toBe(400);
      expect(text).not.toMatch(/stack|node_modules|\.ts:\d+/);
    });
  });

  describe('endpoints', () => {
    it('GET /healthz answers 200', async () => {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
    });

    it('an unknown procedure is a 404 in tRPC’s error format', async () => {
      const res = await rep1.raw.query('deal.nope');
      expect(res.status).toBe(404);
      expect(res.error?.code).toBe('NOT_FOUND');
    });

    it('a query cannot be run as a POST, nor a mutation as a GET', async () => {
      const get = await rep1.raw.query('deal.create', newDeal('Via GET'));
      expect(get.status).toBe(405);
      const post = await rep1.raw.mutate('deal.list', {});
      expect(post.status).toBe(405);
    });

    it.skipIf(!clientBuilt).each(['/deals/1/map', '/deals/1', '/deals/1/info', '/review', '/standup', '/settings', '/login', '/?lang=zh-CN'])(
      'the deep link %s serves the single-page app',
      async (path) => {
        const res = await fetch(`${server.url}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/text\/html/);
        expect(await res.text()).toMatch(/<div id="root">/);
        expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      },
    );

    it.skipIf(!clientBuilt)('a missing asset is a 404, not the app shell', async () => {
      const res = await fetch(`${server.url}/assets/missing-file.js`);
      expect(res.status).toBe(404);
    });
  });
});

describe('behind an HTTPS proxy (TRUST_PROXY=1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false, env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => server.stop());

  it('sends HSTS and asks browsers to upgrade insecure requests', async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);
  });

  it('judges the Origin against the host the browser used', async () => {
    const res = await new ApiSession(server.url).raw.mutate('auth.logout', undefined, { origin: server.url });
    expect(res.status).toBe(200);
  });
});
