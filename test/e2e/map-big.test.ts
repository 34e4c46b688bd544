import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, isoDay } from '../../shared/dates';
import { loginAs } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

const PEOPLE = 120;

describe('a big buying group on the map', () => {
  let page: Page;
  let mapUrl: string;
  useE2eApp(async (app) => {
    const rep = await loginAs(app.server, 'rep1@demo.test');
    const account = await rep.trpc.account.create.mutate({ name: 'Big Group Ltd', industry: 'Retail', tier: 'B' });
    const deal = await rep.trpc.deal.create.mutate({ accountId: account.id, name: 'Big group rollout', amount: 500_000, closeDate: isoDay(addDays(new Date(), 45)) });
    // Arranged by hand on a wide grid, so zoomed in only a few cards are on screen.
    for (let i = 0; i < PEOPLE; i++) {
      await rep.trpc.stakeholder.add.mutate({ dealId: deal.id, name: `Person ${i + 1}`, title: 'Analyst', level: 'staff', decisionRole: 'user', influence: 2, stance: 'neutral', positionX: (i % 12) * 300, positionY: Math.floor(i / 12) * 220 });
    }
    page = await app.newPage();
    await app.login(page, 'rep1@demo.test');
    mapUrl = `${app.server.url}/deals/${deal.id}/map`;
  });
  const cardsInDom = () => page.locator('.react-flow__node').count();

  it('keeps only the cards on screen in the page once zoomed in, and the PNG export still draws every one', async () => {
    await page.goto(mapUrl);
    // Fitted to the screen, everyone is visible.
    await expect.poll(cardsInDom).toBe(PEOPLE);
    const map = page.getByTestId('influence-map');
    const box = (await map.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
    await expect.poll(cardsInDom).toBeLessThan(PEOPLE / 2);

    // The most cards the page held at once while the export ran.
    await page.evaluate(`(() => {
      window.__mostCards = 0;
      new MutationObserver(() => { window.__mostCards = Math.max(window.__mostCards, document.querySelectorAll('.react-flow__node').length); })
        .observe(document.querySelector('.react-flow__nodes'), { childList: true });
    })()`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('Big-group-rollout-influence-map.png');
    expect(await page.evaluate('window.__mostCards')).toBe(PEOPLE);
    // Afterwards the map is light again.
    await expect.poll(cardsInDom).toBeLessThan(PEOPLE / 2);
  });
});
