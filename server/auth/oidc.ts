/**
 * Single sign-on with OpenID Connect (SPEC §15): "Sign in with …" starts at
 * `GET /auth/oidc/start` and the provider sends the browser back to `GET /auth/oidc/callback`.
 *
 * The protocol work — discovery, the authorization code grant with PKCE, the state and nonce
 * checks, the ID token's signature, issuer, audience and expiry — is `openid-client`'s
 * (docs/decisions/0028). What is ours: binding a login to the browser that started it (the
 * state in an httpOnly cookie), keeping the verifier and nonce where any instance can read
 * them (table `oidc_logins`, one use each), and deciding who the verified email is.
 * Every failure ends on the login page with a reason it can show, never with a 500.
 */
import { randomBytes } from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import { eq, lt } from 'drizzle-orm';
import { Router, type Request, type Response } from 'express';
import * as oidc from 'openid-client';
import type { SsoError } from '../../shared/signIn';
import { writeTransaction, type Db } from '../db/client';
import { first } from '../db/rows';
import { oidcLogins, teams, users } from '../db/tables';
import type { Env } from '../env';
import type { Logger } from '../logger';
import { recordEvent } from '../services/events';
import { hashPassword } from './password';
import type { LoginLimiter } from './rate-limit';
import { createSession, hashToken, setSessionCookie } from './session';

export const OIDC_STATE_COOKIE = 'dr_oidc';
const COOKIE_PATH = '/auth/oidc';
/** How long a browser may spend at the provider before its login is forgotten. */
const LOGIN_MINUTES = 10;

/** What the provider says about the person: the ID token's claims, with userinfo's where the token has none. */
type Claims = Record<string, unknown>;

type SsoEnv = Env & { OIDC_ISSUER: string; OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string };

export const ssoConfigured = (env: Env): env is SsoEnv => Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);

/** Plain http is accepted only for a provider on this machine (a test or a local Keycloak); anywhere else it must be https. */
const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** Only paths of this app are followed after signing in, never another site. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') && value.length <= 2000 ? value : '/';
}

interface Deps {
  db: Db;
  env: Env;
  log: Logger;
  now: () => Date;
  loginLimiter: LoginLimiter;
}

