/**
 * SPEC §10 in the browser: a rep snoozes a risk flag from the deal room with a reason,
 * sees it dimmed and explained after a reload, and wakes it — in English and Chinese.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, isoDay } from '../../shared/dates';
import { loginAs } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

const deals: Record<'en' | 'zh-CN', number> = { en: 0, 'zh-CN': 0 };
const holder = useE2eApp(async (app) => {
  const rep = await loginAs(app.server, 'rep1@demo.test');
  const account = await rep.trpc.account.create.mutate({ name: 'Lakeshore Freight' });
  for (const lang of ['en', 'zh-CN'] as const) {
    // A deal with nobody mapped yet raises NO_COACH (among others).
    deals[lang] = (await rep.trpc.deal.create.mutate({ accountId: account.id, name: `Fleet telematics (${lang})`, amount: 420_000, closeDate: '2031-03-31', stage: 'discover' })).id;
  }
});

const LABELS = {
  en: { open: 'Snooze the flag “No coach”', until: 'Snooze until', reason: 'Why it can wait', save: 'Snooze flag', wake: 'Wake now: the flag “No coach”', note: 'Snoozed until', by: '(Riley Zhang)' },
  'zh-CN': { open: '暂缓风险提示「没有教练」', until: '暂缓至', reason: '为什么可以先放一放', save: '暂缓提示', wake: '立即恢复风险提示「没有教练」', note: '已暂缓至', by: '（Riley Zhang）' },
} as const;

async function openDeal(page: Page, lang: 'en' | 'zh-CN') {
  await page.goto(`${holder.app.server.url}/deals/${deals[lang]}?lang=${lang}`);
  await page.getByTestId('risk-flags').waitFor();
}

describe.each(['en', 'zh-CN'] as const)('snoozing a flag from the deal room (%s)', (lang) => {
  const text = LABELS[lang];
  const reason = lang === 'en' ? 'Lunch with the fleet manager on Friday: he may coach us' : '周五与车队经理午餐，他可能成为我们的教练';

  it('snoozes “No coach” with a reason; after a reload it is dimmed and explained; Wake now brings it back', async () => {
    const page = await holder.app.newPage();
    await holder.app.login(page, 'rep1@demo.test');
    await openDeal(page, lang);
    const flag = page.locator('[data-testid="risk-flags"] li[data-code="NO_COACH"]');
    await flag.getByRole('button', { name: text.open }).click();

    const form = page.getByRole('form', { name: text.open });
    const until = form.getByLabel(text.until);
    // Two weeks ahead is offered; at most 90 days may be picked.
    expect(await until.inputValue()).toBe(isoDay(addDays(new Date(), 14)));
    expect(await until.getAttribute('max')).toBe(isoDay(addDays(new Date(), 90)));
    expect(await form.getByRole('button', { name: text.save }).isDisabled()).toBe(true);
    await form.getByLabel(text.reason).fill(reason);
    await form.getByRole('button', { name: text.save }).click();
    await expect.poll(() => flag.getAttribute('data-snoozed')).toBe('true');

    await page.reload();
    await page.getByTestId('risk-flags').waitFor();
    const note = flag.getByTestId('flag-snoozed');
    await expect.poll(() => note.textContent()).toContain(text.note);
    expect(await note.textContent()).toContain(reason);
    expect(await note.textContent()).toContain(text.by);
    // The other flags stay awake.
    expect(await page.locator('[data-testid="risk-flags"] li[data-code="NO_DECISION_MAKER"]').getAttribute('data-snoozed')).toBeNull();

    await flag.getByRole('button', { name: text.wake }).click();
    await expect.poll(() => flag.getAttribute('data-snoozed')).toBeNull();
    expect(await flag.getByTestId('flag-snoozed').count()).toBe(0);
    await page.close();
  });
});
