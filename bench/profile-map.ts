/**
 * `npx tsx bench/profile-map.ts`: where the main thread's time goes while the demo map opens (warm:
 * chunks cached), from navigation start to every card in the DOM. A Chromium trace with V8's sampling
 * profiler; prints the main thread's self time by kind of work (script, style, layout, paint, GC…) and
 * the script samples by original source file and by function, through the build's source maps.
 * LARGE=1 profiles the 300-person map of bench/map.ts too; FROM=blank loads it from a blank tab instead of
 * another page of the site. Needs a built client. The diagnosis behind
 * bench/map.ts's figures (ADR 32), not a figure to compare.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
import { launchBrowser } from '../test/helpers/browser';
import { loginAs } from '../test/helpers/api';
import { seedLargeDeal, signedInPage } from './map';
import { startTestServer, type TestServer } from '../test/helpers/server';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, any>;
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

const DIST = process.env.CLIENT_DIST ?? 'dist/client';
const consumers = new Map<string, SourceMapConsumer | null>();
function original(url: string, line: number, column: number): { file: string; name: string | null } {
  const match = /\/assets\/([^?#]+\.js)$/.exec(url);
  if (!match) return { file: url ? url.replace(/^https?:\/\/[^/]+/, '') : '(native)', name: null };
  let consumer = consumers.get(match[1]!);
  if (consumer === undefined) {
    const path = `${DIST}/assets/${match[1]}.map`;
    consumer = existsSync(path) ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8'))) : null;
    consumers.set(match[1]!, consumer);
  }
  if (!consumer) return { file: match[1]!, name: null };
  const position = consumer.originalPositionFor({ line: line + 1, column });
  const file = (position.source ?? match[1]!).replace(/^(\.\.\/)+/, '').replace(/^node_modules\/(\.pnpm\/)?/, '');
  return { file, name: position.name ?? null };
}

/** A package's name for node_modules files, else the source file. */
const fileGroup = (file: string) => {
  const dist = /^(@[^/]+\/[^/]+|[^@/][^/]*)\/(dist|cjs|esm|lib|build)?/.exec(file);
  return file.startsWith('client/') || file.startsWith('shared/') || !dist ? file : dist[1]!;
};

function table(title: string, totals: Map<string, number>, totalMs: number, top = 15) {
  console.log(`\n${title}`);
  console.table(
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([what, us]) => ({ what: what.slice(0, 90), ms: Math.round(us / 100) / 10, share: `${Math.round((us / 1000 / totalMs) * 100)}%` })),
  );
}

async function profileOnce(server: TestServer, url: string, people: number, name: string) {
  const browser = await launchBrowser();
  try {
    const page = await signedInPage(browser, server);
    // Warm: a first visit caches the chunks (and lets the service worker install), as bench/map.ts's runs after its first.
    await page.goto(url);
    await page.locator('.react-flow__node').nth(people - 1).waitFor();
    // From another page of the site, as bench/map.ts's figure; FROM=blank from a blank tab (a new renderer process).
    await page.goto(process.env.FROM === 'blank' ? 'about:blank' : `${server.url}/healthz`);
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'v8', 'blink'],
    });
    await page.goto(url);
    // The mark puts the moment in the trace too: navigation start is that minus performance.now().
    const handle = await page.waitForFunction((count) => (document.querySelectorAll('.react-flow__node').length >= count ? performance.mark('all-cards').startTime : 0), people, { polling: 'raf', timeout: 30_000 });
    const allCardsMs = Math.round((await handle.jsonValue()) as number);
    const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    report(name, events, allCardsMs);
  } finally {
    await browser.close();
  }
}

