/**
 * `npx tsx bench/profile-pan.ts`: where a pan of the 300-person map goes (ADR 36). Opens the map of
 * bench/map.ts, zooms to reading distance and pans as bench/map.ts does, ROUNDS times (default 3),
 * printing the frames' p50/p95 and how many took over 20 ms. TRACE=1 records the first pan's Chromium trace: busy time per thread by
 * event (TOP names each), the main thread's longest tasks with what ran in them, and what invalidated
 * style, layout and paint. PROFILE=1 prints its JavaScript by function through the source maps;
 * LAYERS=1 the composited layer count while moving; NOMINI=1 closes the overview first; DIST= another
 * build. The diagnosis behind bench/map.ts's pan figure, not a figure to compare.
 */
import { launchBrowser } from '../test/helpers/browser';
import { loginAs } from '../test/helpers/api';
import { seedLargeDeal, signedInPage } from './map';
import { startTestServer } from '../test/helpers/server';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
const consumers = new Map<string, SourceMapConsumer | null>();
function original(url: string, line: number, column: number) {
  const match = /\/assets\/([^?#]+\.js)$/.exec(url);
  if (!match) return url || '(native)';
  let c = consumers.get(match[1]!);
  if (c === undefined) { const p = `${process.env.DIST ?? 'dist/client'}/assets/${match[1]}.map`; c = existsSync(p) ? new SourceMapConsumer(JSON.parse(readFileSync(p, 'utf8'))) : null; consumers.set(match[1]!, c); }
  if (!c) return match[1]!;
  const pos = c.originalPositionFor({ line: line + 1, column });
  return `${pos.name ?? '?'} ${(pos.source ?? '').split('/').slice(-2).join('/')}:${pos.line}`;
}
const server = await startTestServer({ env: { CLIENT_DIST: process.env.DIST ?? 'dist/client' } });
const browser = await launchBrowser();
try {
  const rep = await loginAs(server, 'rep1@demo.test');
  const id = await seedLargeDeal(rep);
  const page = await signedInPage(browser, server);
  for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
  await page.goto('about:blank');
  await page.goto(`${server.url}/deals/${id}/map`);
  await page.locator('.react-flow__node').nth(299).waitFor();
  await page.waitForTimeout(1500);
  if (process.env.NOMINI) await page.getByRole('button', { name: 'Hide overview' }).click();
  await page.getByTestId('influence-map').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const box = (await page.getByTestId('influence-map').boundingBox())!;
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(middle.x, middle.y);
  for (let i = 0; i < 6; i++) { await page.mouse.wheel(0, -200); await page.waitForTimeout(60); }
  await page.waitForTimeout(300);
  const grab = (await page.evaluate(`(() => { for (let r = 0; r < 400; r += 8) for (let a = 0; a < 360; a += 30) { const x = ${middle.x} + r * Math.cos(a), y = ${middle.y} + r * Math.sin(a); const hit = document.elementFromPoint(x, y); if (hit && hit.classList.contains('react-flow__pane')) return { x, y }; } return null; })()`)) as { x: number; y: number };
  const trace = process.env.TRACE && round === 0;
  const cdp = process.env.PROFILE && round === 0 ? await page.context().newCDPSession(page) : null;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  if (trace) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'viz', 'benchmark', 'disabled-by-default-devtools.timeline.frame', 'disabled-by-default-devtools.timeline.invalidationTracking'] });
  await page.evaluate(`(() => { const d = []; window.__frames = d; let last = performance.now(); const tick = (now) => { d.push(now - last); last = now; if (d.length < 100000) requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
  const rendered = await page.locator('.react-flow__node').count();
  const edges = await page.locator('.react-flow__edge').count();
  const layersCdp = process.env.LAYERS && round === 0 ? await page.context().newCDPSession(page) : null;
  let layerCount = 0;
  if (layersCdp) { layersCdp.on('LayerTree.layerTreeDidChange', (e: any) => { if (e.layers) layerCount = e.layers.length; }); await layersCdp.send('LayerTree.enable'); }
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  for (let step = 1; step <= 60; step++) await page.mouse.move(grab.x - 300 * Math.sin((step / 60) * Math.PI), grab.y - step * 4);
  if (layersCdp) console.log('layers while moving', layerCount);
  await page.mouse.up();
  const frames = ((await page.evaluate('window.__frames.slice(1)')) as number[]).sort((a, b) => a - b);
  if (cdp) {
    const { profile } = (await cdp.send('Profiler.stop')) as any;
    const self = new Map<string, number>();
    const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
    profile.samples.forEach((id: number, i: number) => {
      const n = byId.get(id)!; const f = n.callFrame;
      if (f.functionName === '(idle)' || f.functionName === '(program)') return;
      const k = f.url ? original(f.url, f.lineNumber, f.columnNumber) : f.functionName;
      self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.log('JS self total ms', Math.round(total / 1000));
    for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(String(Math.round(us / 100) / 10).padStart(7), k);
  }
  const p = (q: number) => Math.round(frames[Math.min(frames.length - 1, Math.floor(q * frames.length))]! * 10) / 10;
  console.log(`over20 ${frames.filter((f) => f > 20).length} nodes ${rendered} edges ${edges} frames ${frames.length} p50 ${p(0.5)} p95 ${p(0.95)} max ${p(1)}`);
  if (trace) {
    const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: any[] }).traceEvents;
    const names = new Map<string, string>();
    for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
    const byThread = new Map<string, Map<string, number>>();
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur) continue;
      const t = names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
      const m = byThread.get(t) ?? new Map();
      m.set(e.name, (m.get(e.name) ?? 0) + e.dur);
      byThread.set(t, m);
    }
    const reasons = new Map<string, number>();
    for (const e of events) if (/Invalidation/.test(e.name)) { const d = e.args?.data ?? {}; const k = `${e.name} ${d.reason ?? ''} ${d.nodeName ?? ''}`.slice(0, 120); reasons.set(k, (reasons.get(k) ?? 0) + 1); }
    for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log('inval', n, k);
    const mainKey = [...names].find(([, n]) => n === 'CrRendererMain')![0];
    const mainEvents = events.filter((e) => `${e.pid}:${e.tid}` === mainKey && e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts);
    const tasks = mainEvents.filter((e) => e.name === 'RunTask');
    const longest = [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 12);
    for (const task of longest) {
      const kids = new Map<string, number>();
      for (const e of mainEvents) if (e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && ['FunctionCall', 'RunPaintLifecyclePhase', 'LocalFrameView::RunPaintLifecyclePhase', 'Layerize', 'Commit', 'Paint', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'HitTest', 'MinorGC', 'MajorGC', 'EventDispatch', 'FireAnimationFrame'].includes(e.name)) kids.set(e.name, (kids.get(e.name) ?? 0) + e.dur);
      console.log(`task ${Math.round((task.ts - tasks[0].ts) / 1000)} ms: ${Math.round(task.dur / 100) / 10} ms |`, [...kids].map(([n, d]) => `${n} ${Math.round(d / 100) / 10}`).join(', '));
    }
    for (const [t, m] of byThread) {
      const top = [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 6)).map(([n, d]) => `${n} ${Math.round(d / 1000)}`);
      console.log(t, '|', top.join(', '));
    }
  }
  }
} finally {
  await browser.close();
  await server.stop();
}