export function oidcRouter(deps: Deps): Router {
  const router = Router();
  const { env, log } = deps;
  if (!ssoConfigured(env)) {
    router.use((_req, res) => res.status(404).type('text').send('Single sign-on is not configured on this server.'));
    return router;
  }
  const issuer = new URL(env.OIDC_ISSUER);
  // Discovered once per process; a provider that was down is asked again at the next sign-in.
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () =>
    (discovered ??= oidc
      .discovery(issuer, env.OIDC_CLIENT_ID, undefined, oidc.ClientSecretBasic(env.OIDC_CLIENT_SECRET), {
        execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .then((config) => {
        // OpenID Connect lets a client skip the ID token's signature when it came straight from the
        // token endpoint over TLS; we check it anyway, against the provider's published keys.
        oidc.enableNonRepudiationChecks(config);
        return config;
      })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      }));

  const publicBase = (req: Request) => env.PUBLIC_URL ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const callbackUrl = (req: Request) => new URL(`${COOKIE_PATH}/callback`, publicBase(req));
  const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: COOKIE_PATH });
  const fail = (req: Request, res: Response, reason: SsoError, detail?: unknown) => {
    if (detail !== undefined) log.warn({ err: detail, reason }, 'single sign-on refused');
    res.clearCookie(OIDC_STATE_COOKIE, cookieOptions(req));
    res.redirect(303, `/login?sso_error=${reason}`);
  };

  router.get('/start', async (req, res) => {
    // Each start writes a row: one address may not write them without end.
    if (!(await deps.loginLimiter.allowSsoStart(req.ip ?? 'unknown'))) return fail(req, res, 'busy');
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (error) {
      log.error({ err: error, issuer: issuer.href }, 'the OpenID provider could not be reached');
      return fail(req, res, 'unavailable');
    }
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const now = deps.now();
    const expiresAt = new Date(now.getTime() + LOGIN_MINUTES * 60_000);
    await writeTransaction(deps.db, async (tx) => {
      // Logins abandoned at the provider are cleared by the next one that starts.
      await tx.delete(oidcLogins).where(lt(oidcLogins.expiresAt, now.toISOString()));
      await tx.insert(oidcLogins).values({ stateHash: hashToken(state), nonce, codeVerifier, returnTo: safeReturnPath(req.query.returnTo), expiresAt: expiresAt.toISOString() });
    });
    res.cookie(OIDC_STATE_COOKIE, state, { ...cookieOptions(req), expires: expiresAt });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl(req).href,
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    res.redirect(303, url.href);
  });

  router.get('/callback', async (req, res) => {
    if (typeof req.query.error === 'string') return fail(req, res, 'denied', req.query.error);
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const cookieState = parseCookie(req.headers.cookie ?? '')[OIDC_STATE_COOKIE];
    // The state must come back to the browser that started the login: no one can finish a login for someone else.
    if (!state || !cookieState || state !== cookieState) return fail(req, res, 'state');
    const now = deps.now();
    const login = await writeTransaction(deps.db, async (tx) =>
      first(await tx.delete(oidcLogins).where(eq(oidcLogins.stateHash, hashToken(state))).returning()),
    );
    if (!login || login.expiresAt <= now.toISOString()) return fail(req, res, 'expired');

    let claims: Claims;
    try {
      const config = await configuration();
      const currentUrl = new URL(`${COOKIE_PATH}/callback${req.url.slice(req.url.indexOf('?'))}`, publicBase(req));
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) return fail(req, res, 'invalid', 'no ID token');
      claims = idToken;
      // Many providers put the email in the ID token; the others (and oidc-provider by default) at the userinfo endpoint.
      if (typeof claims.email !== 'string') claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...claims };
    } catch (error) {
      return fail(req, res, 'invalid', error);
    }
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    // Only an address the provider has verified identifies someone: anyone can type any email into a profile.
    if (!email || claims.email_verified !== true) return fail(req, res, 'unverified');

    const found = first(await deps.db.select({ id: users.id, active: users.active }).from(users).where(eq(users.email, email)).limit(1));
    let userId: number;
    if (found) {
      if (!found.active) return fail(req, res, 'inactive');
      userId = found.id;
    } else if (env.OIDC_AUTO_CREATE === 'rep') {
      userId = await createRep(deps.db, { email, name: typeof claims.name === 'string' ? claims.name : undefined, locale: claims.locale }, now);
    } else {
      return fail(req, res, 'unknown');
    }
    const session = await createSession(deps.db, userId, now, env.SESSION_DAYS);
    res.clearCookie(OIDC_STATE_COOKIE, cookieOptions(req));
    setSessionCookie(res, session.token, session.expiresAt, req.secure);
    res.redirect(303, login.returnTo);
  });

  return router;
}

/**
 * `OIDC_AUTO_CREATE=rep`: a verified email the app does not know becomes a rep of the first
 * team. Their password is random and never shown: they sign in with the provider (an admin
 * may set one later).
 */
async function createRep(db: Db, who: { email: string; name?: string; locale?: unknown }, now: Date): Promise<number> {
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const name = (who.name?.trim() || who.email.split('@')[0]!).slice(0, 120);
  const locale = typeof who.locale === 'string' && who.locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  return writeTransaction(db, async (tx) => {
    const team = first(await tx.select({ id: teams.id }).from(teams).orderBy(teams.id).limit(1));
    if (!team) throw new Error('There is no team to add a new user to');
    const created = first(
      await tx
        .insert(users)
        .values({ email: who.email, name, passwordHash, role: 'rep', teamId: team.id, locale, createdAt: now.toISOString() })
        .onConflictDoNothing()
        .returning({ id: users.id }),
    );
    // Two first sign-ins at once: the other one created the user.
    if (!created) return first(await tx.select({ id: users.id }).from(users).where(eq(users.email, who.email)).limit(1))!.id;
    await recordEvent(tx, {
      teamId: team.id,
      dealId: null,
      actorId: created.id,
      kind: 'user.created',
      entity: 'user',
      entityId: created.id,
      after: { name, email: who.email, role: 'rep', locale, active: true },
      at: now,
    });
    return created.id;
  });
}
