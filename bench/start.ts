/**
 * Start-up of the server as `npm start` ran it before (`tsx server/index.ts`: a Node
 * process that starts a second one with the TypeScript loader) and as it runs it now
 * (the esbuild bundle on plain Node, docs/decisions/0021-server-build.md): time from the
 * spawn to the first healthy /healthz, and resident memory of the whole process tree once
 * healthy. Each start is a restart on an already seeded SQLite file (migrations and seed
 * find nothing to do), alternating variants. Linux only (/proc).
 *
 * `npx tsx bench/start.ts` runs it alone; `npm run bench` runs it with the rest.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, npmStartArgs, startChildServer } from '../test/helpers/child-server';
import { processTree, rssKb } from '../test/helpers/proc';

export interface StartFigure {
  name: string;
  command: string;
  /** Median of the runs. */
  healthyMs: number;
  rssMb: number;
  processes: number;
}

const VARIANTS = [
  { name: 'before: tsx (old npm start)', args: [fileURLToPath(import.meta.resolve('tsx/cli')), 'server/index.ts'], command: 'tsx server/index.ts' },
  { name: 'now: bundle (npm start)', args: npmStartArgs(), command: `node ${npmStartArgs().join(' ')}` },
  { name: 'bundle without source maps', args: ['dist/server/index.js'], command: 'node dist/server/index.js' },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function startOnce(args: string[], database: string): Promise<{ healthyMs: number; rssKb: number; processes: number }> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATABASE_PATH: database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', HEALTH_SWEEP_MINUTES: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((res) => res.ok, () => false);
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const healthyMs = performance.now() - began;
    // Memory once the first answers are out of the way (what a freshly started instance holds).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const tree = processTree(child.pid!);
    return { healthyMs, rssKb: tree.reduce((sum, pid) => sum + rssKb(pid), 0), processes: tree.length };
  } finally {
    child.kill('SIGTERM'); // tsx passes it on to the Node process it started
    await exited;
  }
}

export async function benchStart(runs = 5): Promise<StartFigure[]> {
  execFileSync(process.execPath, ['scripts/ensure-build.mjs', 'server'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-bench-start-'));
  try {
    // Seed once; every measured start gets a copy of the seeded file.
    const seeded = join(dir, 'seeded.sqlite');
    const seeding = await startChildServer(seeded, await freePort(), { HEALTH_SWEEP_MINUTES: '0' });
    await seeding.kill('SIGTERM');
    const samples = VARIANTS.map(() => [] as Awaited<ReturnType<typeof startOnce>>[]);
    for (let run = 0; run < runs; run++) {
      for (const [index, variant] of VARIANTS.entries()) {
        const database = join(dir, `run-${run}-${index}.sqlite`);
        copyFileSync(seeded, database);
        samples[index]!.push(await startOnce(variant.args, database));
      }
    }
    return VARIANTS.map((variant, index) => ({
      name: variant.name,
      command: variant.command,
      healthyMs: Math.round(median(samples[index]!.map((s) => s.healthyMs))),
      rssMb: Math.round(median(samples[index]!.map((s) => s.rssKb)) / 1024),
      processes: median(samples[index]!.map((s) => s.processes)),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printStart(figures: StartFigure[], runs = 5) {
  console.log(`\nServer start-up: spawn to first healthy /healthz, restart on a seeded SQLite file (median of ${runs})`);
  console.table(figures.map((f) => ({ variant: f.name, command: f.command, 'healthy after ms': f.healthyMs, 'RSS MB (all processes)': f.rssMb, 'Node processes': f.processes })));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printStart(await benchStart());
