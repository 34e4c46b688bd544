/**
 * The README's phone screenshots (issue #20), from a freshly seeded server:
 * `npx tsx scripts/screenshots-phone.ts` (builds the client first if needed). A 390×844
 * touch screen at 2× — the pipeline, the menu, the deal room, the map and its list view
 * with the person sheet, the review — and the pipeline and deal room in Simplified Chinese.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../test/helpers/server';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
if (!existsSync('dist/client/index.html')) execSync('npm run build', { stdio: 'inherit' });

async function onPhone(browser: Browser, server: TestServer, email: string, lang = 'en'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.goto(`${server.url}/login?lang=${lang}`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.locator('form.login-card button[type=submit]').click();
  await page.getByTestId('pipeline-table').waitFor();
  return page;
}

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400); // fonts, fitView and chart animations settle
  await page.screenshot({ path: `${out}/phone-${name}.png` });
  console.log(`${out}/phone-${name}.png`);
}

const scrollTo = (page: Page, selector: string, offset = 64) =>
  page.locator(selector).first().evaluate((el, top) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - top), offset);

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const rep = await onPhone(browser, server, 'rep1@demo.test');
  const href = await rep.getByTestId('pipeline-table').getByRole('link', { name: 'Core banking mainframe refresh' }).getAttribute('href');
  const deal = `${server.url}/deals/${href!.split('/')[2]}`;
  await shot(rep, 'pipeline');
  await rep.locator('.menu-toggle').click();
  await shot(rep, 'menu');
  await rep.keyboard.press('Escape');

  await rep.goto(`${deal}/map`);
  await rep.locator('.react-flow__node').first().waitFor();
  await shot(rep, 'deal-room');
  await scrollTo(rep, '.tabs');
  await shot(rep, 'map');
  await rep.locator('.map-view-toggle button').nth(1).click();
  await rep.getByTestId('people-list').waitFor();
  await scrollTo(rep, '.map-view-toggle');
  await shot(rep, 'map-list');
  await rep.getByTestId('person-card').filter({ hasText: 'Chen Hao' }).tap();
  await rep.getByTestId('person-panel').waitFor();
  await shot(rep, 'person-sheet');

  const manager = await onPhone(browser, server, 'manager@demo.test');
  await manager.goto(`${server.url}/review`);
  await manager.getByTestId('review-card').first().waitFor();
  await shot(manager, 'review');
  await manager.goto(`${server.url}/accounts`);
  await manager.getByTestId('accounts-table').waitFor();
  await shot(manager, 'accounts');
  await manager.getByTestId('accounts-table').getByRole('link', { name: 'Harbor Bank' }).click();
  await manager.getByTestId('defection-watch').waitFor();
  await shot(manager, 'account-room');

  const zh = await onPhone(browser, server, 'rep1@demo.test', 'zh-CN');
  await zh.goto(`${server.url}/?lang=zh-CN`);
  await zh.getByTestId('pipeline-table').waitFor();
  await shot(zh, 'pipeline-zh');
  await zh.goto(`${deal}/map?lang=zh-CN`);
  await zh.locator('.react-flow__node').first().waitFor();
  await shot(zh, 'deal-room-zh');
} finally {
  await browser.close();
  await server.stop();
}
