import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../server/services/webhookDelivery';
import { loginAs } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver';

const SECRET = 'whsec-e2e-0123456789abcdef';
/** Screenshots for a person to look at (1440×900 and a phone, English and Chinese), not compared by the test. */
const SHOTS = process.env.WEBHOOKS_SHOTS_DIR;

describe('an admin manages webhooks in Settings', () => {
  let admin: Page;
  let receiver: Receiver;
  const e2e = useE2eApp(async (app) => {
    receiver = await startReceiver(SECRET);
    admin = await app.newPage();
    await app.login(admin, 'admin@demo.test');
  });
  afterAll(() => receiver?.close());

  async function shoot(name: string, panelName: string) {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    const panel = admin.getByRole('region', { name: panelName });
    await admin.setViewportSize({ width: 1440, height: 900 });
    await admin.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: true });
    await panel.screenshot({ path: `${SHOTS}/${name}-panel-1440.png` });
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
    await panel.screenshot({ path: `${SHOTS}/${name}-panel-390.png` });
    await panel.getByRole('button', { name: panelName === 'Webhooks' ? 'Deliveries' : '投递记录' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('table').waitFor();
    await admin.screenshot({ path: `${SHOTS}/${name}-deliveries-390.png` });
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await admin.setViewportSize({ width: 1440, height: 900 });
  }

  it('adds a webhook, sees its delivery after a stage change, re-sends it and removes the webhook', async () => {
    const { server } = e2e.app;
    await admin.goto(`${server.url}/settings?lang=en`);
    const panel = admin.getByRole('region', { name: 'Webhooks' });
    await panel.getByText('No webhooks yet.').waitFor();

    // A scheme other than http(s) is refused before it is sent.
    await panel.getByLabel('URL').fill('ftp://example.com/hook');
    await panel.getByRole('button', { name: '+ Add webhook' }).click();
    await panel.getByText('Only http:// and https:// URLs can receive webhooks.').waitFor();

    await panel.getByLabel('URL').fill(receiver.url);
    await panel.getByRole('checkbox', { name: /Stakeholder stance changed/ }).check();
    await panel.getByRole('button', { name: 'Generate' }).click();
    expect(await panel.getByLabel('Secret').inputValue()).toMatch(/^[0-9a-f]{64}$/);
    await panel.getByLabel('Secret').fill(SECRET);
    await panel.getByRole('button', { name: '+ Add webhook' }).click();
    await panel.getByRole('status').getByText(`The webhook to ${receiver.url} was added.`).waitFor();
    const row = panel.getByRole('row').filter({ hasText: receiver.url });
    expect(await row.textContent()).toContain('…cdef');
    expect(await row.textContent()).toContain('Stakeholder stance changed');

    // A rep moves a deal on; the deliverer sends the event.
    const rep = await loginAs(server, 'rep1@demo.test');
    const accountId = (await rep.trpc.deal.list.query()).items[0]!.accountId;
    const deal = await rep.trpc.deal.create.mutate({ accountId, name: 'Webhook e2e deal', amount: 1, closeDate: '2031-01-01' });
    await rep.trpc.deal.update.mutate({ id: deal.id, version: deal.version, stage: 'discover' });
    await deliverDue(server.database.db, server.clock.now, { timeoutMs: 5_000 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.signatureValid).toBe(true);

    await row.getByRole('button', { name: 'Deliveries' }).click();
    const dialog = admin.getByRole('dialog', { name: `Deliveries to ${receiver.url}` });
    const delivery = dialog.getByRole('row').filter({ hasText: 'Deal stage changed' });
    await delivery.getByText('Delivered').waitFor();
    expect(await delivery.textContent()).toContain('200');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await dialog.screenshot({ path: `${SHOTS}/deliveries-dialog.png` });
    }
    await delivery.getByRole('button', { name: /Re-send/ }).click();
    await delivery.getByText('Pending').waitFor();
    await deliverDue(server.database.db, server.clock.now, { timeoutMs: 5_000 });
    expect(receiver.received.map((r) => r.json.id)).toEqual([receiver.received[0]!.json.id, receiver.received[0]!.json.id]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await shoot('settings-webhooks-en', 'Webhooks');
    await admin.goto(`${server.url}/settings?lang=zh-CN`);
    await admin.getByRole('region', { name: 'Webhook' }).getByRole('row').filter({ hasText: receiver.url }).waitFor();
    await shoot('settings-webhooks-zh', 'Webhook');
    await admin.goto(`${server.url}/settings?lang=en`);

    await row.getByRole('button', { name: 'Remove' }).click();
    await admin.getByRole('dialog', { name: 'Remove webhook' }).getByRole('button', { name: 'Remove' }).click();
    await panel.getByText('No webhooks yet.').waitFor();
  });
});
