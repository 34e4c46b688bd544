/**
 * Single sign-on (SPEC §15) against a real OpenID provider (`oidc-provider`) started here:
 * the whole redirect dance over HTTP — start, the provider's authorize and login, the
 * callback — with PKCE, state and nonce, as a browser would walk it. And every way it can go
 * wrong ends on the login page with a reason, never a session and never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs } from '../helpers/api';
import { DEMO_PASSWORD } from '../helpers/server';
import { freePort } from '../helpers/child-server';
import { startTestProvider, type TestAccount, type TestProvider } from '../helpers/oidcProvider';
import { startTestServer, type TestServer } from '../helpers/server';
import { lastEvent, sql } from '../helpers/world';
import { SSO_STARTS_PER_POINT } from '../../server/auth/rate-limit';

/** Cookies per host, as a browser keeps them (the app and the provider are different hosts). */
class Browser {
  constructor(private readonly appOrigin?: string) {}

  private readonly jars = new Map<string, Map<string, string>>();

  cookiesFor(url: string): string {
    return [...(this.jars.get(new URL(url).host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** GET `url` and follow redirects (at most 20), keeping cookies; the last response and every URL visited. */
  async walk(url: string): Promise<{ response: Response; visited: string[] }> {
    const visited: string[] = [];
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      visited.push(current);
      const response = await fetch(current, { redirect: 'manual', headers: { cookie: this.cookiesFor(current) } });
      this.keep(current, response);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, visited };
      current = new URL(location, current).href;
      // Back in the app proper: the page itself is the client's business, not this test's.
      if (this.appOrigin && current.startsWith(this.appOrigin) && !new URL(current).pathname.startsWith('/auth/')) {
        visited.push(current);
        return { response, visited };
      }
    }
    throw new Error(`Too many redirects: ${visited.join(' → ')}`);
  }

  private keep(url: string, response: Response) {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const [name, ...value] = pair!.trim().split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
      if (expired) jar.delete(name!);
      else jar.set(name!, value.join('='));
    }
  }
}

/** A test OpenID provider and a server that signs in with it (its callback on the server's port). */
async function startWithProvider(env: Record<string, string> = {}): Promise<{ provider: TestProvider; server: TestServer }> {
  const port = await freePort();
  const provider = await startTestProvider([`http://localhost:${port}/auth/oidc/callback`]);
  const server = await startTestServer({ env: { PORT: String(port), OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, ...env } });
  return { provider, server };
}

describe('single sign-on with OpenID Connect', () => {
  let server: TestServer;
  let provider: TestProvider;
  let admin: ApiSession;
  let counter = 0;
  const account = (overrides: Partial<TestAccount> = {}): TestAccount => ({ sub: `user-${++counter}`, email: 'rep1@demo.test', email_verified: true, name: 'Rep One', ...overrides });

  /** The browser's whole trip from "Sign in with …" back to the app; the app session it ends with, if any. */
  async function signIn(who: TestAccount, returnTo = '/deals/1', browser = new Browser(server.url)) {
    provider.signInAs(who);
    const { response, visited } = await browser.walk(`${server.url}/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
    const landed = visited.at(-1)!;
    const session = new ApiSession(server.url);
    session.cookie = browser.cookiesFor(server.url) || null;
    return { response, visited, landed: landed.replace(server.url, ''), session, browser };
  }

  beforeAll(async () => {
    ({ provider, server } = await startWithProvider({ OIDC_NAME: 'Acme ID' }));
    admin = await loginAs(server, 'admin@demo.test');
  });
  afterAll(async () => {
    await server?.stop();
    await provider?.stop();
  });

  it('the login page is told what to offer', async () => {
    const methods = await new ApiSession(server.url).trpc.auth.methods.query();
    expect(methods).toEqual({ sso: { name: 'Acme ID' }, passwordForEveryone: true });
  });

  it('a known, verified email signs in and lands where it was going, with PKCE and a nonce on the way', async () => {
    const { landed, visited, session } = await signIn(account());
    expect(landed).toBe('/deals/1');
    const authorize = new URL(visited.find((url) => url.startsWith(provider.issuer) && url.includes('/auth?'))!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.url}/auth/oidc/callback`);
    const me = await session.trpc.auth.me.query();
    expect(me?.user.email).toBe('rep1@demo.test');
  });

  it('emails match whatever their case', async () => {
    const { session } = await signIn(account({ email: 'Manager@Demo.TEST' }));
    expect((await session.trpc.auth.me.query())?.user.email).toBe('manager@demo.test');
  });

  it('only paths of this app are followed after signing in', async () => {
    for (const returnTo of ['https://evil.test/', '//evil.test/x', '/\\evil.test']) {
      const { landed } = await signIn(account(), returnTo);
      expect(landed).toBe('/');
    }
  });

  it('an unverified email, an unknown email and a deactivated user are refused with a reason', async () => {
    const unverified = await signIn(account({ email_verified: false }));
    expect(unverified.landed).toBe('/login?sso_error=unverified');
    expect(await unverified.session.trpc.auth.me.query()).toBeNull();

    const unknown = await signIn(account({ email: 'stranger@elsewhere.test' }));
    expect(unknown.landed).toBe('/login?sso_error=unknown');
    expect((await admin.trpc.user.list.query({ includeInactive: true })).some((u) => u.email === 'stranger@elsewhere.test')).toBe(false);

    const users = await admin.trpc.user.list.query({ includeInactive: true });
    const rep2 = users.find((u) => u.email === 'rep2@demo.test')!;
    await admin.trpc.user.update.mutate({ id: rep2.id, version: rep2.version, active: false });
    try {
      const inactive = await signIn(account({ email: 'rep2@demo.test' }));
      expect(inactive.landed).toBe('/login?sso_error=inactive');
      expect(await inactive.session.trpc.auth.me.query()).toBeNull();
    } finally {
      const now = (await admin.trpc.user.list.query({ includeInactive: true })).find((u) => u.id === rep2.id)!;
      await admin.trpc.user.update.mutate({ id: now.id, version: now.version, active: true });
    }
  });

  it('a forged ID token is refused', async () => {
    provider.tamperIdTokens = true;
    server.expectedErrors.push(/single sign-on refused/);
    try {
      const { landed, session } = await signIn(account());
      expect(landed).toBe('/login?sso_error=invalid');
      expect(await session.trpc.auth.me.query()).toBeNull();
    } finally {
      provider.tamperIdTokens = false;
    }
  });

  it('a callback with another state, without the cookie, or replayed is refused', async () => {
    // Stop at the provider's answer, before the callback: the browser holds the state cookie and a code.
    provider.signInAs(account());
    const browser = new Browser(server.url);
    const start = await browser.walk(`${server.url}/auth/oidc/start`).catch(() => null);
    expect(start).not.toBeNull();
    const callback = start!.visited.find((url) => url.startsWith(`${server.url}/auth/oidc/callback`))!;
    expect(callback).toBeTruthy();
    // The walk already used this callback once: a replay finds no login under way.
    const replay = await fetch(callback, { redirect: 'manual', headers: { cookie: `dr_oidc=${new URL(callback).searchParams.get('state')}` } });
    expect(replay.headers.get('location')).toBe('/login?sso_error=expired');

    const wrongState = new URL(callback);
    wrongState.searchParams.set('state', 'not-the-state');
    const wrong = await fetch(wrongState, { redirect: 'manual', headers: { cookie: `dr_oidc=${new URL(callback).searchParams.get('state')}` } });
    expect(wrong.headers.get('location')).toBe('/login?sso_error=state');

    const noCookie = await fetch(callback, { redirect: 'manual' });
    expect(noCookie.headers.get('location')).toBe('/login?sso_error=state');
    expect(noCookie.headers.get('set-cookie') ?? '').not.toMatch(/dr_session=[^;]/);
  });

  it('a login left at the provider for more than ten minutes has expired', async () => {
    provider.signInAs(account());
    const start = await fetch(`${server.url}/auth/oidc/start`, { redirect: 'manual' });
    const stateCookie = start.headers.getSetCookie().find((c) => c.startsWith('dr_oidc='))!.split(';')[0]!;
    const state = stateCookie.split('=')[1]!;
    server.clock.now = new Date(server.clock.now.getTime() + 11 * 60_000);
    try {
      const late = await fetch(`${server.url}/auth/oidc/callback?code=whatever&state=${state}`, { redirect: 'manual', headers: { cookie: stateCookie } });
      expect(late.headers.get('location')).toBe('/login?sso_error=expired');
    } finally {
      server.clock.now = new Date(server.clock.now.getTime() - 11 * 60_000);
    }
  });

  it('a user who cancels at the provider is told so', async () => {
    const start = await fetch(`${server.url}/auth/oidc/start`, { redirect: 'manual' });
    const stateCookie = start.headers.getSetCookie().find((c) => c.startsWith('dr_oidc='))!.split(';')[0]!;
    const answer = await fetch(`${server.url}/auth/oidc/callback?error=access_denied&state=${stateCookie.split('=')[1]}`, { redirect: 'manual', headers: { cookie: stateCookie } });
    expect(answer.headers.get('location')).toBe('/login?sso_error=denied');
  });

  describe('password sign-in for admins only', () => {
    it('an admin turns it off: a rep’s right password is refused with the way in; an admin still signs in; the log records it', async () => {
      const settings = await admin.trpc.signIn.settings.query();
      expect(settings).toMatchObject({ passwordForEveryone: true, sso: { name: 'Acme ID' } });
      const updated = await admin.trpc.signIn.update.mutate({ passwordForEveryone: false, version: settings.version });
      expect(updated).toEqual({ passwordForEveryone: false, version: settings.version + 1 });
      expect(await lastEvent(server)).toMatchObject({ kind: 'signIn.updated', before: { passwordForEveryone: true }, after: { passwordForEveryone: false } });
      try {
        expect(await new ApiSession(server.url).trpc.auth.methods.query()).toEqual({ sso: { name: 'Acme ID' }, passwordForEveryone: false });
        const rep = new ApiSession(server.url);
        const refused = await rep.mutate('auth.login', { email: 'rep1@demo.test', password: DEMO_PASSWORD });
        expect(refused.ok).toBe(false);
        expect(refused.error).toMatchObject({ code: 'FORBIDDEN' });
        expect(refused.error?.message).toContain('Acme ID');
        // A wrong password still says only "wrong": the setting tells a stranger nothing.
        const wrong = await rep.mutate('auth.login', { email: 'rep1@demo.test', password: 'not-the-password' });
        expect(wrong.error?.code).toBe('UNAUTHORIZED');
        await loginAs(server, 'admin@demo.test');
        // Single sign-on still lets the rep in.
        const { session } = await signIn(account());
        expect((await session.trpc.auth.me.query())?.user.email).toBe('rep1@demo.test');
      } finally {
        const now = await admin.trpc.signIn.settings.query();
        await admin.trpc.signIn.update.mutate({ passwordForEveryone: true, version: now.version });
      }
    });

    it('a stale version is a CONFLICT with the current settings; a manager may neither read nor change them', async () => {
      const settings = await admin.trpc.signIn.settings.query();
      const stale = await admin.mutate('signIn.update', { passwordForEveryone: false, version: settings.version - 1 });
      expect(stale.error).toMatchObject({ code: 'CONFLICT', current: { passwordForEveryone: true, version: settings.version } });
      const manager = await loginAs(server, 'manager@demo.test');
      expect((await manager.query('signIn.settings')).error?.code).toBe('FORBIDDEN');
      expect((await manager.mutate('signIn.update', { passwordForEveryone: false, version: settings.version })).error?.code).toBe('FORBIDDEN');
      expectOk(await admin.query('signIn.settings'));
    });
  });
});

