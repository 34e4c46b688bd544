import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { ApiSession, expectOk, loginAs } from '../helpers/api';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { sql } from '../helpers/world';

const SESSION_DAYS = 14;

/** The attributes of the session cookie in a Set-Cookie header, lower-cased. */
function cookieAttributes(setCookie: string | null): { token: string; attributes: Map<string, string> } {
  expect(setCookie).toBeTruthy();
  const [pair, ...rest] = setCookie!.split(';').map((part) => part.trim());
  const attributes = new Map(
    rest.map((part) => {
      const [key, ...value] = part.split('=');
      return [key!.toLowerCase(), value.join('=')] as const;
    }),
  );
  return { token: pair!.split('=')[1]!, attributes };
}

function withCookie(server: { url: string }, cookie: string | null): ApiSession {
  const client = new ApiSession(server.url);
  client.cookie = cookie;
  return client;
}

describe('auth', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { SESSION_DAYS: String(SESSION_DAYS) } });
  });
  afterAll(() => server.stop());

  it('login returns the user without secrets and sets the session cookie; me answers with the same user', async () => {
    const client = new ApiSession(server.url);
    const login = await client.mutate('auth.login', { email: 'rep1@demo.test', password: DEMO_PASSWORD });
    expectOk(login);
    expect(login.data.user).toEqual({
      id: expect.any(Number),
      email: 'rep1@demo.test',
      name: 'Riley Zhang',
      role: 'rep',
      teamId: expect.any(Number),
      locale: 'en',
    });
    expect(JSON.stringify(login.data)).not.toMatch(/argon2|password/i);
    expect(client.cookie).toMatch(/^dr_session=.+/);

    const me = await client.query('auth.me');
    expect(me.data).toEqual({ user: login.data.user });
  });

  it('the email is matched case-insensitively', async () => {
    const client = new ApiSession(server.url);
    const login = await client.mutate('auth.login', { email: 'Rep1@Demo.TEST', password: DEMO_PASSWORD });
    expectOk(login);
    expect(login.data.user.email).toBe('rep1@demo.test');
  });

  it('me is null for an anonymous visitor, and protected procedures answer UNAUTHORIZED', async () => {
    const anonymous = new ApiSession(server.url);
    const me = await anonymous.query('auth.me');
    expectOk(me);
    expect(me.data).toBeNull();
    const deals = await anonymous.query('deal.list');
    expect(deals.error?.httpStatus).toBe(401);
    expect(deals.error?.code).toBe('UNAUTHORIZED');
  });

  it('a wrong password and an unknown email get the same UNAUTHORIZED answer, with no user detail', async () => {
    // Raw, to see the response headers too.
    const wrongPassword = await new ApiSession(server.url).raw.mutate('auth.login', { email: 'rep1@demo.test', password: 'not-the-password' });
    const unknownEmail = await new ApiSession(server.url).raw.mutate('auth.login', { email: 'nobody@demo.test', password: 'not-the-password' });
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.status).toBe(401);
      expect(res.error?.code).toBe('UNAUTHORIZED');
      expect(res.error?.message).toBe('Wrong email or password');
      expect(res.error?.current).toBeUndefined();
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(JSON.stringify(res.error)).not.toMatch(/Riley|argon2|"id"|teamId/);
    }
    expect(wrongPassword.error?.fields).toEqual(unknownEmail.error?.fields);
  });

  it('every login issues a new session token, and logging in again ends the old session', async () => {
    const first = await loginAs(server, 'rep2@demo.test');
    const second = await loginAs(server, 'rep2@demo.test');
    expect(first.cookie).not.toBe(second.cookie);
    // Two separate logins are two live sessions (two browsers).
    expect(await first.trpc.auth.me.query()).not.toBeNull();
    expect(await second.trpc.auth.me.query()).not.toBeNull();

    const oldCookie = first.cookie;
    const relogin = await first.mutate('auth.login', { email: 'rep2@demo.test', password: DEMO_PASSWORD });
    expectOk(relogin);
    expect(first.cookie).not.toBe(oldCookie);
    expect(await withCookie(server, oldCookie).trpc.auth.me.query()).toBeNull();
    expect(await first.trpc.auth.me.query()).not.toBeNull();
  });

  it('the session table keeps only a hash of the token', async () => {
    const client = await loginAs(server, 'manager@demo.test');
    const token = client.cookie!.split('=')[1]!;
    const hashes = (await sql<{ token_hash: string }>(server, 'select token_hash from sessions')).map((row) => row.token_hash);
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes).not.toContain(token);
    expect(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const client = await loginAs(server, 'rep1@demo.test');
    const stolenCookie = client.cookie;
    const logout = await client.mutate('auth.logout');
    expect(logout.data).toEqual({ ok: true });
    expect(client.cookie).toBeNull();
    const replay = withCookie(server, stolenCookie);
    expect(await replay.trpc.auth.me.query()).toBeNull();
    expect((await replay.query('deal.list')).error?.code).toBe('UNAUTHORIZED');
  });

  it('a forged or garbled session cookie is simply not a session', async () => {
    for (const cookie of ['dr_session=forged-token', 'dr_session=%E0%A4%A', `dr_session=${'a'.repeat(5000)}`, 'dr_session', '=;;;dr_session==']) {
      const res = await fetch(`${server.url}/trpc/deal.list`, { headers: { cookie } });
      expect(res.status, cookie.slice(0, 40)).toBe(401);
    }
  });

  it('logout without a session is harmless', async () => {
    const res = await new ApiSession(server.url).mutate('auth.logout');
    expectOk(res);
    expect(res.data).toEqual({ ok: true });
  });

  it(`a session expires after SESSION_DAYS (${SESSION_DAYS}) days`, async () => {
    const start = server.clock.now;
    try {
      const client = await loginAs(server, 'rep1@demo.test');
      server.clock.now = addDays(start, SESSION_DAYS - 1);
      expect(await client.trpc.auth.me.query()).not.toBeNull();
      server.clock.now = new Date(addDays(start, SESSION_DAYS).getTime() + 60_000);
      expect(await client.trpc.auth.me.query()).toBeNull();
      expect((await client.query('deal.list')).error?.code).toBe('UNAUTHORIZED');
    } finally {
      server.clock.now = start;
    }
  });

  it('the cookie is HttpOnly, SameSite=Lax, Path=/, expires with the session and is not Secure over plain HTTP', async () => {
    const res = await new ApiSession(server.url).raw.mutate('auth.login', { email: 'rep1@demo.test', password: DEMO_PASSWORD });
    const { token, attributes } = cookieAttributes(res.headers.get('set-cookie'));
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(attributes.has('httponly')).toBe(true);
    expect(attributes.get('samesite')?.toLowerCase()).toBe('lax');
    expect(attributes.get('path')).toBe('/');
    expect(attributes.has('secure')).toBe(false);
    const expires = new Date(attributes.get('expires')!).getTime();
    expect(Math.abs(expires - addDays(server.clock.now, SESSION_DAYS).getTime())).toBeLessThan(5_000);
  });

  it('setLocale changes the user’s language and me reports it', async () => {
    const client = await loginAs(server, 'rep2@demo.test');
    const res = await client.trpc.auth.setLocale.mutate({ locale: 'zh-CN' });
    expect(res.user.locale).toBe('zh-CN');
    expect((await client.trpc.auth.me.query())?.user.locale).toBe('zh-CN');
    await client.trpc.auth.setLocale.mutate({ locale: 'en' });
  });
});

