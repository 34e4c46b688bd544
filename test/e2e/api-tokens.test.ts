import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e';
import { describeViolations, seriousViolations } from './screens';

/** Screenshots for a person to look at (1440×900 and a phone, English and Chinese), not compared by the test. */
const SHOTS = process.env.TOKENS_SHOTS_DIR;

describe('a rep makes an API token in Settings, uses it, and revokes it (SPEC §15)', () => {
  let rep: Page;
  const e2e = useE2eApp(async (app) => {
    // bypassCSP lets axe-core in (tests only); the reference page below is checked with the CSP on.
    rep = await app.newPage({ bypassCSP: true });
    await app.login(rep, 'rep1@demo.test');
  });

  const restStatus = (token: string) => fetch(`${e2e.app.server.url}/api/v1/deals`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.status);

  it('create → shown once → copy → works over REST → revoke → refused', async () => {
    await rep.goto(`${e2e.app.server.url}/settings?lang=en`);
    const panel = rep.getByRole('region', { name: 'API tokens' });
    await panel.getByLabel('Name').fill('Weekly BI export');
    await panel.getByRole('button', { name: '+ Create token' }).click();

    const shown = panel.getByRole('region', { name: 'Your new token “Weekly BI export”' });
    await shown.getByText('Copy it now: this is the only time it is shown.', { exact: false }).waitFor();
    const token = await shown.getByLabel('The token “Weekly BI export”').inputValue();
    expect(token).toMatch(/^drk_[A-Za-z0-9_-]{43}$/);
    await shown.getByRole('button', { name: 'Copy' }).click();
    // The clipboard may be refused in a headless browser: then the token is selected for Ctrl+C instead.
    await expect.poll(() => shown.getByRole('status').textContent()).toMatch(/Copied to the clipboard|press Ctrl\+C/);
    const violations = await seriousViolations(rep);
    expect(violations, describeViolations('API tokens', violations).join('\n')).toEqual([]);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await panel.screenshot({ path: `${SHOTS}/tokens-new-1440.png` });
    }
    expect(await restStatus(token)).toBe(200);

    await shown.getByRole('button', { name: 'I have stored it' }).click();
    await shown.waitFor({ state: 'hidden' });
    const row = panel.getByRole('row').filter({ hasText: 'Weekly BI export' });
    expect(await row.textContent()).toContain(`${token.slice(0, 12)}…`);
    expect(await rep.content()).not.toContain(token);
    await rep.reload();
    await expect.poll(() => row.locator('td').nth(3).textContent()).not.toBe('Never');

    if (SHOTS) {
      await rep.screenshot({ path: `${SHOTS}/settings-tokens-1440.png`, fullPage: true });
      await rep.setViewportSize({ width: 390, height: 844 });
      await panel.screenshot({ path: `${SHOTS}/tokens-390.png` });
      await rep.goto(`${e2e.app.server.url}/settings?lang=zh-CN`);
      await rep.getByRole('region', { name: 'API 令牌' }).screenshot({ path: `${SHOTS}/tokens-390-zh.png` });
      await rep.setViewportSize({ width: 1440, height: 900 });
      await rep.getByRole('region', { name: 'API 令牌' }).screenshot({ path: `${SHOTS}/tokens-1440-zh.png` });
      await rep.goto(`${e2e.app.server.url}/settings?lang=en`);
    }

    await row.getByRole('button', { name: 'Revoke the token “Weekly BI export”' }).click();
    const dialog = rep.getByRole('dialog', { name: 'Revoke the token “Weekly BI export”' });
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    await panel.getByText('You have no API tokens.').waitFor();
    expect(await restStatus(token)).toBe(401);
  });

  it('the API reference page renders from the app itself, under its content-security policy', async () => {
    // newPage fails the test on any console error: a CSP refusal of a script or style would be one.
    const reader = await e2e.app.newPage();
    await reader.goto(`${e2e.app.server.url}/api/docs`);
    // Swagger UI's own markup: one block per operation, nine routes of the document.
    await reader.locator('.swagger-ui .opblock').nth(8).waitFor();
    expect(await reader.locator('.swagger-ui .info .title').textContent()).toContain('Deal Room API');
    expect(await reader.locator('.swagger-ui [data-path="/deals/{id}/health"]').count()).toBeGreaterThan(0);
    if (SHOTS) await reader.screenshot({ path: `${SHOTS}/api-docs-1440.png` });
  });
});