describe('single sign-on: new users', () => {
  let server: TestServer;
  let provider: TestProvider;

  beforeAll(async () => {
    ({ provider, server } = await startWithProvider({ OIDC_AUTO_CREATE: 'rep' }));
  });
  afterAll(async () => {
    await server?.stop();
    await provider?.stop();
  });

  it('with OIDC_AUTO_CREATE=rep a verified stranger becomes a rep, once, in their language', async () => {
    provider.signInAs({ sub: 'new-1', email: 'Wen.Li@Customer.test', email_verified: true, name: 'Li Wen', locale: 'zh-CN' });
    const browser = new Browser(server.url);
    await browser.walk(`${server.url}/auth/oidc/start`);
    const session = new ApiSession(server.url);
    session.cookie = browser.cookiesFor(server.url);
    const me = (await session.trpc.auth.me.query())!.user;
    expect(me).toMatchObject({ email: 'wen.li@customer.test', name: 'Li Wen', role: 'rep', locale: 'zh-CN' });
    expect(await lastEvent(server)).toMatchObject({ kind: 'user.created', after: { email: 'wen.li@customer.test', role: 'rep' } });

    // The second time, the same user: nobody new.
    const again = new Browser(server.url);
    await again.walk(`${server.url}/auth/oidc/start`);
    const admin = await loginAs(server, 'admin@demo.test');
    const named = (await admin.trpc.user.list.query({ includeInactive: true })).filter((u) => u.email === 'wen.li@customer.test');
    expect(named).toHaveLength(1);
    expect((await new ApiSession(server.url).trpc.auth.methods.query()).sso).toEqual({ name: 'SSO' });
  });

  it('an unverified stranger is still refused', async () => {
    provider.signInAs({ sub: 'new-2', email: 'someone@customer.test', email_verified: false });
    const { visited } = await new Browser(server.url).walk(`${server.url}/auth/oidc/start`);
    expect(visited.at(-1)).toBe(`${server.url}/login?sso_error=unverified`);
  });
});

