import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp, type E2eApp } from '../helpers/e2e';
import { loginAs } from '../helpers/server';

describe('the three win thresholds in the deal room', () => {
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

  it('explains each missing threshold in a sentence, in English and in Chinese', async () => {
    await page.goto(`${dealUrl}/info?lang=en`);
    const information = page.getByTestId('threshold-information');
    expect(await information.getAttribute('data-passed')).toBe('false');
    await information.click();
    const reasons = page.getByTestId('threshold-reasons');
    await expect.poll(() => reasons.textContent()).toContain('Point 9 — Key success factors');
    await page.goto(`${dealUrl}/info?lang=zh-CN`);
    await page.getByTestId('threshold-information').click();
    await expect.poll(() => page.getByTestId('threshold-reasons').textContent()).toContain('必须确认');
    expect(await page.getByTestId('risk-flags').textContent()).toContain('关键反对者');
    await page.goto(`${dealUrl}/info?lang=en`);
  });

  it('turns the top decision-maker mark passed after an executive meeting with the CEO, who supports us', async () => {
    // The CEO came round on the reference visit; the rep records that on the map (here through the API).
    const api = await loginAs(app.server, 'rep1@demo.test');
    const dealId = Number(new URL(dealUrl).pathname.split('/')[2]);
    const room = (await api.query('deal.get', { id: dealId })).data;
    const ceo = room.stakeholders.find((s: { name: string }) => s.name === 'Wang Jianguo');
    expect((await api.mutate('stakeholder.update', { id: ceo.id, version: ceo.version, stance: 'supporter' })).ok).toBe(true);

    await page.goto(`${dealUrl}/activity`);
    const mark = page.getByTestId('threshold-topDecisionMaker');
    expect(await mark.getAttribute('data-passed')).toBe('false');
    const form = page.getByRole('form', { name: 'Log a contact' });
    await form.getByLabel('Kind').selectOption('executive_meeting');
    await form.getByText('Wang Jianguo', { exact: true }).click();
    await form.getByLabel('What happened').fill('Reference visit debrief with the CEO: he will back us in the steering committee.');
    await form.getByRole('button', { name: 'Log contact' }).click();
    await expect.poll(() => mark.getAttribute('data-passed')).toBe('true');
    await expect.poll(() => page.getByTestId('activity-timeline').textContent()).toContain('Reference visit debrief');

    // The pipeline's three marks agree.
    await page.goto(`${app.server.url}/`);
    const row = page.getByRole('row').filter({ hasText: 'Core banking mainframe refresh' });
    await expect.poll(() => row.locator('[data-threshold="topDecisionMaker"]').getAttribute('data-passed')).toBe('true');
  });
});
