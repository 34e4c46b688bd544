/**
 * Take the README's screenshots from a freshly seeded server: `npm run screenshots`
 * (builds the client first if needed). Every main screen, in English, plus the map
 * and the stand-up presenter in Simplified Chinese and on a 1920×1080 projector.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../test/helpers/server';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
if (!existsSync('dist/client/index.html')) execSync('npm run build', { stdio: 'inherit' });

async function loggedIn(browser: Browser, server: TestServer, email: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/login?lang=en`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('pipeline-table').waitFor();
  return page;
}

async function shot(page: Page, name: string, fullPage = false) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400); // fonts, fitView and chart animations settle
  await page.screenshot({ path: `${out}/${name}.png`, fullPage });
  console.log(`${out}/${name}.png`);
}

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const rep = await loggedIn(browser, server, 'rep1@demo.test');
  const href = await rep.getByRole('link', { name: 'Core banking mainframe refresh' }).first().getAttribute('href');
  const deal = `${server.url}/deals/${href!.split('/')[2]}`;
  await shot(rep, 'pipeline');
  await rep.goto(`${server.url}/?view=board`);
  await rep.getByTestId('pipeline-board').waitFor();
  await shot(rep, 'pipeline-board');
  await rep.goto(`${deal}/map`);
  await rep.locator('.react-flow__node').first().waitFor();
  await shot(rep, 'map');
  await rep.goto(`${deal}/info`);
  await rep.getByTestId('info-point-4').waitFor();
  await shot(rep, 'nine-points', true);
  await rep.goto(`${deal}/history`);
  await shot(rep, 'history', true);
  await rep.goto(`${deal}/map?lang=zh-CN`);
  await rep.locator('.react-flow__node').first().waitFor();
  await shot(rep, 'map-zh');
  await rep.goto(`${deal}/map?lang=en`);

  const manager = await loggedIn(browser, server, 'manager@demo.test');
  await manager.goto(`${server.url}/review`);
  await shot(manager, 'review', true);
  await manager.goto(`${server.url}/standup`);
  await manager.getByTestId('standup-deal').first().waitFor();
  await shot(manager, 'standup');
  // The account level (SPEC §11): the list with the portfolio, and a platinum account's room, in both languages.
  await manager.goto(`${server.url}/accounts`);
  await manager.getByTestId('accounts-table').waitFor();
  await shot(manager, 'accounts', true);
  const account = `${server.url}${await manager.getByTestId('accounts-table').getByRole('link', { name: 'Harbor Bank' }).getAttribute('href')}`;
  await manager.goto(account);
  await manager.locator('[data-testid=org-chart] .react-flow__node').first().waitFor();
  await shot(manager, 'account-room', true);
  await manager.goto(`${server.url}/accounts?lang=zh-CN`);
  await manager.getByTestId('accounts-table').waitFor();
  await shot(manager, 'accounts-zh', true);
  await manager.goto(`${account}?lang=zh-CN`);
  await manager.locator('[data-testid=org-chart] .react-flow__node').first().waitFor();
  await shot(manager, 'account-room-zh', true);
  await manager.goto(`${server.url}/login?lang=en`);

  const projector = await loggedIn(browser, server, 'manager@demo.test', { width: 1920, height: 1080 });
  await projector.goto(`${server.url}/standup`);
  await projector.getByTestId('standup-deal').first().waitFor();
  await projector.getByRole('button', { name: 'Present' }).click();
  await projector.getByTestId('presenter-slide').waitFor();
  await shot(projector, 'presenter-1920');
  await projector.goto(`${server.url}/standup?lang=zh-CN`);
  await projector.getByTestId('standup-deal').first().waitFor();
  await projector.getByRole('button', { name: '演示' }).click().catch(() => projector.keyboard.press('p'));
  await projector.getByTestId('presenter-slide').waitFor({ timeout: 5000 }).catch(() => undefined);
  await shot(projector, 'presenter-1920-zh');
  await projector.goto(`${server.url}/login?lang=en`);

  const admin = await loggedIn(browser, server, 'admin@demo.test');
  await admin.goto(`${server.url}/settings`);
  await shot(admin, 'settings', true);
  await admin.goto(`${server.url}/login?lang=en`);
} finally {
  await browser.close();
  await server.stop();
}
