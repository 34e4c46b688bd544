/**
 * The influence map in headless Chromium: a deal with 300 stakeholders and 450
 * relationships, side by side with the 12-person demo deal in the same run.
 * Figures: time from navigation to every card rendered, and frame times while
 * panning the zoomed-in map (requestAnimationFrame deltas).
 */
import type { Browser, Page } from 'playwright-core';
import { addDays, isoDay } from '../shared/dates';
import { launchBrowser } from '../test/helpers/browser';
import { loginAs, type ApiSession } from '../test/helpers/api';
import { DEMO_PASSWORD, type TestServer } from '../test/helpers/server';

export interface MapCase {
  name: string;
  people: number;
  relationships: number;
  /**
   * Navigation start → every `.react-flow__node` in the DOM (median of the runs), the tab coming from
   * another page of the site (`/healthz`), as when the app is open already: the figure of issue #18.
   */
  allNodesMs: number;
  runsMs: number[];
  /**
   * The same from `about:blank`: Chromium then starts a renderer process for the site before the page
   * can run (site isolation; a desktop Chrome keeps a spare one ready, headless does not) — 250–500 ms
   * on a loaded 2-core machine that none of the app's code is in.
   */
  fromBlankMs: number;
  fromBlankRunsMs: number[];
  /** Navigation start → every line (`.react-flow__edge`) in the DOM too: lines join the cards after their first paint (ADR 32). */
  allLinesMs: number;
  pan: { frames: number; p50: number; p95: number; over50: number };
  /** Cards in the DOM once zoomed in to reading distance (off-screen ones are skipped on big maps). */
  renderedZoomedIn: number;
}
export interface MapFigure {
  demo: MapCase;
  large: MapCase;
  /** 1,000 people and 1,500 relationships: "still usable" (issue #18), not a target of its own. */
  huge: MapCase;
  ratio: { allNodes: number; panP95: number };
  chunks: { file: string; kb: number }[];
}

const LEVELS = ['executive', 'management', 'staff'] as const;
const KINDS = ['influences', 'allied', 'rivals'] as const;
const STANCES = ['ally', 'supporter', 'neutral', 'skeptic', 'opponent', 'unknown'] as const;
const ROLES = ['decision_maker', 'influencer', 'evaluator', 'user', 'gatekeeper', 'procurement'] as const;

/** A deterministic PRNG, so every run maps the same buying group. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * 6 executives, 54 managers and the rest staff in one reporting tree, laid out by hand on a
 * 20-column grid (as a rep who arranged a big map would have it), and the relationships at random.
 */
