/**
 * `npm run bench`: every figure side by side with its baseline, in the same run,
 * printed as a table and written to bench/results.json. Builds the client and the server
 * first if their builds are missing or stale.
 */
import { writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { loginAs } from '../test/helpers/api';
import { startTestServer } from '../test/helpers/server';
import { benchApi, printApi } from './api';
import { measureBundle } from './bundle';
import { benchEngines, printEngines } from './engines';
import { benchImport, printImport } from './import';
import { benchMap, printMap } from './map';
import { benchOrg, printOrg } from './org';
import { benchStart, printStart } from './start';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
execSync('node scripts/ensure-build.mjs', { stdio: 'inherit' });

const server = await startTestServer();
try {
  const rep = await loginAs(server, 'rep1@demo.test');
  const deals = (await rep.trpc.deal.list.query({})).items;
  const rich = deals.find((d) => d.name === 'Core banking mainframe refresh')!;
  const room = await rep.trpc.deal.get.query({ id: rich.id });
  const api = await benchApi(server, rep.cookie!, rich.id, room.stakeholders[0]!, seconds);
  const org = await benchOrg([500, 50_000]);
  // PostgreSQL beside SQLite: both servers in child processes of their own (a process binds one engine).
  const engines = await benchEngines(seconds);
  const bundle = measureBundle();
  const map = await benchMap(server, [...bundle.map.chunks, ...bundle.chunks.filter((c) => /exportPng/.test(c.file))]);
  const start = await benchStart();
  // Import of a generated Salesforce export and export of the 20,000 deals it made (SPEC §12).
  const importExport = await benchImport();

  printApi(api, seconds);
  printEngines(engines, seconds);
  printOrg(org);
  printMap(map);
  printStart(start);
  printImport(importExport);
  console.log('\nClient JavaScript (gzip)');
  console.table([{ chunk: 'initial route', kB: bundle.initialKb }, { chunk: 'map (its own chunks)', kB: bundle.map.kb }, ...bundle.chunks.slice(0, 6).map((c) => ({ chunk: c.file, kB: c.kb }))]);
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(`\nProcess RSS after the load runs (server + load generator in one process): ${rssMb} MB`);
  writeFileSync('bench/results.json', JSON.stringify({ at: new Date().toISOString(), seconds, api, engines, org, map, bundle, start, importExport, rssMb }, null, 2));
  console.log('Written to bench/results.json');
} finally {
  await server.stop();
}
