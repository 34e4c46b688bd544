import { describe, expect, it } from 'vitest';
import { expectOk, loginAs } from '../helpers/api';
import { useLoggedInDealRoom } from '../helpers/e2e';

describe('the three win thresholds in the deal room', () => {
  const room = useLoggedInDealRoom('rep1@demo.test', 'Core banking mainframe refresh');

  it('explains each missing threshold in a sentence, in English and in Chinese', async () => {
    await room.page.goto(`${room.dealUrl}/info?lang=en`);
    const information = room.page.getByTestId('threshold-information');
    expect(await information.getAttribute('data-passed')).toBe('false');
    await information.click();
    const reasons = room.page.getByTestId('threshold-reasons');
    await expect.poll(() => reasons.textContent()).toContain('Point 9 — Key success factors');
    await room.page.goto(`${room.dealUrl}/info?lang=zh-CN`);
    await room.page.getByTestId('threshold-information').click();
    await expect.poll(() => room.page.getByTestId('threshold-reasons').textContent()).toContain('必须确认');
    expect(await room.page.getByTestId('risk-flags').textContent()).toContain('关键反对者');
  });

  it('turns the top decision-maker mark passed after an executive meeting with the CEO, who supports us', async () => {
    // The CEO came round on the reference visit; the rep records that on the map (here through the API).
    const api = await loginAs(room.app.server, 'rep1@demo.test');
    const dealId = Number(new URL(room.dealUrl).pathname.split('/')[2]);
    const deal = await api.trpc.deal.get.query({ id: dealId });
    const ceo = deal.stakeholders.find((s) => s.name === 'Wang Jianguo')!;
    expectOk(await api.mutate('stakeholder.update', { id: ceo.id, version: ceo.version, stance: 'supporter' }));

    await room.page.goto(`${room.dealUrl}/activity?lang=en`);
    const mark = room.page.getByTestId('threshold-topDecisionMaker');
    expect(await mark.getAttribute('data-passed')).toBe('false');
    const form = room.page.getByRole('form', { name: 'Log a contact' });
    await form.getByLabel('Kind').selectOption('executive_meeting');
    await form.getByText('Wang Jianguo', { exact: true }).click();
    await form.getByLabel('What happened').fill('Reference visit debrief with the CEO: he will back us in the steering committee.');
    await form.getByRole('button', { name: 'Log contact' }).click();
    await expect.poll(() => mark.getAttribute('data-passed')).toBe('true');
    await expect.poll(() => room.page.getByTestId('activity-timeline').textContent()).toContain('Reference visit debrief');

    // The pipeline's three marks agree.
    await room.page.goto(`${room.app.server.url}/?lang=en`);
    const row = room.page.getByRole('row').filter({ hasText: 'Core banking mainframe refresh' });
    await expect.poll(() => row.locator('[data-threshold="topDecisionMaker"]').getAttribute('data-passed')).toBe('true');
  });
});
