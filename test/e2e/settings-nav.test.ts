import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e';

/** Where an element's top is in the viewport, in CSS pixels. */
const topOf = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!.y;

describe('the Settings page has a table of contents', () => {
  const e2e = useE2eApp();

  it('an admin lands on a card from a link with its hash, and the contents jump between cards', async () => {
    const admin = await e2e.app.newPage();
    await e2e.app.login(admin, 'admin@demo.test');
    await admin.goto(`${e2e.app.server.url}/settings?lang=en#settings-webhooks`);
    const nav = admin.getByRole('navigation', { name: 'Settings sections' });
    await nav.waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Win thresholds', 'Key accounts', 'Team members', 'Teams', 'Import', 'Sign-in', 'API tokens', 'Webhooks']);
    // The cards load after the browser's own jump to the hash: the page jumps again once they have.
    await expect.poll(() => topOf(admin, '#settings-webhooks')).toBeLessThan(900);
    await expect.poll(() => nav.getByRole('link', { name: 'Webhooks' }).getAttribute('aria-current')).toBe('true');

    await nav.getByRole('link', { name: 'Key accounts' }).click();
    await expect.poll(() => new URL(admin.url()).hash).toBe('#settings-accounts');
    await expect.poll(() => topOf(admin, '#settings-accounts')).toBeLessThan(120);
    await expect.poll(() => nav.getByRole('link', { name: 'Key accounts' }).getAttribute('aria-current')).toBe('true');
    expect(await nav.getByRole('link', { name: 'Webhooks' }).getAttribute('aria-current')).toBeNull();
  });

  it('a rep sees only their cards, and on a phone in Chinese the contents are a row of chips that stays on screen', async () => {
    const rep = await e2e.app.newPage({ viewport: { width: 390, height: 844 } });
    await e2e.app.login(rep, 'rep1@demo.test');
    await rep.goto(`${e2e.app.server.url}/settings?lang=zh-CN`);
    const nav = rep.getByRole('navigation', { name: '设置分区' });
    await nav.waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['赢单门槛', '大客户', '团队成员', 'API 令牌']);
    await nav.getByRole('link', { name: 'API 令牌' }).click();
    await expect.poll(() => nav.getByRole('link', { name: 'API 令牌' }).getAttribute('aria-current')).toBe('true');
    // Sticky under the app's header once the page has scrolled (smoothly) down to the last card.
    await expect.poll(() => rep.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    const box = (await nav.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(50);
    expect(box.y).toBeLessThan(70);
  });

  it('on a phone the current chip scrolls into the row', async () => {
    const admin = await e2e.app.newPage({ viewport: { width: 390, height: 844 } });
    await e2e.app.login(admin, 'admin@demo.test');
    await admin.goto(`${e2e.app.server.url}/settings?lang=en#settings-webhooks`);
    const nav = admin.getByRole('navigation', { name: 'Settings sections' });
    const chip = nav.getByRole('link', { name: 'Webhooks' });
    await expect.poll(() => chip.getAttribute('aria-current')).toBe('true');
    await expect.poll(async () => (await chip.boundingBox())!.x + (await chip.boundingBox())!.width).toBeLessThanOrEqual(390);
  });
});
