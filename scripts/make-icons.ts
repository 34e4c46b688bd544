/**
 * Draw the installable app's icons (the web app manifest's 192 and 512 px PNGs, and a
 * 180 px apple-touch-icon) from the favicon, in headless Chromium: `npx tsx scripts/make-icons.ts`.
 * The PNGs are committed; run this again only when the favicon changes.
 */
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../test/helpers/browser';

const svg = readFileSync('client/public/favicon.svg', 'utf8');
const browser = await launchBrowser();
try {
  for (const [size, name, maskable] of [
    [192, 'icon-192.png', false],
    [512, 'icon-512.png', false],
    [512, 'icon-maskable-512.png', true],
    [180, 'apple-touch-icon.png', true],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    // A maskable icon is cropped to a circle of 80%: its drawing stays in that safe zone on a full-bleed navy square.
    const inset = maskable ? Math.round(size * 0.12) : 0;
    const body = maskable ? `<div style="position:absolute;inset:${inset}px">${svg}</div>` : svg;
    await page.setContent(
      `<html><body style="margin:0;width:${size}px;height:${size}px;background:${maskable ? '#1e3a5f' : 'transparent'};position:relative">${body.replace('<svg ', '<svg width="100%" height="100%" ')}</body></html>`,
    );
    await page.screenshot({ path: `client/public/${name}`, omitBackground: !maskable });
    await page.close();
    console.log(`client/public/${name}`);
  }
} finally {
  await browser.close();
}
