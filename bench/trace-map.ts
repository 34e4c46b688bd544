/**
 * `npx tsx bench/trace-map.ts`: where the time goes when the demo map opens. Prints the
 * network waterfall (every script and API request, from navigation start: when it was
 * asked for, when its answer had arrived) and when every card was in the DOM, for a
 * cold load (fresh browser context) and a warm one (service worker and HTTP cache in).
 * LARGE=1 traces the 300-person map of bench/map.ts too. Needs a built client. The figures to compare with a baseline are bench/map.ts's; this
 * is the diagnosis behind them.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser';
import { loginAs } from '../test/helpers/api';
import { seedLargeDeal } from './map';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../test/helpers/server';

export interface TraceRow {
  what: string;
  startMs: number;
  endMs: number;
}
export interface MapTrace {
  rows: TraceRow[];
  allCardsMs: number;
}

/** Resource timings of one navigation, shortened to what a reader scans for: file or procedure names. */
const READ_ENTRIES = `(() => performance.getEntriesByType('resource')
  .filter((e) => /\\/assets\\/.+\\.js|\\/trpc\\//.test(e.name))
  .map((e) => ({ what: decodeURIComponent(new URL(e.name).pathname.replace(/^\\/(assets|trpc)\\//, '')), startMs: Math.round(e.startTime), endMs: Math.round(e.responseEnd) }))
  .sort((a, b) => a.startMs - b.startMs))()`;

async function traceOnce(browser: Browser, server: TestServer, url: string, people: number, warm: boolean): Promise<MapTrace> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/login?lang=en`);
    await page.getByLabel('Email').fill('rep1@demo.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('pipeline-table').waitFor();
    if (warm) {
      // A first visit puts the chunks in the caches; the second is the one traced.
      await page.goto(url);
      await page.locator('.react-flow__node').nth(people - 1).waitFor();
      await page.goto('about:blank');
    }
    await page.goto(url);
    const handle = await page.waitForFunction((count) => (document.querySelectorAll('.react-flow__node').length >= count ? performance.now() : 0), people, { polling: 'raf', timeout: 30_000 });
    const allCardsMs = Math.round((await handle.jsonValue()) as number);
    const rows = await page.evaluate<TraceRow[]>(READ_ENTRIES);
    return { rows, allCardsMs };
  } finally {
    await context.close();
  }
}

export async function traceMap(server: TestServer, dealId: number, people: number): Promise<{ cold: MapTrace; warm: MapTrace }> {
  const browser = await launchBrowser();
  try {
    const url = `${server.url}/deals/${dealId}/map`;
    return { cold: await traceOnce(browser, server, url, people, false), warm: await traceOnce(browser, server, url, people, true) };
  } finally {
    await browser.close();
  }
}

export function printTrace(name: string, trace: MapTrace): void {
  console.log(`\n${name}: every card in the DOM at ${trace.allCardsMs} ms`);
  const scale = Math.max(trace.allCardsMs, ...trace.rows.map((row) => row.endMs)) / 60;
  for (const row of trace.rows) {
    const bar = ' '.repeat(Math.round(row.startMs / scale)) + '█'.repeat(Math.max(1, Math.round((row.endMs - row.startMs) / scale)));
    console.log(`${String(row.startMs).padStart(5)}–${String(row.endMs).padEnd(5)} ${bar.padEnd(62)} ${row.what.slice(0, 70)}`);
  }
}

if (process.argv[1]?.endsWith('trace-map.ts')) {
  if (!existsSync('dist/client/index.html')) throw new Error('Build the client first: npm run build');
  const server = await startTestServer();
  try {
    const rep = await loginAs(server, 'rep1@demo.test');
    const deals = (await rep.trpc.deal.list.query({})).items;
    const demoId = deals.find((d) => d.name === 'Core banking mainframe refresh')!.id;
    const room = await rep.trpc.deal.get.query({ id: demoId });
    const trace = await traceMap(server, demoId, room.stakeholders.length);
    printTrace('Demo map, cold (fresh context)', trace.cold);
    printTrace('Demo map, warm (chunks cached)', trace.warm);
    if (process.env.LARGE) {
      const large = await traceMap(server, await seedLargeDeal(rep), 300);
      printTrace('300 people, 450 relationships, warm', large.warm);
    }
  } finally {
    await server.stop();
  }
}
