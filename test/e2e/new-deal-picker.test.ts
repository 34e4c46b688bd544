/**
 * The new-deal picker (issue #15, docs/decisions/0029): a rep sees only the accounts they
 * manage or have a deal at, yet may open a deal on any account of their team. The picker
 * finds it by name (`account.options`), and once the deal exists the account is in the rep's
 * Accounts list. The picker speaks Chinese too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

const ACCOUNT = 'Picker Works Ltd';

describe('a rep opens a deal on an account of the team they did not see yet', () => {
  let page: Page;
  const e2e = useE2eApp(async (app) => {
    // Opened by the manager: no key-account manager and no deal, so rep2 does not see it.
    await (await loginAs(app.server, 'manager@demo.test')).trpc.account.create.mutate({ name: ACCOUNT });
    page = await app.newPage();
    await app.login(page, 'rep2@demo.test');
  });
  const accountNames = async () => {
    await page.goto(`${e2e.app.server.url}/accounts?lang=en`);
    const table = page.getByTestId('accounts-table');
    await table.waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    return (await table.textContent()) ?? '';
  };

  it('finds the account by name in the picker, creates the deal, and then sees the account', async () => {
    expect(await accountNames()).not.toContain(ACCOUNT);

    await page.goto(`${e2e.app.server.url}/?lang=en`);
    await page.getByRole('button', { name: 'New deal' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New deal' });
    await dialog.getByLabel('Find an account of your team').fill('picker');
    // The first select of the form: the account (its label's text includes the options, so a name match is ambiguous).
    const picker = dialog.locator('select').first();
    await expect.poll(async () => (await picker.locator('option').allTextContents()).join('|')).toContain(ACCOUNT);
    await picker.selectOption({ label: ACCOUNT });
    await dialog.getByLabel('Deal name').fill('Picker Works rollout');
    await dialog.getByLabel('Amount').fill('42000');
    await dialog.getByRole('button', { name: 'Create deal' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/deals\/\d+\/info$/);

    expect(await accountNames()).toContain(ACCOUNT);
  });

  it('the picker’s search reads in Chinese', async () => {
    await page.goto(`${e2e.app.server.url}/?lang=zh-CN`);
    await page.getByRole('button', { name: '新建商机' }).first().click();
    await expect.poll(() => page.getByLabel('查找本团队的客户').count()).toBe(1);
  });
});