export async function seedLargeDeal(rep: ApiSession, people = 300, relationships = 450): Promise<number> {
  const account = await rep.trpc.account.create.mutate({ name: `Bench Conglomerate ${people}`, industry: 'Manufacturing', tier: 'A' });
  const closeDate = isoDay(addDays(new Date(), 60));
  const deal = await rep.trpc.deal.create.mutate({ accountId: account.id, name: `Bench: ${people}-person buying group`, amount: 9_000_000, closeDate });
  const rand = random(42);
  const contacts: number[] = [];
  const ids: number[] = [];
  for (let i = 0; i < people; i++) {
    const level = LEVELS[i < 6 ? 0 : i < 60 ? 1 : 2];
    const boss = i === 0 ? undefined : i < 6 ? contacts[0] : i < 60 ? contacts[1 + (i % 5)] : contacts[6 + (i % 54)];
    const added = await rep.trpc.stakeholder.add.mutate({
        dealId: deal.id,
        name: `Person ${String(i + 1).padStart(3, '0')}`,
        title: `${level} #${i + 1}`,
        level,
        ...(boss ? { reportsToContactId: boss } : {}),
        decisionRole: i === 0 ? 'final_decision_maker' : ROLES[i % ROLES.length]!,
        influence: 1 + Math.floor(rand() * 5),
        stance: STANCES[Math.floor(rand() * STANCES.length)],
        isCoach: i % 37 === 0,
        positionX: (i % 20) * 300,
        positionY: Math.floor(i / 20) * 220,
      });
    contacts.push(added.contactId);
    ids.push(added.id);
  }
  const seen = new Set<string>();
  while (seen.size < relationships) {
    const from = ids[Math.floor(rand() * ids.length)]!;
    const to = ids[Math.floor(rand() * ids.length)]!;
    const pair = from < to ? `${from}-${to}` : `${to}-${from}`;
    if (from === to || seen.has(pair)) continue;
    seen.add(pair);
    await rep.trpc.relationship.add.mutate({ dealId: deal.id, fromStakeholderId: from, toStakeholderId: to, kind: KINDS[seen.size % 3]!, strength: 1 + (seen.size % 3) });
  }
  return deal.id;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const round = (value: number) => Math.round(value * 10) / 10;

/** Where a load starts: another page of the site (the renderer process is the site's already), or a blank tab. */
export type LoadFrom = 'site' | 'blank';

/**
 * Loads `url` in `page` from `from` and returns navigation start → every card in the DOM, ms.
 * `/healthz` is the site's lightest page, and the service worker leaves it to the server.
 */
export async function openMap(page: Page, url: string, people: number, from: LoadFrom = 'site'): Promise<number> {
  await page.goto(from === 'site' ? `${new URL(url).origin}/healthz` : 'about:blank');
  await page.goto(url);
  const handle = await page.waitForFunction((count) => (document.querySelectorAll('.react-flow__node').length >= count ? performance.now() : 0), people, { polling: 'raf', timeout: 30_000 });
  return Math.round((await handle.jsonValue()) as number);
}

async function measureCase(page: Page, url: string, name: string, people: number, relationships: number, lines: number, runs = 3): Promise<MapCase> {
  const runsMs: number[] = [];
  const fromBlankRunsMs: number[] = [];
  const linesMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    fromBlankRunsMs.push(await openMap(page, url, people, 'blank'));
    runsMs.push(await openMap(page, url, people, 'site'));
    const linesHandle = await page.waitForFunction((count) => (document.querySelectorAll('.react-flow__edge').length >= count ? performance.now() : 0), lines, { polling: 'raf', timeout: 30_000 });
    linesMs.push(Math.round((await linesHandle.jsonValue()) as number));
  }
  // Zoom in to reading distance, then pan across by dragging the background, recording every frame.
  await page.getByTestId('influence-map').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const box = (await page.getByTestId('influence-map').boundingBox())!;
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(middle.x, middle.y);
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
  await page.evaluate(`(() => {
    const deltas = [];
    window.__frames = deltas;
    let last = performance.now();
    const tick = (now) => { deltas.push(now - last); last = now; if (deltas.length < 100000) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const viewport = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const before = await viewport();
  const renderedZoomedIn = await page.locator('.react-flow__node').count();
  // Grab the background, not a card (dragging a card would move it): the first empty spot near the middle.
  const grab = await page.evaluate(
    `(() => {
      for (let r = 0; r < 400; r += 8) for (let a = 0; a < 360; a += 30) {
        const x = ${middle.x} + r * Math.cos(a), y = ${middle.y} + r * Math.sin(a);
        const hit = document.elementFromPoint(x, y);
        if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
      }
      return null;
    })()`,
  );
  if (!grab) throw new Error(`${name}: no empty spot to grab`);
  const start = grab as { x: number; y: number };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let step = 1; step <= 60; step++) await page.mouse.move(start.x - 300 * Math.sin((step / 60) * Math.PI), start.y - step * 4);
  await page.mouse.up();
  const frames = await page.evaluate<number[]>('window.__frames.slice(1)');
  if ((await viewport()) === before) throw new Error(`${name}: the scripted pan did not move the map`);
  return {
    name,
    people,
    relationships,
    allNodesMs: percentile(runsMs, 50),
    runsMs,
    fromBlankMs: percentile(fromBlankRunsMs, 50),
    fromBlankRunsMs,
    allLinesMs: percentile(linesMs, 50),
    renderedZoomedIn,
    pan: { frames: frames.length, p50: round(percentile(frames, 50)), p95: round(percentile(frames, 95)), over50: frames.filter((f) => f > 50).length },
  };
}

/** A 1440×900 page signed in as the demo rep, on the pipeline: where every map bench starts. */
export async function signedInPage(browser: Browser, server: TestServer): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}/login?lang=en`);
  await page.getByLabel('Email').fill('rep1@demo.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('pipeline-table').waitFor();
  return page;
}

/** `chunks`: the map's own chunks and the PNG export's (bench/bundle.ts), printed with the timings. */
export async function benchMap(server: TestServer, chunks: { file: string; kb: number }[]): Promise<MapFigure> {
  const rep = await loginAs(server, 'rep1@demo.test');
  const deals = (await rep.trpc.deal.list.query({})).items;
  const demoId = deals.find((d) => d.name === 'Core banking mainframe refresh')!.id;
  const demoRoom = await rep.trpc.deal.get.query({ id: demoId });
  const largeId = await seedLargeDeal(rep);
  const hugeId = await seedLargeDeal(rep, 1_000, 1_500);

  const browser = await launchBrowser();
  try {
    const page = await signedInPage(browser, server);
    // Lines: a reporting line per person whose boss is on the map, and every relationship.
    const contacts = new Set(demoRoom.stakeholders.map((p) => p.contactId));
    const demoLines = demoRoom.stakeholders.filter((p) => p.reportsToContactId !== null && contacts.has(p.reportsToContactId)).length + demoRoom.relationships.length;
    const demo = await measureCase(page, `${server.url}/deals/${demoId}/map`, 'demo deal (baseline)', demoRoom.stakeholders.length, demoRoom.relationships.length, demoLines);
    const large = await measureCase(page, `${server.url}/deals/${largeId}/map`, '300 people, 450 relationships', 300, 450, 299 + 450);
    const huge = await measureCase(page, `${server.url}/deals/${hugeId}/map`, '1,000 people, 1,500 relationships', 1_000, 1_500, 999 + 1_500);
    return {
      demo,
      large,
      huge,
      ratio: { allNodes: round(large.allNodesMs / demo.allNodesMs), panP95: round(large.pan.p95 / demo.pan.p95) },
      chunks,
    };
  } finally {
    await browser.close();
  }
}

export function printMap(figure: MapFigure): void {
  console.log('\nInfluence map in headless Chromium (1440×900; navigation → every card rendered, median of 3, from a page of the site and from a blank tab; pan = rAF frame times)');
  console.table(
    [figure.demo, figure.large, figure.huge].map((c) => ({
      case: c.name,
      people: c.people,
      relationships: c.relationships,
      'all nodes ms': c.allNodesMs,
      'runs ms': c.runsMs.join(' / '),
      'from blank tab ms': `${c.fromBlankMs} (${c.fromBlankRunsMs.join(' / ')})`,
      'all lines ms': c.allLinesMs,
      'pan frames': c.pan.frames,
      'pan p50/p95 ms': `${c.pan.p50} / ${c.pan.p95}`,
      'frames > 50 ms': c.pan.over50,
      'cards in DOM zoomed in': c.renderedZoomedIn,
    })),
  );
  console.log(`300-person map vs demo: ${figure.ratio.allNodes}× the time to render every card, ${figure.ratio.panP95}× the p95 pan frame time`);
  console.table(figure.chunks.map((c) => ({ 'map chunk': c.file, 'kB gzip': c.kb })));
}
