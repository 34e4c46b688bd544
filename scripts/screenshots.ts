/**
 * Take the README's screenshots from a freshly seeded server: `npm run screenshots`.
 * Needs a built client (`npm run build`).
 */
import { mkdirSync } from 'node:fs';
import { launchBrowser } from '../test/helpers/browser';
import { startTestServer } from '../test/helpers/server';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
const server = await startTestServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/login?lang=en`);
  await page.getByLabel('Email').fill('rep1@demo.test');
  await page.getByLabel('Password').fill('dealroom-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('pipeline-table').waitFor();
  await page.screenshot({ path: `${out}/pipeline.png`, fullPage: true });
  const dealId = await page.getByRole('link', { name: 'Core banking mainframe refresh' }).getAttribute('href');
  await page.goto(`${server.url}${dealId}`);
  await page.getByTestId('info-point-4').waitFor();
  await page.screenshot({ path: `${out}/nine-points.png`, fullPage: true });
  await page.goto(`${server.url}${dealId}?lang=zh-CN`);
  await page.getByTestId('info-point-4').waitFor();
  await page.screenshot({ path: `${out}/nine-points-zh.png`, fullPage: false });
  const extra = process.argv.slice(3);
  for (const path of extra) {
    await page.goto(`${server.url}${path.replace(':deal', dealId!.split('/')[2]!)}`);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}/${path.replace(/[^a-z0-9]+/gi, '_')}.png`, fullPage: false });
  }
  await page.goto(`${server.url}/login?lang=en`);
  console.log(`Screenshots written to ${out}/`);
} finally {
  await browser.close();
  await server.stop();
}
