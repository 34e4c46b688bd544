/**
 * A real OpenID provider for the single sign-on tests: `oidc-provider` (a certified
 * implementation) on a free port, with one confidential client for the app. Who signs in is
 * the test's choice (`signInAs`); the login interaction finishes at once, without a form.
 * `tamperIdTokens` corrupts the ID token the token endpoint returns, to prove the app checks
 * its signature.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// oidc-provider ships no types; the few calls below are typed by hand in ./oidc-provider.d.ts.
import Provider from 'oidc-provider';

export interface TestAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  name?: string;
  locale?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next login interaction signs in. */
  signInAs(account: TestAccount): void;
  tamperIdTokens: boolean;
  stop(): Promise<void>;
}

export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'deal-room';
  const clientSecret = 'a-test-secret-that-is-long-enough-for-hs256-0123456789';
  const accounts = new Map<string, TestAccount>();
  let next: TestAccount | null = null;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...signingKey, kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'locale'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ ...account }) } : undefined;
    },
    // A first-party app: the user is never asked to consent to it.
    loadExistingGrant: async (ctx: GrantContext) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  const state: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    tamperIdTokens: false,
    signInAs(account) {
      accounts.set(account.sub, account);
      next = account;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  server.on('request', (req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url?.startsWith('/interaction/')) {
        await provider.interactionDetails(req, res);
        if (!next) {
          res.statusCode = 400;
          res.end('The test named nobody to sign in');
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: next.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      if (state.tamperIdTokens && req.url?.startsWith('/token')) {
        // Same length, one character of the signature changed: a forged token.
        const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => typeof res;
        res.end = ((chunk?: unknown, ...rest: unknown[]) => {
          if (chunk) {
            const body = JSON.parse(String(chunk)) as { id_token?: string };
            if (body.id_token) {
              const [header, payload, signature] = body.id_token.split('.') as [string, string, string];
              const forged = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
              body.id_token = `${header}.${payload}.${forged}`;
            }
            return end(JSON.stringify(body), ...rest);
          }
          return end(chunk, ...rest);
        }) as typeof res.end;
      }
      handle(req, res);
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return state;
}

interface GrantContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: { Grant: { new (init: { clientId: string; accountId: string }): { addOIDCScope(scope: string): void; save(): Promise<string> }; find(id: string): Promise<unknown> } };
  };
}
