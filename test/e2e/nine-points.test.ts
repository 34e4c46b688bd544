import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp, type E2eApp } from '../helpers/e2e';

describe('a rep works the nine information points of a real deal', () => {
  let app: E2eApp;
  let page: Page;
  let dealUrl: string;

  beforeAll(async () => {
    app = await startE2eApp();
    page = await app.newPage();
    await app.login(page, 'rep1@demo.test');
    dealUrl = await app.dealUrl(page, 'Core banking mainframe refresh');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the pipeline with the rep’s deals and amounts', async () => {
    await page.goto(`${app.server.url}/`);
    const table = page.getByTestId('pipeline-table');
    await expect.poll(() => table.textContent()).toContain('Core banking mainframe refresh');
    expect(await table.textContent()).toContain('$4,200,000');
    // rep2's deal is not visible to rep1
    expect(await table.textContent()).not.toContain('Group-wide hospital ERP');
  });

  it('confirms point 4 with a summary, and it is still confirmed after a reload', async () => {
    await page.goto(`${dealUrl}/info`);
    const card = page.getByTestId('info-point-4');
    await card.getByRole('button', { name: 'Edit' }).click();
    const status = card.getByRole('group', { name: 'Status' });
    await status.getByText('Partial', { exact: true }).click();
    await status.getByText('Confirmed', { exact: true }).click();
    const summary = 'Steering committee of five; CEO casts the deciding vote. Verified with Chen Hao.';
    await card.getByLabel('What we know').fill(summary);
    await card.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.textContent()).toContain(summary);
    expect(await card.getByTestId('point-status').textContent()).toBe('Confirmed');

    await page.reload();
    const reloaded = page.getByTestId('info-point-4');
    await reloaded.waitFor();
    expect(await reloaded.getByTestId('point-status').textContent()).toBe('Confirmed');
    expect(await reloaded.textContent()).toContain(summary);
    // just verified: no longer flagged as stale
    expect(await reloaded.textContent()).not.toContain('re-verify');
  });

  it('adds a next step and reorders success factors', async () => {
    const card = page.getByTestId('info-point-1');
    await card.getByPlaceholder('New next step').fill('Board pre-read for the CEO');
    await card.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => card.textContent()).toContain('Board pre-read for the CEO');

    const factors = page.getByTestId('success-factors');
    const first = async () => (await factors.locator('li').first().textContent()) ?? '';
    expect(await first()).toContain('Zero-downtime migration plan');
    await page.getByRole('button', { name: 'Move “Regulator acceptance of the new core” up' }).click();
    await expect.poll(first).toContain('Regulator acceptance of the new core');
  });

  it('switches to 简体中文 and shows the Chinese labels', async () => {
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('info-point-4').textContent()).toContain('决策结构与影响力');
    expect(await page.getByTestId('info-point-2').textContent()).toContain('采购流程与采购重点');
    expect(await page.getByRole('link', { name: '销售管道' }).count()).toBeGreaterThan(0);

    // ?lang= works on a deep link too
    await page.goto(`${dealUrl}/info?lang=en`);
    await expect.poll(() => page.getByTestId('info-point-4').textContent()).toContain('Decision structure');
  });
});
