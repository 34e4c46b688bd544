import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/domain';
import { useE2eApp, type E2eApp } from '../helpers/e2e';
import { DEAL, describeViolations, logCheckIn, logInAnyLanguage, SCREENS, seriousViolations, type Screen } from './screens';

/**
 * Deal Room on a phone (SPEC §16, issue #20): every screen at 360–390 px without sideways
 * scrolling, a header menu that reaches every destination and "Log out", and a map that
 * works with a finger — tap a card, pan, pinch — with a list of the same people beside it.
 */
const PHONE = { width: 390, height: 844 };
/** A phone-sized page; `bypassCSP` lets axe-core in (tests only). */
const phonePage = (app: E2eApp, { width = PHONE.width, browserLanguage, bypassCSP = false }: { width?: number; browserLanguage?: Locale; bypassCSP?: boolean } = {}) =>
  app.newPage({ viewport: { width, height: PHONE.height }, device: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, bypassCSP, ...(browserLanguage ? { browserLanguage } : {}) });

const menuButton = (page: Page) => page.locator('.menu-toggle');
const menu = (page: Page) => page.locator('#app-menu');

async function openMenu(page: Page): Promise<void> {
  await menuButton(page).click();
  await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('true');
  await menu(page).locator('.main-nav a').first().waitFor();
}

/** One phone page per user, in `locale`, chosen through the menu's language switch as a user would. */
async function phonePagesPerUser(app: E2eApp, locale: Locale, width: number) {
  const pages = new Map<Screen['user'], Page>();
  for (const user of [null, 'rep1@demo.test', 'manager@demo.test', 'admin@demo.test'] as const) {
    // Signed out, the page follows the phone's language; signed in, the user picks it in the menu.
    const page = await phonePage(app, { width, browserLanguage: user ? undefined : locale, bypassCSP: true });
    if (user) {
      await logInAnyLanguage(app, page, user);
      await openMenu(page);
      await menu(page).locator('.lang-switch select').selectOption(locale);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
      await page.keyboard.press('Escape');
    }
    pages.set(user, page);
  }
  const rep = pages.get('rep1@demo.test')!;
  const href = await rep.getByTestId('pipeline-table').getByRole('link', { name: DEAL }).getAttribute('href');
  const urls = { base: app.server.url, deal: `${app.server.url}${href!.replace(/\/(info|map|activity|history)$/, '')}` };
  return { pageFor: (screen: Screen) => pages.get(screen.user)!, urls, close: () => Promise.all([...pages.values()].map((page) => page.close())) };
}

/** What a finger would have to land on but could not: visible controls under 44 px tall (the map's own zoom buttons aside). */
const smallTargets = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.btn, .menu-toggle, .tab, select, input:not([type=checkbox]):not([type=radio]), textarea, #app-menu a')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => el.getBoundingClientRect().height < 43.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().height)}px`),
  );

/** One-finger and two-finger gestures, as the phone's touch screen sends them (Chrome DevTools Protocol). */
async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
}
const viewportTransform = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);

