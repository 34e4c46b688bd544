import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp, type E2eApp } from '../helpers/e2e';

describe('a rep brings a teammate onto a deal from the deal-room header', () => {
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

  it('the header shows the owner and no teammates yet', async () => {
    await page.goto(dealUrl);
    const team = page.getByRole('group', { name: 'Deal team' });
    await expect.poll(() => team.textContent()).toContain('Riley Zhang');
    expect(await team.textContent()).toContain('Owner');
    expect(await team.textContent()).not.toContain('Sam Patel');
  });

  it('rep1 adds Sam Patel, and rep2 then sees the deal in their pipeline', async () => {
    const team = page.getByRole('group', { name: 'Deal team' });
    await team.getByRole('button', { name: 'Add teammate' }).click();
    const picker = team.getByRole('combobox', { name: 'Add teammate' });
    await expect.poll(async () => (await picker.locator('option').allTextContents()).join('|')).toContain('Sam Patel');
    // The owner is already on the deal, so they are not offered.
    expect((await picker.locator('option').allTextContents()).join('|')).not.toContain('Riley Zhang');
    await picker.selectOption({ label: 'Sam Patel · Sales rep' });
    await team.getByRole('button', { name: 'Remove Sam Patel from the deal team' }).waitFor();

    await page.reload();
    await page.getByRole('group', { name: 'Deal team' }).getByRole('button', { name: 'Remove Sam Patel from the deal team' }).waitFor();

    const rep2 = await app.newPage();
    await app.login(rep2, 'rep2@demo.test');
    const pipeline = rep2.getByTestId('pipeline-table');
    await expect.poll(() => pipeline.textContent()).toContain('Core banking mainframe refresh');
    await rep2.getByRole('link', { name: 'Core banking mainframe refresh' }).first().click();
    const theirTeam = rep2.getByRole('group', { name: 'Deal team' });
    await expect.poll(() => theirTeam.textContent()).toContain('Sam Patel');
    await rep2.close();
  });

  it('removing Sam Patel (after confirming) takes the deal out of their pipeline', async () => {
    const team = page.getByRole('group', { name: 'Deal team' });
    await team.getByRole('button', { name: 'Remove Sam Patel from the deal team' }).click();
    const question = page.getByRole('dialog', { name: 'Remove Sam Patel from the deal team' });
    await question.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => team.textContent()).not.toContain('Sam Patel');

    const rep2 = await app.newPage();
    await app.login(rep2, 'rep2@demo.test');
    await expect.poll(() => rep2.getByTestId('pipeline-table').textContent()).toContain('Group-wide hospital ERP');
    expect(await rep2.getByTestId('pipeline-table').textContent()).not.toContain('Core banking mainframe refresh');
    await rep2.close();
  });
});
