import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, isoDay } from '../../shared/dates';
import { loginAs } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

const PEOPLE = 120;

describe('a big buying group on the map', () => {
  let page: Page;
  let mapUrl: string;
  /** A line between the first and the last person: across the middle of the map, both ends far off it once zoomed in. */
  let diagonal: number;
  /** A line along the top row: nowhere near the middle. */
  let topRow: number;
  useE2eApp(async (app) => {
    const rep = await loginAs(app.server, 'rep1@demo.test');
    const account = await rep.trpc.account.create.mutate({ name: 'Big Group Ltd', industry: 'Retail', tier: 'B' });
    const deal = await rep.trpc.deal.create.mutate({ accountId: account.id, name: 'Big group rollout', amount: 500_000, closeDate: isoDay(addDays(new Date(), 45)) });
    // Arranged by hand on a wide grid, so zoomed in only a few cards are on screen.
    const ids: number[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const added = await rep.trpc.stakeholder.add.mutate({ dealId: deal.id, name: `Person ${i + 1}`, title: 'Analyst', level: 'staff', decisionRole: 'user', influence: 2, stance: 'neutral', positionX: (i % 12) * 300, positionY: Math.floor(i / 12) * 220 });
      ids.push(added.id);
    }
    diagonal = (await rep.trpc.relationship.add.mutate({ dealId: deal.id, fromStakeholderId: ids[0]!, toStakeholderId: ids[PEOPLE - 1]!, kind: 'influences' })).id;
    topRow = (await rep.trpc.relationship.add.mutate({ dealId: deal.id, fromStakeholderId: ids[0]!, toStakeholderId: ids[11]!, kind: 'rivals' })).id;
    page = await app.newPage();
    await app.login(page, 'rep1@demo.test');
    mapUrl = `${app.server.url}/deals/${deal.id}/map`;
  });
  const cardsInDom = () => page.locator('.react-flow__node').count();
  const cardIds = () => page.locator('.react-flow__node').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-id')!));
  const viewport = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const lineDrawn = (id: number) => page.getByTestId(`rf__edge-rel-${id}`).locator('path.react-flow__edge-path').count();
  /** Zoomed in on the middle of the map, at reading distance. */
  async function zoomIn() {
    await page.goto(mapUrl);
    await expect.poll(cardsInDom).toBe(PEOPLE);
    const box = (await page.getByTestId('influence-map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
    await expect.poll(cardsInDom).toBeLessThan(PEOPLE / 2);
    return box;
  }
  /** An empty spot of the map's background near its middle (dragging a card would move the card). */
  async function background(box: { x: number; y: number; width: number; height: number }) {
    const spot = await page.evaluate(`(() => {
      for (let r = 0; r < 300; r += 8) for (let a = 0; a < 360; a += 30) {
        const x = ${box.x + box.width / 2} + r * Math.cos(a), y = ${box.y + box.height / 2} + r * Math.sin(a);
        const hit = document.elementFromPoint(x, y);
        if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
      }
      return null;
    })()`);
    expect(spot).not.toBeNull();
    return spot as { x: number; y: number };
  }

  it('keeps only the cards near the screen in the page once zoomed in, and the PNG export still draws every one', async () => {
    // Fitted to the screen, everyone is visible; zoomed in, only the cards around the screen stay.
    await zoomIn();

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

  it('still draws the lines that cross the screen between two cards far off it, and leaves out the lines far away', async () => {
    await zoomIn();
    await expect.poll(() => lineDrawn(diagonal)).toBe(1);
    const path = await page.getByTestId(`rf__edge-rel-${diagonal}`).locator('path.react-flow__edge-path').getAttribute('d');
    expect(path).toMatch(/^M [-\d.]+,[-\d.]+ Q/);
    expect(await lineDrawn(topRow)).toBe(0);
  });

  it('brings the cards of the new place into the page when the map is dragged across, and keeps it light', async () => {
    const box = await zoomIn();
    const before = new Set(await cardIds());
    // Two long drags towards the top-left of the map (the zoom went in on its lower right).
    for (let drag = 0; drag < 2; drag++) {
      const grab = await background(box);
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
      await page.mouse.move(grab.x + 600, grab.y + 300, { steps: 20 });
      await page.mouse.up();
    }
    await expect.poll(async () => (await cardIds()).filter((id) => !before.has(id)).length).toBeGreaterThan(0);
    expect(await cardsInDom()).toBeLessThan(PEOPLE / 2);
  });

  it('moves the map by dragging the overview, whose window follows the view; the overview can be hidden', async () => {
    await zoomIn();
    const overview = page.getByTestId('map-overview');
    const window = overview.locator('.overview-window');
    const frame = (await overview.boundingBox())!;
    const [viewBefore, windowBefore] = [await viewport(), await window.evaluate((el) => (el as HTMLElement).style.transform)];
    await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await page.mouse.down();
    await page.mouse.move(frame.x + frame.width / 2 - 40, frame.y + frame.height / 2 - 25, { steps: 8 });
    await page.mouse.up();
    await expect.poll(viewport).not.toBe(viewBefore);
    expect(await window.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(windowBefore);
    // The window is drawn inside the overview, around the part of the map on screen.
    const drawn = (await window.boundingBox())!;
    expect(drawn.width).toBeGreaterThan(2);
    expect(drawn.width).toBeLessThan(frame.width);

    await page.getByRole('button', { name: 'Hide overview map' }).click();
    await expect.poll(() => overview.count()).toBe(0);
    await page.getByRole('button', { name: 'Show overview map' }).click();
    await expect.poll(() => overview.count()).toBe(1);
  });
});
