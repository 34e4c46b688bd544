/**
 * The same app on PostgreSQL beside SQLite (issue #13, SPEC §14): deal.get, deal.list
 * (the first page as it is today: the whole list) and a versioned write, on the same
 * machine with the same demo seed. Each server runs in its own child process (a process
 * binds its tables to one engine); the load comes from this one, alternating engines.
 *
 * PostgreSQL is the embedded test server (or BENCH_DATABASE_URL's, a role that may
 * CREATE DATABASE). Its durability is set to match SQLite's `synchronous = NORMAL` in WAL
 * mode: a commit reaches the operating system before it is acknowledged (it survives a
 * crash of either process) but is not fsynced (a power cut may lose the last commits).
 *
 * `npx tsx bench/engines.ts` runs it alone; `npm run bench` runs it with the rest.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { loginAs } from '../test/helpers/api';
import { freePort, startChildServer, type ChildServer } from '../test/helpers/child-server';
import { startEmbeddedPostgres, withDatabase } from '../test/helpers/postgres';

interface Figures {
  rps: number;
  p50: number;
  p99: number;
}
export interface EngineFigure {
  name: string;
  sqlite: Figures;
  postgres: Figures;
  /** PostgreSQL req/s over SQLite req/s. */
  ratio: number;
}

async function load(url: string, cookie: string, seconds: number): Promise<Figures> {
  const result = await autocannon({ url, connections: 10, duration: seconds, headers: { cookie } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

const percentile = (sorted: number[], q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;

/**
 * `chains` clients, each dragging its own stakeholder on the map again and again with the
 * version its last write returned (a chain, not a crowd: autocannon would send stale
 * versions). Returns the figures over all chains.
 */
async function writeChains(server: Instance, targets: { id: number; version: number }[], seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    targets.map(async (target) => {
      while (performance.now() < until) {
        const began = performance.now();
        const res = await fetch(`${server.url}/trpc/stakeholder.update`, {
          method: 'POST',
          headers: { cookie: server.cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ id: target.id, version: target.version, positionX: Math.round(Math.random() * 1000) }),
        });
        const json = (await res.json()) as { result?: { data: { version: number } } };
        if (!res.ok || !json.result) throw new Error(`${server.engine} stakeholder.update: ${res.status} ${JSON.stringify(json)}`);
        target.version = json.result.data.version;
        latencies.push(performance.now() - began);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: Math.round(latencies.length / seconds), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Both engines in alternating one-second slices after a warm-up of each, so a load that
 * drifts during the run (other processes on the machine) weighs on both alike; the
 * figures are the medians of the slices.
 */
async function alternate(seconds: number, measure: (engine: Instance['engine'], seconds: number) => Promise<Figures>): Promise<Omit<EngineFigure, 'name'>> {
  await measure('sqlite', 1);
  await measure('postgres', 1);
  const slices: Record<Instance['engine'], Figures[]> = { sqlite: [], postgres: [] };
  for (let slice = 0; slice < Math.max(1, seconds); slice++) {
    for (const engine of slice % 2 ? (['postgres', 'sqlite'] as const) : (['sqlite', 'postgres'] as const)) slices[engine].push(await measure(engine, 1));
  }
  const summary = (figures: Figures[]): Figures => ({
    rps: Math.round(median(figures.map((f) => f.rps))),
    p50: median(figures.map((f) => f.p50)),
    p99: median(figures.map((f) => f.p99)),
  });
  const sqlite = summary(slices.sqlite);
  const postgres = summary(slices.postgres);
  return { sqlite, postgres, ratio: postgres.rps / sqlite.rps };
}

interface Instance {
  engine: 'sqlite' | 'postgres';
  url: string;
  cookie: string;
  dealId: number;
  /** The rich deal's stakeholders, with their current versions (kept up to date by the writes). */
  stakeholders: { id: number; version: number }[];
}

async function prepare(engine: Instance['engine'], server: ChildServer): Promise<Instance> {
  const rep = await loginAs(server, 'rep1@demo.test');
  const deals = (await rep.trpc.deal.list.query()).items;
  const rich = deals.find((deal) => deal.name === 'Core banking mainframe refresh');
  if (!rich) throw new Error('the demo seed has no "Core banking mainframe refresh" deal');
  const room = await rep.trpc.deal.get.query({ id: rich.id });
  return {
    engine,
    url: server.url,
    cookie: rep.cookie!,
    dealId: rich.id,
    stakeholders: room.stakeholders.map((s) => ({ id: s.id, version: s.version })),
  };
}

/** Start both servers on the same demo data, measure each case on both, stop everything. */
export async function benchEngines(seconds: number): Promise<EngineFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-bench-engines-'));
  const external = process.env.BENCH_DATABASE_URL;
  const embedded = external ? null : await startEmbeddedPostgres();
  const adminUrl = external ?? embedded!.adminUrl;
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const servers: ChildServer[] = [];
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    // The test server runs with fsync=off; per database, commits still wait for the WAL write (see the top of this file).
    await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(name)} SET synchronous_commit = on`);
    const env = { SEED_DEMO: '1', LOG_LEVEL: 'warn', HEALTH_SWEEP_MINUTES: '0' };
    const [sqliteServer, postgresServer] = await Promise.all([
      startChildServer(join(dir, 'bench.sqlite'), await freePort(), env),
      startChildServer(withDatabase(adminUrl, name), await freePort(), env),
    ]);
    servers.push(sqliteServer, postgresServer);
    const sqlite = await prepare('sqlite', sqliteServer);
    const postgres = await prepare('postgres', postgresServer);
    const both = { sqlite, postgres };

    const figures: EngineFigure[] = [];
    const reads = [
      { name: 'deal.get (rich deal), 10 connections', path: (i: Instance) => `/trpc/deal.get?input=${encodeURIComponent(JSON.stringify({ id: i.dealId }))}` },
      { name: 'deal.list (first page = whole list), 10 connections', path: () => '/trpc/deal.list' },
    ];
    for (const read of reads) {
      const run = (i: Instance, secs: number) => load(`${i.url}${read.path(i)}`, i.cookie, secs);
      figures.push({ name: read.name, ...(await alternate(seconds, (engine, secs) => run(both[engine], secs))) });
    }
    const writes = [
      { name: 'stakeholder.update (versioned write), 1 client', chains: 1 },
      { name: 'stakeholder.update (versioned write), 8 clients, 8 rows', chains: 8 },
    ];
    for (const write of writes) {
      const targets = (engine: keyof typeof both) => both[engine].stakeholders.slice(0, write.chains);
      if (targets('sqlite').length < write.chains || targets('postgres').length < write.chains) throw new Error(`the rich deal has fewer than ${write.chains} stakeholders`);
      figures.push({ name: write.name, ...(await alternate(seconds, (engine, secs) => writeChains(both[engine], targets(engine), secs))) });
    }
    return figures;
  } finally {
    await Promise.all(servers.map((server) => server.kill('SIGTERM')));
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printEngines(figures: EngineFigure[], seconds: number): void {
  console.log(`\nEngines: the same server on SQLite and on PostgreSQL (one child process each, same demo data; ${seconds} alternating 1 s slices per engine, medians)`);
  console.table(
    figures.map((f) => ({
      case: f.name,
      'SQLite req/s': f.sqlite.rps,
      'SQLite p50/p99 ms': `${f.sqlite.p50} / ${f.sqlite.p99}`,
      'PostgreSQL req/s': f.postgres.rps,
      'PostgreSQL p50/p99 ms': `${f.postgres.p50} / ${f.postgres.p99}`,
      'ratio PG/SQLite': f.ratio.toFixed(2),
    })),
  );
  console.log('PostgreSQL: local server, commits written to the OS but not fsynced, like SQLite synchronous=NORMAL (WAL). Aim for reads: ratio ≥ 0.5.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  printEngines(await benchEngines(seconds), seconds);
}
