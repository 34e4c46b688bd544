import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/dates';
import { expectOk, loginAs, type ApiSession } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

/** The deals rep1 and rep2 touch in the setup: with the seeded changes of the week, what the stand-up walks. */
/** The three check-ins below, and the Expo deal, whose champion (Fiona Ho) left the customer four days ago in the demo. */
const DEALS_CHANGED = ['Core banking mainframe refresh', 'Expo venue network build-out', 'Group-wide hospital ERP', 'Line 9 CBTC signalling platform'];

describe('the manager runs the weekly pipeline stand-up', () => {
  let page: Page;
  let manager: ApiSession;
  const e2e = useE2eApp(async (app) => {
    // A contact on three deals yesterday, so the default period (the last 7 days) has at least three deals to walk.
    const [rep1, rep2] = await Promise.all([loginAs(app.server, 'rep1@demo.test'), loginAs(app.server, 'rep2@demo.test')]);
    const yesterday = new Date(Date.now() - DAY_MS).toISOString();
    for (const [client, name] of [
      [rep1, 'Core banking mainframe refresh'],
      [rep1, 'Line 9 CBTC signalling platform'],
      [rep2, 'Group-wide hospital ERP'],
    ] as const) {
      const deal = (await client.trpc.deal.list.query()).items.find((d) => d.name === name)!;
      expectOk(await client.mutate('activity.log', { dealId: deal.id, kind: 'call', occurredAt: yesterday, stakeholderIds: [], summary: `Weekly check-in on ${name}` }));
    }
    manager = await loginAs(app.server, 'manager@demo.test');
    page = await app.newPage();
    await app.login(page, 'manager@demo.test');
  });
  const openStandup = async (lang = 'en') => {
    await page.goto(`${e2e.app.server.url}/standup?lang=${lang}`);
    await page.getByTestId('standup-period').waitFor();
  };

  it('shows what changed since the last stand-up, per rep and per deal', async () => {
    await openStandup();
    await page.getByTestId('standup-deal').first().waitFor();
    expect(await page.getByTestId('standup-period').textContent()).toContain('the last 7 days');
    const deals = await page.getByTestId('standup-deal').locator('.deal-link').allTextContents();
    expect(deals.sort()).toEqual(DEALS_CHANGED);
    const reps = await page.getByTestId('standup-rep').locator('h2').allTextContents();
    expect(reps.join(' ')).toContain('Riley Zhang');
    expect(reps.join(' ')).toContain('Sam Patel');
    expect(await page.locator('main, .page').first().textContent()).toContain('Call: Weekly check-in on Line 9 CBTC signalling platform');
    expect(await page.locator('main, .page').first().textContent()).toContain('Champion lost: Fiona Ho left the customer');
  });

  it('presents the deals one by one with the keyboard, then leaves with Esc', async () => {
    await openStandup();
    await page.getByTestId('standup-deal').first().waitFor();
    const total = await page.getByTestId('standup-deal').count();
    expect(total).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Present' }).click();
    const presenter = page.getByTestId('presenter');
    await presenter.waitFor();
    const progress = page.getByTestId('presenter-progress');
    const slide = page.getByTestId('presenter-slide');
    await expect.poll(() => progress.textContent()).toBe(`1 / ${total}`);
    const seen = [await slide.getAttribute('data-deal-id')];
    // each slide shows the three thresholds, passed or not
    expect(await slide.locator('[data-threshold]').count()).toBe(3);
    expect(await slide.textContent()).toContain('Win thresholds');

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => progress.textContent()).toBe(`2 / ${total}`);
    seen.push(await slide.getAttribute('data-deal-id'));
    await page.keyboard.press('Space');
    await expect.poll(() => progress.textContent()).toBe(`3 / ${total}`);
    seen.push(await slide.getAttribute('data-deal-id'));
    expect(new Set(seen).size).toBe(3);
    expect(await slide.locator('[data-threshold]').count()).toBe(3);

    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => progress.textContent()).toBe(`2 / ${total}`);
    expect(await slide.getAttribute('data-deal-id')).toBe(seen[1]);

    await page.keyboard.press('Escape');
    await presenter.waitFor({ state: 'detached' });
    expect(await page.getByTestId('standup-deal').count()).toBe(total);
  });

  it('marks the stand-up held; the next visit starts from it', async () => {
    await openStandup();
    await page.getByRole('button', { name: 'Mark stand-up held' }).click();
    await page.getByText('Stand-up recorded.').waitFor();
    await openStandup();
    await expect.poll(() => page.getByTestId('standup-period').textContent()).toContain('Since the last stand-up');
    await page.getByText('Nothing changed in this period').waitFor();
    expect(await page.getByTestId('standup-deal').count()).toBe(0);
  });

  it('reads in Chinese too', async () => {
    expectOk(await manager.mutate('standup.record'));
    await openStandup('zh-CN');
    await page.getByRole('heading', { name: '销售站会' }).waitFor();
    expect(await page.getByTestId('standup-period').textContent()).toContain('自上次站会');
  });
});
