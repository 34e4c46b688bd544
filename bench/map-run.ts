/**
 * `npx tsx bench/map-run.ts`: only the map and bundle parts of `npm run bench` (a minute,
 * not five). With BASELINE_DIST=<another build's dist/client> it measures that build too, on a
 * server of its own in the same run, and prints the two side by side: how a change to the
 * client is measured before and after. Needs a built client.
 */
import { existsSync } from 'node:fs';
import { measureBundle, type BundleFigure } from './bundle';
import { benchMap, printMap, type MapFigure } from './map';
import { startTestServer } from '../test/helpers/server';

async function measure(dist: string): Promise<{ bundle: BundleFigure; map: MapFigure }> {
  if (!existsSync(`${dist}/index.html`)) throw new Error(`No build in ${dist}: npm run build`);
  const server = await startTestServer({ env: { CLIENT_DIST: dist } });
  try {
    const bundle = measureBundle(dist);
    return { bundle, map: await benchMap(server, [...bundle.map.chunks, ...bundle.chunks.filter((c) => /exportPng/.test(c.file))]) };
  } finally {
    await server.stop();
  }
}

const builds = [{ name: 'this build', dist: 'dist/client' }];
if (process.env.BASELINE_DIST) builds.unshift({ name: 'baseline', dist: process.env.BASELINE_DIST });
const results = [];
for (const build of builds) results.push({ ...build, ...(await measure(build.dist)) });
for (const result of results) {
  console.log(`\n=== ${result.name} (${result.dist})`);
  printMap(result.map);
}
console.log('\nSide by side');
console.table(
  results.map((r) => ({
    build: r.name,
    'initial kB gzip': r.bundle.initialKb,
    'map kB gzip': r.bundle.map.kb,
    'demo all cards ms': r.map.demo.allNodesMs,
    'demo from blank tab ms': r.map.demo.fromBlankMs,
    'demo all lines ms': r.map.demo.allLinesMs,
    '300 all cards ms': r.map.large.allNodesMs,
    '300 from blank tab ms': r.map.large.fromBlankMs,
    '300 all lines ms': r.map.large.allLinesMs,
    'pan p95 at 300 ms': r.map.large.pan.p95,
    '1,000 all cards ms': r.map.huge.allNodesMs,
    'pan p95 at 1,000 ms': r.map.huge.pan.p95,
  })),
);
