/**
 * `npm run bench`: every figure side by side with its baseline, in the same run,
 * printed as a table and written to bench/results.json. Needs a built client.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { loginAs, startTestServer } from '../test/helpers/server';
import { benchApi } from './api';
import { measureBundle } from './bundle';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
if (!existsSync('dist/client/index.html')) execSync('npm run build', { stdio: 'inherit' });

const server = await startTestServer();
try {
  const rep = await loginAs(server, 'rep1@demo.test');
  const deals = (await rep.query<{ id: number; name: string }[]>('deal.list')).data;
  const rich = deals.find((d) => d.name === 'Core banking mainframe refresh')!;
  const api = await benchApi(server, rep.cookie!, rich.id, seconds);
  const bundle = measureBundle();

  console.log(`\nAPI (autocannon, 10 connections, ${seconds} s each, same SQLite file)`);
  console.table(
    api.map((f) => ({
      case: f.name,
      'ours req/s': f.ours.rps,
      'ours p50/p99 ms': `${f.ours.p50} / ${f.ours.p99}`,
      'bare req/s': f.baseline.rps,
      'bare p50/p99 ms': `${f.baseline.p50} / ${f.baseline.p99}`,
      'ratio ours/bare': f.ratio.toFixed(2),
    })),
  );
  console.log('\nClient JavaScript (gzip)');
  console.table([{ chunk: 'initial route', kB: bundle.initialKb }, ...bundle.chunks.slice(0, 6).map((c) => ({ chunk: c.file, kB: c.kb }))]);
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(`\nProcess RSS after the load runs (server + load generator in one process): ${rssMb} MB`);
  writeFileSync('bench/results.json', JSON.stringify({ at: new Date().toISOString(), seconds, api, bundle, rssMb }, null, 2));
  console.log('Written to bench/results.json');
} finally {
  await server.stop();
}