describe('single sign-on: one address starting sign-ins without end', () => {
  let server: TestServer;
  let provider: TestProvider;
  beforeAll(async () => {
    // A budget of 1 login point: SSO_STARTS_PER_POINT sign-ins may start from one address per 15 minutes.
    ({ provider, server } = await startWithProvider({ LOGIN_RATE_LIMIT: '1' }));
  });
  afterAll(async () => {
    await server?.stop();
    await provider?.stop();
  });

  it('is sent back to the login page with a reason, and no login row is written', async () => {
    const start = () => fetch(`${server.url}/auth/oidc/start`, { redirect: 'manual' });
    for (let i = 0; i < SSO_STARTS_PER_POINT; i++) expect((await start()).headers.get('location')).toMatch(new RegExp(`^${provider.issuer}`));
    const rows = async () => (await sql<{ n: number }>(server, 'select cast(count(*) as integer) as n from oidc_logins'))[0]!.n;
    const before = await rows();
    const refused = await start();
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe('/login?sso_error=busy');
    expect(await rows()).toBe(before);
  });
});

describe('without single sign-on configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('the routes are not there, the login page offers none, and password sign-in cannot be limited to admins', async () => {
    const start = await fetch(`${server.url}/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(404);
    expect(await new ApiSession(server.url).trpc.auth.methods.query()).toEqual({ sso: null, passwordForEveryone: true });
    const admin = await loginAs(server, 'admin@demo.test');
    const settings = await admin.trpc.signIn.settings.query();
    expect(settings.sso).toBeNull();
    const refused = await admin.mutate('signIn.update', { passwordForEveryone: false, version: settings.version });
    expect(refused.error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await admin.trpc.signIn.settings.query()).version).toBe(settings.version);
  });
});