describe('Deal Room on a phone', () => {
  const e2e = useE2eApp(logCheckIn);

  it.each([
    ['en' as const, 390],
    ['zh-CN' as const, 360],
  ])('%s at %i px: no screen scrolls sideways, every control is thumb-sized, axe-core finds nothing serious', async (locale, width) => {
    const { pageFor, urls, close } = await phonePagesPerUser(e2e.app, locale, width);
    // The map's chunk and data, loaded once before the walk: a first load on a busy machine outlasts the screens' short waits.
    const rep = pageFor(SCREENS.find((screen) => screen.name === 'deal room map')!);
    await rep.goto(`${urls.deal}/map`);
    await expect.poll(() => rep.locator('.react-flow__node').count(), { timeout: 15_000 }).toBe(12);
    const overflow: string[] = [];
    const small: string[] = [];
    const violations: string[] = [];
    for (const screen of SCREENS) {
      const page = pageFor(screen);
      await screen.open(page, urls);
      expect(await page.evaluate(() => document.documentElement.lang), screen.name).toBe(locale);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width) overflow.push(`${screen.name}: ${scrollWidth} px wide`);
      small.push(...(await smallTargets(page)).map((target) => `${screen.name}: ${target}`));
      violations.push(...describeViolations(screen.name, await seriousViolations(page)));
    }
    await close();
    expect(overflow, overflow.join('\n')).toEqual([]);
    expect(small, small.join('\n')).toEqual([]);
    expect(violations, violations.join('\n')).toEqual([]);
  });

  it('the header menu reaches every destination, the language switch and Log out; Esc and a tap outside close it', async () => {
    const page = await phonePage(e2e.app, { bypassCSP: true });
    await e2e.app.login(page, 'admin@demo.test');
    // The bar's links are folded away: only the menu button shows.
    expect(await page.locator('.main-nav').isVisible()).toBe(false);
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');

    await openMenu(page);
    const open = await seriousViolations(page);
    expect(open, describeViolations('menu', open).join('\n')).toEqual([]);
    // Focus moves into the menu; Esc closes it and gives focus back to the button.
    expect(await page.evaluate(() => document.activeElement?.closest('#app-menu') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('false');
    expect(await menu(page).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('menu-toggle'))).toBe(true);

    await openMenu(page);
    await page.touchscreen.tap(200, 600); // on the page below the menu
    await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('false');

    for (const [name, path] of [
      ['Accounts', '/accounts'],
      ['Review', '/review'],
      ['Stand-up', '/standup'],
      ['Settings', '/settings'],
      ['Pipeline', '/'],
    ] as const) {
      await openMenu(page);
      const link = menu(page).getByRole('link', { name, exact: true });
      const box = (await link.boundingBox())!;
      expect(box.height, name).toBeGreaterThanOrEqual(44);
      await link.tap();
      await expect.poll(() => new URL(page.url()).pathname).toBe(path);
      // Following a link closes the menu.
      await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('false');
    }

    await openMenu(page);
    await menu(page).locator('.lang-switch select').selectOption('zh-CN');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await menu(page).getByRole('button', { name: '退出登录' }).tap();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('the deal room shows status and the three thresholds first, above the fold', async () => {
    const page = await phonePage(e2e.app);
    await e2e.app.login(page, 'rep1@demo.test');
    await page.goto(`${await e2e.app.dealUrl(page, DEAL)}/info`);
    await page.getByTestId('health-summary').waitFor();
    const rows = page.getByTestId('health-summary').locator('.threshold-row');
    expect(await rows.count()).toBe(3);
    for (const box of await Promise.all((await rows.all()).map((row) => row.boundingBox()))) expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    // …and before the facts (the amount), which follow them.
    const amount = (await page.locator('.fact-amount').boundingBox())!;
    expect(amount.y).toBeGreaterThan((await rows.last().boundingBox())!.y);
    await page.close();
  });

  it('the map answers a finger: tap a card for the panel (a sheet), drag to pan, pinch to zoom', async () => {
    const page = await phonePage(e2e.app);
    await e2e.app.login(page, 'rep1@demo.test');
    await page.goto(`${await e2e.app.dealUrl(page, DEAL)}/map`);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 10_000 }).toBe(12);
    const canvas = page.getByTestId('influence-map');
    await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));

    const ceo = page.locator('.react-flow__node', { hasText: 'Wang Jianguo' });
    await ceo.tap();
    const panel = page.getByTestId('person-panel');
    await panel.waitFor();
    expect(await panel.locator('input').first().inputValue()).toBe('Wang Jianguo');
    // A bottom sheet: the full width of the screen, down to its bottom edge.
    const sheet = (await panel.boundingBox())!;
    expect(sheet.x).toBe(0);
    expect(sheet.width).toBe(PHONE.width);
    expect(Math.round(sheet.y + sheet.height)).toBe(PHONE.height);
    await panel.getByRole('button', { name: 'Close' }).tap();
    await panel.waitFor({ state: 'detached' });

    const cdp = await page.context().newCDPSession(page);
    const box = (await canvas.boundingBox())!;
    // An empty spot of the canvas, below the cards, to start the gestures on.
    const start = { x: box.x + box.width / 2, y: box.y + box.height - 90 };
    const before = await viewportTransform(page);
    await touch(cdp, 'touchStart', [start]);
    for (let step = 1; step <= 6; step++) await touch(cdp, 'touchMove', [{ x: start.x - step * 10, y: start.y - step * 8 }]);
    await touch(cdp, 'touchEnd', []);
    await expect.poll(() => viewportTransform(page)).not.toBe(before);

    const scale = async () => Number(/scale\(([\d.]+)\)/.exec(await viewportTransform(page))![1]);
    const zoomBefore = await scale();
    const finger = (spread: number) => [
      { x: start.x - spread, y: start.y },
      { x: start.x + spread, y: start.y },
    ];
    await touch(cdp, 'touchStart', finger(20));
    for (let step = 1; step <= 8; step++) await touch(cdp, 'touchMove', finger(20 + step * 12));
    await touch(cdp, 'touchEnd', []);
    await expect.poll(scale).toBeGreaterThan(zoomBefore * 1.3);
    await cdp.detach();
    await page.close();
  });

  it('the list view shows the same people as cards and opens the same panel; the desktop keeps the canvas only', async () => {
    const page = await phonePage(e2e.app);
    await e2e.app.login(page, 'rep1@demo.test');
    const dealUrl = await e2e.app.dealUrl(page, DEAL);
    await page.goto(`${dealUrl}/map`);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 10_000 }).toBe(12);
    const onCanvas = (await page.locator('.react-flow__node .sh-name').allTextContents()).sort();

    await page.locator('.map-view-toggle').getByRole('button', { name: 'List' }).tap();
    const cards = page.getByTestId('person-card');
    await expect.poll(() => cards.count()).toBe(12);
    expect((await page.locator('.person-card-name').allTextContents()).sort()).toEqual(onCanvas);
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    // Influence first: the final decision-maker (5) before anyone of 3.
    const ceo = cards.filter({ hasText: 'Wang Jianguo' });
    expect(await ceo.textContent()).toContain('Final decision');
    await ceo.tap();
    const panel = page.getByTestId('person-panel');
    await panel.waitFor();
    expect(await panel.locator('input').first().inputValue()).toBe('Wang Jianguo');
    expect(await ceo.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The choice is in the URL: a reload keeps the list.
    expect(new URL(page.url()).searchParams.get('people')).toBe('list');
    await page.reload();
    await expect.poll(() => cards.count()).toBe(12);
    await page.close();

    // On a desktop the same URL shows the canvas, with no toggle.
    const desktop = await e2e.app.newPage();
    await e2e.app.login(desktop, 'rep1@demo.test');
    await desktop.goto(`${dealUrl}/map?people=list`);
    await expect.poll(() => desktop.locator('.react-flow__node').count()).toBe(12);
    expect(await desktop.locator('.map-view-toggle').count()).toBe(0);
    expect(await desktop.locator('.menu-toggle').isVisible()).toBe(false);
    await desktop.close();
  });
});
