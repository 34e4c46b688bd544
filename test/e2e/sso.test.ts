/**
 * "Sign in with …" end to end (SPEC §15): the real login page, a real OpenID provider
 * (oidc-provider) on another origin, and back into the app where the user was going.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/child-server';
import { useE2eApp } from '../helpers/e2e';
import { startTestProvider, type TestProvider } from '../helpers/oidcProvider';

/** Screenshots for a person to look at, not compared by the test. */
const SHOTS = process.env.SSO_SHOTS_DIR;

describe('single sign-on in the browser', () => {
  let provider: TestProvider;
  const e2e = useE2eApp(undefined, async () => {
    const port = await freePort();
    provider = await startTestProvider([`http://localhost:${port}/auth/oidc/callback`]);
    return { env: { PORT: String(port), OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_NAME: 'Acme ID' } };
  });
  afterAll(async () => {
    await provider?.stop();
  });

  it('a manager opens a deep link, signs in with the provider and lands on it', async () => {
    provider.signInAs({ sub: 'm-1', email: 'manager@demo.test', email_verified: true, name: 'Morgan' });
    const page = await e2e.app.newPage();
    await page.goto(`${e2e.app.server.url}/review?lang=en`);
    await page.waitForURL(/\/login/);
    const button = page.getByRole('link', { name: 'Sign in with Acme ID' });
    await button.waitFor();
    await page.getByText('or with your password').waitFor();
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/login-sso.png` });
    }
    await button.click();
    await page.waitForURL(`${e2e.app.server.url}/review?lang=en`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).first().textContent()).toBeTruthy();
    await page.close();
  });

  it('someone the app does not know is told why, in Chinese too', async () => {
    provider.signInAs({ sub: 's-1', email: 'stranger@elsewhere.test', email_verified: true });
    const page = await e2e.app.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${e2e.app.server.url}/login?lang=zh-CN`);
    // Once the offline app's service worker controls the page, it must still let the browser go to
    // the server's /auth/oidc/start instead of answering with the app shell.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByRole('link', { name: '使用 Acme ID 登录' }).click();
    await page.waitForURL(/sso_error=unknown/);
    await page.getByRole('alert').getByText('没有 Deal Room 用户使用 Acme ID 提供的邮箱地址').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/login-sso-error-phone-zh.png` });
    await page.close();
  });
});
