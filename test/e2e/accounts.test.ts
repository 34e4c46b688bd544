/**
 * The account level in the browser (SPEC §11, issue #15): the Accounts list filtered through
 * its URL, the account room with its scorecard and org chart, a fact edited (a tier change
 * asks why, and a stale version shows the other user's values), a complaint added and
 * resolved, a practice ticked — in English, the room in Chinese, and both on a phone.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectOk, loginAs } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

const ACCOUNT = 'Harbor Bank';
/** Set SCREENSHOTS=<folder> to keep pictures of the screens this file visits. */
const SHOTS = process.env.SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('key accounts in the browser', () => {
  let page: Page;
  let roomUrl = '';
  const e2e = useE2eApp(async (app) => {
    page = await app.newPage();
    await app.login(page, 'manager@demo.test');
  });
  const base = () => e2e.app.server.url;
  const accountId = () => Number(roomUrl.split('/').pop());

  it('lists the accounts, filters them by tier through the URL, and keeps the filter on reload', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
    const table = page.getByTestId('accounts-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
    await page.getByTestId('portfolio').waitFor();

    await page.getByTestId('filter-tier').selectOption('A');
    await expect.poll(() => new URL(page.url()).searchParams.get('tier')).toBe('A');
    const tiers = async () => table.locator('tbody tr td:nth-child(2) .badge.tier').allTextContents();
    await expect.poll(async () => (await tiers()).every((text) => text.startsWith('A'))).toBe(true);
    const shown = await table.locator('tbody tr').count();

    await page.reload();
    await table.waitFor();
    expect(await page.getByTestId('filter-tier').inputValue()).toBe('A');
    expect(await table.locator('tbody tr').count()).toBe(shown);
    await shot(page, 'accounts-filtered');
  });

  it('opens the account room with its scorecard, defection watch and org chart', async () => {
    await page.goto(`${base()}/accounts?lang=en`);
    await page.getByTestId('accounts-table').getByRole('link', { name: ACCOUNT }).click();
    await page.getByTestId('scorecard').waitFor();
    roomUrl = page.url().split('?')[0]!;
    expect(roomUrl).toMatch(/\/accounts\/\d+$/);
    expect(await page.getByTestId('account-name').textContent()).toBe(ACCOUNT);
    // Never one indicator: at least the seven of SPEC §11, each with its sentence.
    expect(await page.locator('[data-indicator]').count()).toBeGreaterThanOrEqual(7);
    await page.getByTestId('defection-watch').waitFor();
    await expect.poll(() => page.locator('[data-testid=org-chart] .react-flow__node').count()).toBeGreaterThan(0);
    // A deep link works on reload.
    await page.reload();
    await page.getByTestId('scorecard').waitFor();
    await shot(page, 'account-room');
  });

  it('edits the tier with a reason, kept in the tier history', async () => {
    await page.goto(`${roomUrl}?lang=en`);
    await page.getByTestId('edit-account').click();
    const form = page.getByTestId('account-facts-form');
    const current = await form.getByTestId('tier-select').inputValue();
    const next = current === 'A' ? 'B' : 'A';
    await form.getByTestId('tier-select').selectOption(next);
    // No reason, no save: the form says why.
    await form.getByTestId('save-account').click();
    await form.getByText('Say why the tier changes.').waitFor();
    await form.getByTestId('tier-reason').fill('Orders doubled this year; the board named us preferred supplier');
    await form.getByTestId('save-account').click();
    await form.waitFor({ state: 'detached' });
    const history = page.getByTestId('tier-history');
    await history.getByText('Orders doubled this year').waitFor();
    expect(await page.getByTestId('account-facts').locator('.badge.tier').first().textContent()).toMatch(new RegExp(`^${next}`));
    // The account's own log tells it as a sentence, newest first.
    await expect.poll(() => page.getByTestId('account-history').locator('li').count()).toBeGreaterThan(0);
  });

  it('on a stale version shows the other user’s values and saves over them knowingly', async () => {
    await page.goto(`${roomUrl}?lang=en`);
    await page.getByTestId('edit-account').click();
    const form = page.getByTestId('account-facts-form');
    // Meanwhile an admin changes the industry.
    const admin = await loginAs(e2e.app.server, 'admin@demo.test');
    const { account } = await admin.trpc.account.get.query({ id: accountId() });
    expectOk(await admin.mutate('account.update', { id: account.id, version: account.version, industry: 'Retail banking' }));

    await form.getByTestId('rating-strategicValue').selectOption('5');
    await form.getByTestId('save-account').click();
    const conflict = form.getByTestId('account-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Retail banking');
    await form.getByRole('button', { name: 'Save mine anyway' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await admin.trpc.account.get.query({ id: accountId() })).account.strategicValue).toBe(5);
    // The browser logs the refused stale write (409) as an error: exactly that one, nothing else.
    const errors = e2e.app.takePageErrors();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/status of 409 \(Conflict\).*\/trpc\/account\.update/);
  });

  it('adds a complaint and resolves it', async () => {
    await page.goto(`${roomUrl}?lang=en`);
    const card = page.getByTestId('complaints');
    await card.getByTestId('add-complaint').click();
    const form = card.getByTestId('complaint-form');
    await form.getByLabel('What the customer complains about').fill('Branch terminals froze twice during month-end close');
    await form.getByLabel('Severity').selectOption('high');
    await form.getByRole('button', { name: 'Add complaint' }).click();
    const item = card.locator('.complaint').filter({ hasText: 'Branch terminals froze' });
    await item.waitFor();
    expect(await item.getAttribute('class')).toContain('open');

    await item.getByTestId('resolve-complaint').click();
    await item.getByTestId('resolution').fill('Firmware patched on every terminal; weekly check with their IT');
    await item.getByRole('button', { name: 'Mark resolved' }).click();
    await expect.poll(() => item.getAttribute('class')).toContain('resolved');
    expect(await item.textContent()).toContain('Firmware patched');
  });

  it('ticks a practice of the current phase, and it stays ticked', async () => {
    await page.goto(`${roomUrl}?lang=en`);
    // The demo ticks some already: take the first one still open.
    const box = page.getByTestId('practices').locator('input[type=checkbox]:not(:checked)').first();
    const practice = await box.getAttribute('data-practice');
    const ticked = () => page.locator(`[data-practice="${practice}"]`).isChecked();
    expect(await ticked()).toBe(false);
    await box.click();
    await expect.poll(ticked).toBe(true);
    await page.reload();
    await expect.poll(ticked).toBe(true);
    await page.locator(`[data-practice="${practice}"]`).click();
    await expect.poll(ticked).toBe(false);
  });

  it('logs an executive meeting on the account, which clears NO_EXEC_MEETING', async () => {
    await page.goto(`${base()}/accounts?lang=en`);
    const row = page.getByTestId('accounts-table').locator('tbody tr').filter({ has: page.locator('[data-flag=NO_EXEC_MEETING]') }).first();
    await row.locator('a.deal-link').click();
    const watch = page.getByTestId('defection-watch');
    await watch.locator('[data-flag=NO_EXEC_MEETING]').waitFor();
    const card = page.getByTestId('account-activities');
    await card.getByTestId('log-account-activity').click();
    const form = card.getByTestId('account-activity-form');
    expect(await form.getByLabel('Kind').inputValue()).toBe('executive_meeting');
    await form.getByLabel('Summary').fill('Quarterly review with their CEO and CIO: renewal scope agreed');
    await form.getByRole('button', { name: 'Log activity' }).click();
    await card.getByText('Quarterly review with their CEO and CIO').waitFor();
    await expect.poll(() => watch.locator('[data-flag=NO_EXEC_MEETING]').count()).toBe(0);
  });

  it('records a past order, which joins the purchase history', async () => {
    await page.goto(`${roomUrl}?lang=en`);
    const deals = page.getByTestId('account-deals');
    await deals.getByTestId('record-order').click();
    const form = deals.getByTestId('record-order-form');
    await form.getByLabel('What was ordered').fill('Branch network upgrade 2024');
    await form.getByLabel('Amount').fill('850000');
    await form.getByLabel('Closed on').fill('2024-06-28');
    await form.getByRole('button', { name: 'Record order' }).click();
    await form.waitFor({ state: 'detached' });
    const orders = page.getByTestId('purchases');
    await orders.getByRole('link', { name: 'Branch network upgrade 2024' }).waitFor();
    expect(await deals.locator('[data-status=won]').textContent()).toContain('Branch network upgrade 2024');
  });

  it('shows the list and the room in Chinese', async () => {
    await page.goto(`${base()}/accounts?lang=zh-CN`);
    await page.getByRole('heading', { name: '客户', level: 1 }).waitFor();
    expect(await page.getByTestId('accounts-table').locator('thead').textContent()).toContain('健康度');
    await page.goto(`${roomUrl}?lang=zh-CN`);
    await page.getByRole('heading', { name: '评分卡' }).waitFor();
    await page.getByRole('heading', { name: '流失预警' }).waitFor();
    await page.getByRole('heading', { name: '组织架构图' }).waitFor();
    await shot(page, 'account-room-zh');
    await page.goto(`${roomUrl}?lang=en`);
    await page.getByRole('heading', { name: 'Scorecard' }).waitFor();
  });

  it('fits a phone: the list as cards and the room without sideways scrolling', async () => {
    const phone = await e2e.app.newPage({ viewport: { width: 390, height: 844 }, device: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } });
    await e2e.app.login(phone, 'manager@demo.test');
    const fits = () => phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await phone.goto(`${base()}/accounts?lang=en`);
    await phone.getByTestId('accounts-table').waitFor();
    expect(await fits()).toBe(true);
    await shot(phone, 'phone-accounts');
    await phone.goto(`${roomUrl}?lang=en`);
    await phone.getByTestId('scorecard').waitFor();
    await phone.locator('[data-testid=org-chart] .react-flow__node').first().waitFor();
    expect(await fits()).toBe(true);
    await shot(phone, 'phone-account-room');
    await phone.close();
  });
});
