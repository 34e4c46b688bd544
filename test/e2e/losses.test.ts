/**
 * SPEC §10 in the browser: a rep closes a deal as lost from the deal room — the dialog
 * shows the server's refusal inline until the cause is given, asks for the competitor
 * when a competitor won — and the manager finds the loss, its cause and what it lacked
 * in the Review's "Lost and won" section; in English and Chinese. The board opens the
 * same dialog instead of moving a card to Lost.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

type Lang = 'en' | 'zh-CN';
const deals: Record<Lang | 'board', number> = { en: 0, 'zh-CN': 0, board: 0 };
const NAMES: Record<Lang | 'board', string> = { en: 'Port crane telemetry (en)', 'zh-CN': 'Port crane telemetry (zh)', board: 'Yard gate automation' };

const holder = useE2eApp(async (app) => {
  const rep = await loginAs(app.server, 'rep1@demo.test');
  const account = await rep.trpc.account.create.mutate({ name: 'Bayside Container Terminal' });
  for (const key of ['en', 'zh-CN', 'board'] as const) {
    deals[key] = (await rep.trpc.deal.create.mutate({ accountId: account.id, name: NAMES[key], amount: 1_250_000, closeDate: '2031-03-31', stage: 'negotiate' })).id;
  }
});

const TEXT = {
  en: { open: 'Mark as lost', cause: 'Cause', lostTo: 'Lost to', reason: 'Loss reason', submit: 'Close as lost', causeError: 'Loss cause', competitor: 'A competitor won', section: 'Lost and won', to: 'to Orbit Core Systems', lostWithout: 'Lost without it' },
  'zh-CN': { open: '标记为丢单', cause: '丢单归因', lostTo: '输给', reason: '丢单原因', submit: '关闭为丢单', causeError: '丢单归因', competitor: '竞争对手赢单', section: '丢单与赢单', to: '输给 Orbit Core Systems', lostWithout: '丢单中缺此门槛' },
} as const;

async function signedIn(email: string): Promise<Page> {
  const page = await holder.app.newPage();
  await holder.app.login(page, email);
  return page;
}

describe.each(['en', 'zh-CN'] as const)('losing a deal with its cause (%s)', (lang) => {
  const text = TEXT[lang];
  const reason = lang === 'en' ? 'Their CIO chose the incumbent’s cloud core.' : '客户 CIO 选择了现有供应商的云核心方案。';

  it('the dialog refuses a loss without a cause inline, takes the competitor, and the deal room shows the analysis', async () => {
    const page = await signedIn('rep1@demo.test');
    await page.goto(`${holder.app.server.url}/deals/${deals[lang]}?lang=${lang}`);
    await page.getByRole('button', { name: text.open }).click();
    const form = page.getByTestId('lose-deal-form');
    await form.getByLabel(text.reason).fill(reason);
    await form.getByRole('button', { name: text.submit }).click();
    // The server's refusal, on the field it names; the dialog stays open with what was typed.
    await expect.poll(() => form.getByRole('alert').textContent()).toContain(text.causeError);
    expect(await form.locator('label.invalid').count()).toBe(1);
    expect(await form.getByLabel(text.reason).inputValue()).toBe(reason);
    // The browser logs the refused request (400) as an error: exactly that one, nothing else.
    const errors = holder.app.takePageErrors();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/status of 400 \(Bad Request\).*\/trpc\/deal\.update/);
    // The competitor's name is asked for only when a competitor won.
    expect(await form.getByLabel(text.lostTo).count()).toBe(0);
    await form.getByLabel(text.cause).selectOption('competitor');
    await form.getByLabel(text.lostTo).fill('Orbit Core Systems');
    await form.getByRole('button', { name: text.submit }).click();

    const cause = page.getByTestId('loss-cause');
    await expect.poll(() => cause.textContent()).toBe(`${text.competitor} — Orbit Core Systems`);
    expect(await page.getByText(reason).count()).toBe(1);
    expect(await page.getByTestId('closed-thresholds').locator('[data-passed]').count()).toBe(3);
  });

  it('the manager sees the loss in the Review’s Lost and won section, with its cause, competitor and thresholds at the close', async () => {
    const page = await signedIn('manager@demo.test');
    await page.goto(`${holder.app.server.url}/review?lang=${lang}`);
    const section = page.getByTestId('loss-review');
    await section.getByRole('heading', { name: text.section }).waitFor();
    const row = section.locator(`[data-testid="lost-deals"] tr[data-deal-id="${deals[lang]}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(NAMES[lang]);
    expect(await row.textContent()).toContain(text.competitor);
    expect(await row.textContent()).toContain(text.to);
    expect(await row.getByTestId('closed-thresholds').locator('[data-passed="false"]').count()).toBeGreaterThan(0);
    // The demo's lost deal to a competitor is there too: at least two by that cause.
    const competitorCount = Number(await section.locator('[data-testid="loss-by-cause"] li[data-cause="competitor"] .loss-bar-count').textContent());
    expect(competitorCount).toBeGreaterThanOrEqual(2);
    expect(await section.getByRole('columnheader', { name: text.lostWithout }).count()).toBe(1);
  });
});

describe('the board', () => {
  it('moving a card to Lost opens the dialog instead; cancelling leaves the deal where it was, a cause closes it', async () => {
    const page = await signedIn('rep1@demo.test');
    await page.goto(`${holder.app.server.url}/?view=board&lang=en`);
    const card = page.getByTestId('board-card').filter({ hasText: NAMES.board });
    await card.getByRole('combobox').selectOption('lost');
    const form = page.getByTestId('lose-deal-form');
    await form.waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => form.isVisible()).toBe(false);
    expect(await page.locator('[data-stage="negotiate"]').getByText(NAMES.board).count()).toBe(1);

    await card.getByRole('combobox').selectOption('lost');
    await form.getByLabel('Cause').selectOption('price');
    await form.getByLabel('Loss reason').fill('Their budget halved after the merger.');
    await form.getByRole('button', { name: 'Close as lost' }).click();
    await expect.poll(() => page.locator('[data-stage="lost"]').getByText(NAMES.board).count()).toBe(1);
  });
});
