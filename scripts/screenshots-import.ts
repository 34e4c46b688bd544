/**
 * Screenshots of Settings › Import (SPEC §12) with a preview that found a row error:
 * `npx tsx scripts/screenshots-import.ts` → docs/screenshots/import*.png, at 1440 × 900
 * and 390 × 844, in English and Simplified Chinese.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../test/helpers/server';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
if (!existsSync('dist/client/index.html')) throw new Error('Build the client first: npm run build:client');
const fixtures = join(import.meta.dirname, '../test/fixtures/import/salesforce');

async function importScreen(browser: Browser, server: TestServer, viewport: { width: number; height: number }, lang: 'en' | 'zh-CN', name: string) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/login?lang=en`);
  await page.getByLabel('Email').fill('manager@demo.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${server.url}/settings/import?lang=${lang}`);
  await page.getByTestId('import-input').setInputFiles(['Account.csv', 'Contact.csv', 'Opportunity-unknown-stage.csv'].map((file) => join(fixtures, file)));
  await page.locator('.import-files li').nth(2).waitFor();
  await page.getByTestId('import-preview').click();
  await page.getByTestId('import-report').waitFor();
  await page.locator('.import-map').first().evaluate((details) => ((details as HTMLDetailsElement).open = true));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log(`${out}/${name}.png`);
  await page.close();
}

const server = await startTestServer();
const browser = await launchBrowser();
try {
  await importScreen(browser, server, { width: 1440, height: 900 }, 'en', 'import');
  await importScreen(browser, server, { width: 1440, height: 900 }, 'zh-CN', 'import-zh');
  await importScreen(browser, server, { width: 390, height: 844 }, 'en', 'phone-import');
  await importScreen(browser, server, { width: 390, height: 844 }, 'zh-CN', 'phone-import-zh');
} finally {
  await browser.close();
  await server.stop();
}
