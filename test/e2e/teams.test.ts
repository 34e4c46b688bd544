import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e';

const TEAM = 'Key Accounts — North';
/** Screenshots for a person to look at (1440×900 and a phone), not compared by the test. */
const SHOTS = process.env.TEAMS_SHOTS_DIR;

describe('an admin manages teams in Settings', () => {
  let admin: Page;
  let manager: Page;
  const e2e = useE2eApp(async (app) => {
    admin = await app.newPage();
    await app.login(admin, 'admin@demo.test');
    manager = await app.newPage();
    await app.login(manager, 'manager@demo.test');
  });

  it('creates a team, makes the manager its manager, and the manager picks it on the stand-up', async () => {
    await admin.goto(`${e2e.app.server.url}/settings?lang=en`);
    const panel = admin.getByRole('region', { name: 'Teams' });
    await panel.getByLabel('New team name').fill(TEAM);
    await panel.getByRole('button', { name: '+ Create team' }).click();
    await panel.getByRole('status').getByText(`The team ${TEAM} was created.`).waitFor();
    const row = panel.getByRole('row').filter({ hasText: TEAM });
    expect(await row.textContent()).toContain('0 members');

    await row.getByRole('button', { name: 'Choose managers' }).click();
    const dialog = admin.getByRole('dialog', { name: `Who manages ${TEAM}` });
    await dialog.getByRole('checkbox', { name: /Morgan Li/ }).check();
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await dialog.screenshot({ path: `${SHOTS}/managers-dialog.png` });
    }
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.locator('td').nth(2).textContent()).not.toBe('No manager yet');

    if (SHOTS) {
      await admin.screenshot({ path: `${SHOTS}/settings-1440.png`, fullPage: true });
      await admin.setViewportSize({ width: 390, height: 844 });
      await admin.screenshot({ path: `${SHOTS}/settings-390.png`, fullPage: true });
      await panel.screenshot({ path: `${SHOTS}/teams-390.png` });
      await admin.setViewportSize({ width: 1440, height: 900 });
    }

    await manager.goto(`${e2e.app.server.url}/standup?lang=en`);
    const select = manager.getByTestId('standup-team');
    await select.waitFor();
    expect(await select.locator('option').allTextContents()).toContain(TEAM);
    await select.selectOption({ label: TEAM });
    await expect.poll(() => new URL(manager.url()).searchParams.get('team')).not.toBeNull();
    // A new team has no deals, so nothing changed there.
    await manager.getByText('Nothing changed in this period').waitFor();
    if (SHOTS) await manager.screenshot({ path: `${SHOTS}/standup-1440.png` });
  });
});