function report(name: string, events: TraceEvent[], allCardsMs: number) {
  // Navigation start in the trace's clock: the 'all-cards' mark, less its time from navigation start.
  const start = events.find((e) => e.name === 'all-cards' && e.cat.includes('user_timing'));
  if (!start) throw new Error('No all-cards mark in the trace');
  const from = start.ts - allCardsMs * 1000;
  const to = from + allCardsMs * 1000;
  const { pid, tid } = start;
  // Begin/end pairs (a long task still open when it is nested) become complete events like the rest.
  const open: TraceEvent[] = [];
  const paired: TraceEvent[] = [];
  for (const e of events.filter((e) => e.pid === pid && e.tid === tid && (e.ph === 'B' || e.ph === 'E')).sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'B') open.push(e);
    else {
      const begin = open.pop();
      if (begin) paired.push({ ...begin, ph: 'X', dur: e.ts - begin.ts });
    }
  }
  for (const begin of open) paired.push({ ...begin, ph: 'X', dur: to - begin.ts });
  const main = [...events, ...paired]
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= from && e.ts < to && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);

  // Self time of every trace event on the main thread (an event's time minus its children's).
  const kinds = new Map<string, number>();
  const stack: { end: number; name: string; self: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.end <= until) {
      const done = stack.pop()!;
      kinds.set(done.name, (kinds.get(done.name) ?? 0) + done.self);
    }
  };
  let busy = 0;
  const tasks: { start: number; end: number; fns: Map<string, number> }[] = [];
  for (const event of main) {
    close(event.ts);
    const end = Math.min(event.ts + event.dur!, to);
    if (stack.length) stack.at(-1)!.self -= end - event.ts;
    else {
      busy += end - event.ts;
      tasks.push({ start: event.ts, end, fns: new Map() });
    }
    stack.push({ end, name: event.name, self: end - event.ts });
  }
  close(Infinity);
  console.log(`\n=== ${name}: every card in the DOM at ${allCardsMs} ms; main thread busy ${Math.round(busy / 1000)} ms of it`);
  table('Main thread self time by trace event', kinds, allCardsMs, 14);

  // V8's samples: self time by original file (package) and by function.
  const nodes = new Map<number, ProfileNode>();
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  // The main thread's profile only (a worker of the page has one of its own, under another id).
  const profileStart = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && (!profileStart || e.id === profileStart.id)).sort((a, b) => a.ts - b.ts);
  let time = (profileStart?.args?.data?.startTime as number | undefined) ?? chunks[0]?.ts ?? 0;
  for (const chunk of chunks) {
    const data = chunk.args!.data as { cpuProfile: { nodes?: ProfileNode[]; samples: number[] }; timeDeltas: number[] };
    for (const node of data.cpuProfile.nodes ?? []) nodes.set(node.id, node);
    data.cpuProfile.samples.forEach((id, index) => {
      const delta = data.timeDeltas[index] ?? 0;
      time += delta;
      if (time < from || time >= to) return;
      const frame = nodes.get(id)?.callFrame;
      if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') return;
      const where = original(frame.url, frame.lineNumber, frame.columnNumber);
      const group = frame.url ? fileGroup(where.file) : frame.functionName;
      const us = Math.max(0, delta);
      byFile.set(group, (byFile.get(group) ?? 0) + us);
      const fn = `${where.name ?? frame.functionName ?? '(anonymous)'} ${frame.url ? where.file.split('/').slice(-2).join('/') : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
      const task = tasks.find((t) => t.start <= time && time < t.end);
      if (task) task.fns.set(group, (task.fns.get(group) ?? 0) + us);
    });
  }
  if (process.env.GAPS) {
    const [a, b] = process.env.GAPS.split('-').map((n) => from + Number(n) * 1000);
    for (const e of events.filter((e) => e.pid === pid && e.tid === tid && e.ts >= a! && e.ts < b! && (e.ph !== 'X' || (e.dur ?? 0) > 200)))
      console.log(Math.round((e.ts - from) / 100) / 10, e.ph, e.name, e.dur ? Math.round(e.dur / 100) / 10 : '', JSON.stringify(e.args?.data ?? {}).slice(0, 150));
  }
  // The main thread's long tasks in order, each with the files its samples fell in.
  console.log('\nTasks of 5 ms or more (start–end ms from navigation: the files their samples fell in)');
  for (const task of tasks.filter((t) => t.end - t.start >= 5000)) {
    const fns = [...task.fns].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([f, us]) => `${f.split('/').slice(-2).join('/')} ${Math.round(us / 1000)}`);
    console.log(`${String(Math.round((task.start - from) / 1000)).padStart(5)}–${String(Math.round((task.end - from) / 1000)).padEnd(5)} ${fns.join(', ')}`);
  }
  table('Script samples by file / package (self)', byFile, allCardsMs);
  table('Script samples by function (self)', byFunction, allCardsMs, 25);
}

if (!existsSync(`${DIST}/index.html`)) throw new Error('Build the client first: npm run build');
const server = await startTestServer({ env: { CLIENT_DIST: DIST } });
try {
  const rep = await loginAs(server, 'rep1@demo.test');
  const deals = (await rep.trpc.deal.list.query({})).items;
  const demoId = deals.find((d) => d.name === 'Core banking mainframe refresh')!.id;
  const room = await rep.trpc.deal.get.query({ id: demoId });
  await profileOnce(server, `${server.url}/deals/${demoId}/map`, room.stakeholders.length, 'Demo map, warm');
  if (process.env.LARGE) await profileOnce(server, `${server.url}/deals/${await seedLargeDeal(rep)}/map`, 300, '300 people, 450 relationships, warm');
} finally {
  await server.stop();
}
