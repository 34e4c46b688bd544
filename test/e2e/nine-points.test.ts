import { describe, expect, it } from 'vitest';
import { useLoggedInDealRoom } from '../helpers/e2e';

describe('a rep works the nine information points of a real deal', () => {
  const room = useLoggedInDealRoom('rep1@demo.test', 'Core banking mainframe refresh');
  const openNinePoints = async () => {
    await room.page.goto(`${room.dealUrl}/info?lang=en`);
    await expect.poll(() => room.page.locator('[data-testid^="info-point-"]').count()).toBe(9);
  };

  it('shows the pipeline with the rep’s deals and amounts', async () => {
    await room.page.goto(`${room.app.server.url}/?lang=en`);
    const table = room.page.getByTestId('pipeline-table');
    await expect.poll(() => table.textContent()).toContain('Core banking mainframe refresh');
    expect(await table.textContent()).toContain('$4,200,000');
    // rep2's deal is not visible to rep1
    expect(await table.textContent()).not.toContain('Group-wide hospital ERP');
  });

  it('confirms point 4 with a summary, and it is still confirmed after a reload', async () => {
    await openNinePoints();
    const card = room.page.getByTestId('info-point-4');
    await card.getByRole('button', { name: 'Edit' }).click();
    const status = card.getByRole('group', { name: 'Status' });
    await status.getByText('Partial', { exact: true }).click();
    await status.getByText('Confirmed', { exact: true }).click();
    const summary = 'Steering committee of five; CEO casts the deciding vote. Verified with Chen Hao.';
    await card.getByLabel('What we know').fill(summary);
    await card.getByRole('button', { name: 'Save' }).click();
    // The editor closes only when the server has the save; until then the
    // textarea's own text already holds the summary, so wait for it to go.
    await card.getByLabel('What we know').waitFor({ state: 'detached' });
    expect(await card.textContent()).toContain(summary);
    expect(await card.getByTestId('point-status').textContent()).toBe('Confirmed');

    await room.page.reload();
    const reloaded = room.page.getByTestId('info-point-4');
    await reloaded.waitFor();
    expect(await reloaded.getByTestId('point-status').textContent()).toBe('Confirmed');
    expect(await reloaded.textContent()).toContain(summary);
    // just verified: no longer flagged as stale
    expect(await reloaded.textContent()).not.toContain('re-verify');
  });

  it('adds a next step and reorders success factors', async () => {
    await openNinePoints();
    const card = room.page.getByTestId('info-point-1');
    await card.getByPlaceholder('New next step').fill('Board pre-read for the CEO');
    await card.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => card.textContent()).toContain('Board pre-read for the CEO');

    const factors = room.page.getByTestId('success-factors');
    const first = async () => (await factors.locator('li').first().textContent()) ?? '';
    expect(await first()).toContain('Zero-downtime migration plan');
    await room.page.getByRole('button', { name: 'Move “Regulator acceptance of the new core” up' }).click();
    await expect.poll(first).toContain('Regulator acceptance of the new core');
  });

  it('switches to 简体中文 and shows the Chinese labels', async () => {
    await openNinePoints();
    await room.page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => room.page.getByTestId('info-point-4').textContent()).toContain('决策结构与影响力');
    expect(await room.page.getByTestId('info-point-2').textContent()).toContain('采购流程与采购重点');
    // The main menu's link and the deal's breadcrumb.
    expect(await room.page.getByRole('link', { name: '销售管道' }).count()).toBe(2);

    // ?lang= works on a deep link too
    await room.page.goto(`${room.dealUrl}/info?lang=en`);
    await expect.poll(() => room.page.getByTestId('info-point-4').textContent()).toContain('Decision structure');
  });
});
