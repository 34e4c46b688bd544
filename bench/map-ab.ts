/**
 * `BASELINE_DIST=<dist/client of another build> npx tsx bench/map-ab.ts` (THIS_DIST= a third build instead of
 * dist/client): navigation → every card in
 * the DOM for the demo deal and the 300-person map, the two builds ALTERNATING load by load (RUNS each,
 * default 7), each on a server of its own with the same data. On a shared machine whose load swings
 * within a minute, bench/map-run.ts's "all of one build, then all of the other" can put a swing between
 * them; alternating spreads it over both. Prints the medians and the ratio. Needs both builds.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser';
import { loginAs } from '../test/helpers/api';
import { openMap, seedLargeDeal, signedInPage } from './map';
import { startTestServer, type TestServer } from '../test/helpers/server';

const RUNS = Number(process.env.RUNS ?? 7);
const builds = [
  { name: 'baseline', dist: process.env.BASELINE_DIST ?? '' },
  { name: 'this build', dist: process.env.THIS_DIST ?? 'dist/client' },
];
for (const build of builds) if (!existsSync(`${build.dist}/index.html`)) throw new Error(`No build in '${build.dist}' (BASELINE_DIST, npm run build)`);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** FROM=blank loads from a blank tab (a new renderer process each time), as bench/map.ts's second figure. */
const open = (page: Page, url: string, people: number) => openMap(page, url, people, process.env.FROM === 'blank' ? 'blank' : 'site');

const servers: TestServer[] = [];
const browser = await launchBrowser();
try {
  const setups = [];
  for (const build of builds) {
    const server = await startTestServer({ env: { CLIENT_DIST: build.dist } });
    servers.push(server);
    const rep = await loginAs(server, 'rep1@demo.test');
    const demoId = (await rep.trpc.deal.list.query({})).items.find((d) => d.name === 'Core banking mainframe refresh')!.id;
    const demoPeople = (await rep.trpc.deal.get.query({ id: demoId })).stakeholders.length;
    const largeId = await seedLargeDeal(rep);
    const page = await signedInPage(browser, server);
    const cases = [
      { name: 'demo deal', url: `${server.url}/deals/${demoId}/map`, people: demoPeople },
      { name: '300 people', url: `${server.url}/deals/${largeId}/map`, people: 300 },
    ];
    // A first visit of each puts the chunks in the caches, as bench/map.ts's first run does.
    for (const c of cases) await open(page, c.url, c.people);
    setups.push({ build, page, cases, times: cases.map(() => [] as number[]) });
  }
  for (let run = 0; run < RUNS; run++) {
    for (let c = 0; c < 2; c++) {
      // Alternate which build goes first, too.
      const order = run % 2 === 0 ? setups : [...setups].reverse();
      for (const setup of order) setup.times[c]!.push(await open(setup.page, setup.cases[c]!.url, setup.cases[c]!.people));
    }
  }
  console.log(`\nNavigation → every card in the DOM, ms (${RUNS} alternating loads each; median, then every run)`);
  console.table(
    setups.flatMap((s) => s.cases.map((c, i) => ({ build: s.build.name, case: c.name, median: median(s.times[i]!), runs: s.times[i]!.join(' ') }))),
  );
  for (let c = 0; c < 2; c++) console.log(`${setups[0]!.cases[c]!.name}: this build / baseline = ${Math.round((median(setups[1]!.times[c]!) / median(setups[0]!.times[c]!)) * 100) / 100}`);
} finally {
  await browser.close();
  for (const server of servers) await server.stop();
}
