import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, type ApiSession } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

const BUTTON = { en: 'Path to the decision-maker', 'zh-CN': '通往决策者的路径' } as const;
type Locale = keyof typeof BUTTON;

describe('path to the decision-maker on the influence map', () => {
  let page: Page;
  let api: ApiSession;
  let demoUrl: string;
  let demoId: number;
  let lonelyUrl: string;
  useE2eApp(async (app) => {
    page = await app.newPage();
    await app.login(page, 'rep1@demo.test');
    demoUrl = await app.dealUrl(page, 'Core banking mainframe refresh');
    demoId = Number(demoUrl.split('/').pop());
    api = await loginAs(app.server, 'rep1@demo.test');
    // A deal with a final decision-maker and nobody on our side yet.
    const account = await api.trpc.account.create.mutate({ name: 'Eastgate Logistics' });
    const lonely = await api.trpc.deal.create.mutate({ accountId: account.id, name: 'Cold-chain tracking', amount: 90_000, closeDate: '2031-06-30' });
    await api.trpc.stakeholder.add.mutate({ dealId: lonely.id, name: 'Fang Yu', title: 'Managing Director', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'neutral' });
    await api.trpc.stakeholder.add.mutate({ dealId: lonely.id, name: 'Jin Bo', title: 'Fleet Manager', level: 'management', decisionRole: 'user', influence: 3, stance: 'supporter' });
    lonelyUrl = demoUrl.replace(/\d+$/, String(lonely.id));
  });

  const card = (id: number) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const openMap = async (url: string, locale: Locale) => {
    await page.goto(`${url}/map?lang=${locale}`);
    await page.locator('.react-flow__node').first().waitFor();
  };
  const pressPath = (locale: Locale) => page.getByRole('button', { name: BUTTON[locale] }).click();

  it.each(['en', 'zh-CN'] as const)('%s: highlights the demo deal’s chain to the CEO through the CIO, and names the people', async (locale) => {
    const room = await api.trpc.deal.get.query({ id: demoId });
    const person = (name: string) => room.stakeholders.find((s) => s.name === name)!;
    const [path] = (await api.trpc.deal.allyPath.query({ id: demoId })).paths;
    expect(path?.steps.slice(-2)).toEqual([person('Liu Fang').id, person('Wang Jianguo').id]);
    const onPath = new Set(path!.steps);

    await openMap(demoUrl, locale);
    await pressPath(locale);
    expect(await page.getByRole('button', { name: BUTTON[locale] }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => card(person('Wang Jianguo').id).getAttribute('class')).toContain('ally-path-on');
    for (const s of room.stakeholders) expect(await card(s.id).getAttribute('class')).toContain(onPath.has(s.id) ? 'ally-path-on' : 'ally-path-off');
    // The CIO's reporting line to the CEO is part of the chain; the risk head's to the CEO is not.
    expect(await page.locator(`.react-flow__edge[data-id="reports-${person('Liu Fang').id}"]`).getAttribute('class')).toContain('ally-path-on');
    expect(await page.locator(`.react-flow__edge[data-id="reports-${person('Huang Wei').id}"]`).getAttribute('class')).toContain('ally-path-off');

    const notice = page.getByTestId('ally-path-line');
    const text = (await notice.first().textContent()) ?? '';
    const [open, close] = locale === 'en' ? [' (', ')'] : ['（', '）'];
    expect(text).toContain(`Liu Fang${open}Chief Information Officer${close} → Wang Jianguo${open}Chief Executive Officer${close}`);
    expect(text.startsWith(locale === 'en' ? 'Via ' : '经由 ')).toBe(true);
    expect(await notice.count()).toBe(1);

    // Pressed again, the map is back to normal.
    await pressPath(locale);
    await expect.poll(() => page.locator('.ally-path-on, .ally-path-off').count()).toBe(0);
    expect(await page.getByTestId('ally-path').count()).toBe(0);
  });

  it.each([
    ['en', 'No path from an ally to Fang Yu yet — who could introduce you?'],
    ['zh-CN', '还没有从盟友通往Fang Yu的路径——谁能为你引荐？'],
  ] as const)('%s: says plainly when no ally can reach the decision-maker', async (locale, sentence) => {
    await openMap(lonelyUrl, locale);
    await pressPath(locale);
    await expect.poll(() => page.getByTestId('ally-path-line').first().textContent()).toBe(sentence);
    // Nobody is on a chain, so every card steps back.
    await expect.poll(() => page.locator('.react-flow__node.ally-path-off').count()).toBe(2);
    expect(await page.locator('.react-flow__node.ally-path-on').count()).toBe(0);
  });

  it('follows the map as it changes: an ally made on the spot opens a path', async () => {
    await openMap(lonelyUrl, 'en');
    await pressPath('en');
    await page.getByTestId('ally-path-line').first().waitFor();
    const lonelyId = Number(lonelyUrl.split('/').pop());
    const { stakeholders } = await api.trpc.deal.get.query({ id: lonelyId });
    const director = stakeholders.find((s) => s.name === 'Fang Yu')!;
    // The rep opens the director's card and marks them an ally in the side panel.
    await card(director.id).click();
    const panel = page.getByTestId('person-panel');
    await panel.getByLabel('Stance').selectOption('ally');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('ally-path-line').first().textContent()).toBe('Fang Yu (Managing Director) is on our side already — meet them directly.');
    await expect.poll(() => card(director.id).getAttribute('class')).toContain('ally-path-on');
  });
});
