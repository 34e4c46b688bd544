/**
 * The method's scoring rules as a user meets them (SPEC §4 changed, §10): an empty staff level,
 * a silent coach, an early deal that is not yet due, staleness by the team's own settings,
 * and the coach-silence setting — in English and in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { loginAs } from '../helpers/api';
import { useLoggedInDealRoom } from '../helpers/e2e';

describe('scoring by the method', () => {
  const room = useLoggedInDealRoom('manager@demo.test', 'Group-wide hospital ERP');

  it('says who is missing at staff level and which coach went silent, in English and Chinese', async () => {
    await room.page.goto(`${room.dealUrl}/map?lang=en`);
    const staff = room.page.getByTestId('breadth-staff');
    await expect.poll(() => staff.textContent()).toContain('Nobody at staff level is on the map yet — who uses the system day to day?');
    expect(await room.page.getByTestId('breadth-executive').textContent()).not.toContain('Nobody');
    await expect.poll(() => room.page.getByTestId('risk-flags').textContent()).toContain('Coach gone silent');
    expect(await room.page.getByTestId('risk-flags').textContent()).toContain('Priya Nair');
    await room.page.goto(`${room.dealUrl}/map?lang=zh-CN`);
    await expect.poll(() => room.page.getByTestId('breadth-staff').textContent()).toContain('日常是谁在用这套系统');
    await expect.poll(() => room.page.getByTestId('risk-flags').textContent()).toContain('教练沉默');
  });

  it('shows an early deal with nothing due as not yet due, calmly, in the pipeline', async () => {
    await room.page.goto(`${room.app.server.url}/?lang=en`);
    const row = room.page.getByRole('row').filter({ hasText: 'Warehouse handheld scanners' });
    const badge = row.getByTestId('health-status');
    await expect.poll(() => badge.getAttribute('data-status')).toBe('not_yet_due');
    expect(await badge.textContent()).toBe('Not yet due');
    // The health filter offers it, and keeps only those deals.
    await room.page.getByTestId('filter-health').selectOption('not_yet_due');
    await expect.poll(() => new URL(room.page.url()).searchParams.get('health')).toBe('not_yet_due');
    const statuses = room.page.getByTestId('pipeline-table').getByTestId('health-status');
    await expect.poll(() => statuses.count()).toBe(2);
    expect(new Set(await statuses.evaluateAll((badges) => badges.map((badge) => badge.getAttribute('data-status'))))).toEqual(new Set(['not_yet_due']));
    await room.page.goto(`${room.app.server.url}/?lang=zh-CN`);
    await expect.poll(() => room.page.getByRole('row').filter({ hasText: 'Warehouse handheld scanners' }).getByTestId('health-status').textContent()).toBe('未到考核期');
  });

  it('marks an info point stale by the team’s staleDays, the same day the threshold stops counting it', async () => {
    const harbor = room.dealUrl.replace(/\/deals\/\d+/, `/deals/${(await dealId('Core banking mainframe refresh'))}`);
    // Point 4 was verified 95 days ago: stale with the default 90 days…
    await room.page.goto(`${harbor}/info?lang=en`);
    const four = room.page.getByTestId('info-point-4');
    await expect.poll(() => four.getAttribute('class')).toContain('stale');
    expect(await room.page.getByTestId('info-point-1').getAttribute('class')).not.toContain('stale');
    // …and current once the team allows 100 days; point 2, verified 12 days ago, goes stale at 10.
    const admin = await loginAs(room.app.server, 'admin@demo.test');
    const before = await admin.trpc.settings.thresholds.query();
    const lenient = await admin.trpc.settings.updateThresholds.mutate({ version: before.version, staleDays: 100 });
    await room.page.reload();
    await expect.poll(() => room.page.getByTestId('info-point-4').getAttribute('class')).not.toContain('stale');
    const strict = await admin.trpc.settings.updateThresholds.mutate({ version: lenient.version, staleDays: 10 });
    await room.page.reload();
    await expect.poll(() => room.page.getByTestId('info-point-2').getAttribute('class')).toContain('stale');
    expect(await room.page.getByTestId('info-point-1').getAttribute('class')).not.toContain('stale');
    await admin.trpc.settings.updateThresholds.mutate({ version: strict.version, staleDays: before.staleDays });
  });

  it('lets an admin set after how many days a coach counts as silent, in English and Chinese', async () => {
    const page = await room.app.newPage();
    await room.app.login(page, 'admin@demo.test');
    await page.goto(`${room.app.server.url}/settings?lang=zh-CN`);
    await expect.poll(() => page.getByLabel('教练沉默多少天后提醒（天）').inputValue()).toBe('30');
    await page.goto(`${room.app.server.url}/settings?lang=en`);
    const field = page.getByLabel('A coach goes silent after (days)');
    await expect.poll(() => field.inputValue()).toBe('30');
    await field.fill('45');
    await page.locator('.threshold-form').getByRole('button', { name: 'Save' }).click();
    const admin = await loginAs(room.app.server, 'admin@demo.test');
    await expect.poll(async () => (await admin.trpc.settings.thresholds.query()).coachSilentDays).toBe(45);
    const saved = await admin.trpc.settings.thresholds.query();
    // The form shows what was saved.
    await expect.poll(() => page.getByLabel('A coach goes silent after (days)').inputValue()).toBe('45');
    // 45 days: the hospital coach, silent for 41, is no longer flagged.
    const hospital = await admin.trpc.deal.health.query({ id: await dealId('Group-wide hospital ERP') });
    expect(hospital.flags.map((flag) => flag.code)).not.toContain('COACH_SILENT');
    await admin.trpc.settings.updateThresholds.mutate({ version: saved.version, coachSilentDays: 30 });
    await page.context().close();
  });

  async function dealId(name: string): Promise<number> {
    const api = await loginAs(room.app.server, 'manager@demo.test');
    return (await api.trpc.deal.list.query({})).items.find((deal) => deal.name === name)!.id;
  }
});
