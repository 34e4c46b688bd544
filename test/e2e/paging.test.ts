import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HEALTH_STATUSES, THRESHOLD_KEYS } from '../../shared/domain';
import { expectOk, loginAs, type ApiSession } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';
import { addOtherTeam } from '../helpers/world';

/**
 * The pipeline, board and review on the paged API (SPEC §13, issue #18): pages of 50 as the
 * user scrolls or asks, sort, search and filters in the URL and done by the server, the
 * review's header from review.summary.
 */
const CREATED = 120;
const STAGE = 'discover';
const tableRows = (page: Page) => page.getByTestId('pipeline-table').locator('tbody tr');
const showing = (page: Page) => page.getByTestId('showing').first().textContent();
const names = (page: Page) => page.getByTestId('pipeline-table').locator('tbody .deal-link').allTextContents();

describe('paged pipeline, board and review', () => {
  let page: Page;
  let manager: ApiSession;
  let total: number;
  const e2e = useE2eApp(async (app) => {
    manager = await loginAs(app.server, 'manager@demo.test');
    const [account] = await manager.trpc.account.list.query();
    // Deals enough for three pages, each amount different, all in one stage so one board column pages too.
    for (let i = 1; i <= CREATED; i += 1) {
      const closeDate = new Date(Date.UTC(2031, 0, 1 + i)).toISOString().slice(0, 10);
      expectOk(await manager.mutate('deal.create', { accountId: account!.id, name: `Paging deal ${String(i).padStart(3, '0')}`, amount: 1000 + ((i * 7919) % 500) * 100, closeDate, stage: STAGE }));
    }
    // The table opens on the open deals (the won and lost ones are history): ?status=all shows them too.
    total = (await manager.trpc.deal.list.query({ status: 'open' })).total;
    // A second team, so an admin sees two and gets the team filter.
    await addOtherTeam(app.server);
    page = await app.newPage();
    await app.login(page, 'manager@demo.test');
  });
  const open = async (path: string) => {
    await page.goto(`${e2e.app.server.url}${path}`);
    await page.getByTestId('showing').first().waitFor();
  };

  it('scrolling the pipeline loads the next page; "Load more" does the same from the keyboard', async () => {
    expect(total).toBeGreaterThan(100);
    await open('/?lang=en');
    expect(await tableRows(page).count()).toBe(50);
    expect(await showing(page)).toBe(`Showing 50 of ${total.toLocaleString('en')} deals`);
    // Scroll to the end: the sentinel nears the viewport and the second page arrives.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => tableRows(page).count()).toBe(100);
    await expect.poll(() => showing(page)).toBe(`Showing 100 of ${total} deals`);
    // The button, reached by keyboard: focus and Enter.
    await page.getByRole('button', { name: 'Load more' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => tableRows(page).count()).toBe(Math.min(150, total));
    const expected = [];
    for (let cursor: string | undefined, i = 0; i < 3; i += 1) {
      const next = await manager.trpc.deal.list.query({ status: 'open', cursor });
      expected.push(...next.items.map((deal) => deal.name));
      cursor = next.nextCursor ?? undefined;
    }
    expect(await names(page)).toEqual(expected.slice(0, 150));
  });

  it('the table opens on the open deals; "All" puts the won and lost ones back, in the URL', async () => {
    await open('/?lang=en');
    expect(await page.getByTestId('filter-status').inputValue()).toBe('open');
    await page.getByTestId('filter-status').selectOption('');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('all');
    const all = (await manager.trpc.deal.list.query()).total;
    expect(all).toBeGreaterThan(total);
    await expect.poll(() => showing(page)).toBe(`Showing 50 of ${all.toLocaleString('en')} deals`);
    await page.reload();
    await page.getByTestId('showing').waitFor();
    expect(await page.getByTestId('filter-status').inputValue()).toBe('');
    await page.getByTestId('filter-status').selectOption('won');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('won');
    const won = (await manager.trpc.deal.list.query({ status: 'won' })).total;
    await expect.poll(() => showing(page)).toBe(`Showing ${Math.min(50, won)} of ${won} ${won === 1 ? 'deal' : 'deals'}`);
  });

  it('a sort, a search and a filter go into the URL, survive a reload and give the server’s order', async () => {
    await open('/?lang=en');
    // Amount: ascending, then descending.
    const amount = page.getByRole('columnheader', { name: 'Amount' });
    await amount.getByRole('button').click();
    await expect.poll(() => amount.getAttribute('aria-sort')).toBe('ascending');
    await amount.getByRole('button').click();
    await expect.poll(() => amount.getAttribute('aria-sort')).toBe('descending');
    await page.getByTestId('filter-search').fill('paging deal');
    await page.getByTestId('filter-stage').selectOption(STAGE);
    // The search waits for a pause in the typing, and still keeps the stage picked meanwhile.
    await expect.poll(() => Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ lang: 'en', sort: '-amount', q: 'paging deal', stage: STAGE });
    const server = await manager.trpc.deal.list.query({ sort: '-amount', q: 'paging deal', stage: STAGE });
    // More than a page matches, so the order on screen is the server's, not one page sorted in the browser.
    expect(server.total).toBe(CREATED);
    await expect.poll(() => names(page)).toEqual(server.items.map((deal) => deal.name));

    await page.reload();
    await page.getByTestId('showing').waitFor();
    expect(await page.getByTestId('filter-search').inputValue()).toBe('paging deal');
    expect(await page.getByTestId('filter-stage').inputValue()).toBe(STAGE);
    expect(await page.getByRole('columnheader', { name: 'Amount' }).getAttribute('aria-sort')).toBe('descending');
    expect(await names(page)).toEqual(server.items.map((deal) => deal.name));
    expect(await showing(page)).toBe(`Showing ${server.items.length} of ${server.total} deals`);
  });

  it('the board pages each stage on its own, and a stage move still refreshes the columns', async () => {
    await open(`/?lang=en&view=board`);
    const column = page.locator(`[data-stage="${STAGE}"]`);
    const inStage = (await manager.trpc.deal.list.query({ stage: STAGE })).total;
    await expect.poll(() => column.getByTestId('board-card').count()).toBe(50);
    expect(await column.locator('.board-count').textContent()).toBe(String(inStage));
    await column.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => column.getByTestId('board-card').count()).toBe(Math.min(100, inStage));
    // The keyboard's move: the card's stage menu. The deal leaves this column for the next.
    const proposeBefore = (await manager.trpc.deal.list.query({ stage: 'propose' })).total;
    await page.getByLabel('Move Paging deal 001 to stage').selectOption('propose');
    await expect.poll(() => page.locator('[data-stage="propose"] .board-count').textContent()).toBe(String(proposeBefore + 1));
    await expect.poll(() => column.locator('.board-count').textContent()).toBe(String(inStage - 1));
  });

  it('the review’s header counts are review.summary’s, and its list pages worst first', async () => {
    const summary = await manager.trpc.review.summary.query();
    await open('/review?lang=en');
    for (const status of HEALTH_STATUSES.filter((s) => s !== 'closed')) {
      expect(await page.locator(`.review-total[data-status="${status}"] [data-testid="review-total-count"]`).textContent()).toBe(summary.byStatus[status].toLocaleString('en'));
    }
    for (const key of THRESHOLD_KEYS) {
      expect(await page.locator(`[data-threshold="${key}"] strong`).textContent()).toBe(summary.missing[key].toLocaleString('en'));
    }
    expect(await showing(page)).toBe(`Showing 50 of ${summary.open} deals`);
    // The cards in the server's review order (worst first, then the biggest), page one.
    const firstPage = await manager.trpc.review.pipeline.query();
    expect(await page.getByTestId('review-card').evaluateAll((cards) => cards.map((card) => Number(card.getAttribute('data-deal-id'))))).toEqual(firstPage.items.map((deal) => deal.id));
    // A tile narrows the list to its health, in the URL.
    const worst = HEALTH_STATUSES.find((s) => s !== 'closed' && summary.byStatus[s] > 0)!;
    await page.locator(`.review-total[data-status="${worst}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('health')).toBe(worst);
    await expect.poll(() => showing(page)).toBe(`Showing ${Math.min(50, summary.byStatus[worst])} of ${summary.byStatus[worst]} ${summary.byStatus[worst] === 1 ? 'deal' : 'deals'}`);
  });

  it('on a phone (390 px) the paged pipeline does not scroll sideways', async () => {
    const phone = await e2e.app.newPage({ viewport: { width: 390, height: 844 }, device: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } });
    await e2e.app.login(phone, 'manager@demo.test');
    await phone.getByTestId('showing').waitFor();
    expect(await tableRows(phone).count()).toBe(50);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => tableRows(phone).count()).toBe(100);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.close();
  });

  it('an admin who sees two teams filters by team, in the URL; a manager of one team gets no team select', async () => {
    await open('/?lang=en');
    expect(await page.getByTestId('filter-team').count()).toBe(0);
    const admin = await e2e.app.newPage();
    await e2e.app.login(admin, 'admin@demo.test');
    const teams = await (await loginAs(e2e.app.server, 'admin@demo.test')).trpc.team.list.query();
    expect(teams.length).toBe(2);
    // The demo team, with the deals made above: more than a page.
    const demo = teams.find((team) => team.name !== 'Key Accounts — West')!;
    await admin.getByTestId('filter-team').selectOption(String(demo.id));
    await expect.poll(() => new URL(admin.url()).searchParams.get('team')).toBe(String(demo.id));
    const inTeam = (await manager.trpc.deal.list.query({ teamId: demo.id, status: 'open' })).total;
    await expect.poll(() => admin.getByTestId('showing').textContent()).toBe(`Showing 50 of ${inTeam} deals`);
    await admin.close();
  });

  it('the meeting log’s deal picker asks the server as the rep types, so a deal beyond the first page is found', async () => {
    const recent = (await manager.trpc.deal.list.query({ status: 'open', sort: '-updatedAt' })).items.map((deal) => deal.name);
    const older = 'Core banking mainframe refresh';
    expect(recent).not.toContain(older);
    await page.goto(`${e2e.app.server.url}/log?lang=en`);
    await page.getByLabel('Search deals or accounts').fill('core banking');
    await expect.poll(() => page.locator('.lm-option strong').allTextContents()).toEqual([older]);
  });
});