describe('auth behind an HTTPS proxy (TRUST_PROXY=1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => server.stop());

  it('the cookie is Secure when the proxy says the request came over HTTPS', async () => {
    const client = new ApiSession(server.url, { 'x-forwarded-proto': 'https' });
    const res = await client.raw.mutate('auth.login', { email: 'rep1@demo.test', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const { attributes } = cookieAttributes(res.headers.get('set-cookie'));
    expect(attributes.has('secure')).toBe(true);
    expect(attributes.has('httponly')).toBe(true);
    expect(attributes.get('samesite')?.toLowerCase()).toBe('lax');
  });

  it('logout clears the cookie with the same Secure flag', async () => {
    const client = new ApiSession(server.url, { 'x-forwarded-proto': 'https' });
    await client.trpc.auth.login.mutate({ email: 'rep1@demo.test', password: DEMO_PASSWORD });
    const res = await client.raw.mutate('auth.logout');
    const { attributes } = cookieAttributes(res.headers.get('set-cookie'));
    expect(attributes.has('secure')).toBe(true);
    expect(new Date(attributes.get('expires')!).getTime()).toBeLessThan(Date.now());
  });

  it('without X-Forwarded-Proto: https the cookie is not Secure', async () => {
    const res = await new ApiSession(server.url).raw.mutate('auth.login', { email: 'rep2@demo.test', password: DEMO_PASSWORD });
    expect(cookieAttributes(res.headers.get('set-cookie')).attributes.has('secure')).toBe(false);
  });
});

describe('login rate limit (LOGIN_RATE_LIMIT=3)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(() => server.stop());

  it('after 3 failed attempts on one account, even the right password is refused with TOO_MANY_REQUESTS', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await new ApiSession(server.url).mutate('auth.login', { email: 'rep2@demo.test', password: `guess-${attempt}` });
      expect(res.error?.code).toBe('UNAUTHORIZED');
    }
    const blocked = await new ApiSession(server.url).raw.mutate('auth.login', { email: 'rep2@demo.test', password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.error?.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked.error?.message).toMatch(/try again/i);
    expect(blocked.headers.get('set-cookie')).toBeNull();
  });

  it('another account from the same address can still log in, and a success resets its counter', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      await new ApiSession(server.url).mutate('auth.login', { email: 'manager@demo.test', password: 'wrong' });
    }
    await loginAs(server, 'manager@demo.test');
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await new ApiSession(server.url).mutate('auth.login', { email: 'manager@demo.test', password: 'wrong' });
      expect(res.error?.code).toBe('UNAUTHORIZED');
    }
    await loginAs(server, 'manager@demo.test');
  });

  it('one address cannot hammer many accounts, even claiming other addresses: the per-address limit (5 × per account) applies', async () => {
    const codes: string[] = [];
    for (let attempt = 0; attempt < 16; attempt++) {
      // Without TRUST_PROXY, X-Forwarded-For is not believed.
      const client = new ApiSession(server.url, { 'x-forwarded-for': `203.0.113.${attempt}` });
      const res = await client.mutate('auth.login', { email: `spray${attempt}@demo.test`, password: 'wrong' });
      codes.push(res.error?.code ?? 'ok');
    }
    expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
  });
});
