import { setFlagsFromString } from 'node:v8';
import { bindTables } from './db/tables';
import { loadEnv } from './env';

// V8 lets the old generation grow to up to 4× what survived the last full collection before
// collecting again; a server whose live heap is ~30 MB then holds 100+ MB after a burst (the
// first start on 50,000 deals stores every deal's health). 1.5× keeps the resident memory
// near the live heap (docs/decisions/0031). A V8 that no longer knows the flag ignores it.
setFlagsFromString('--heap-growing-percent=50');

const env = loadEnv();
// Bind the tables to the engine before any service module loads, so whatever a module
// builds from them at load (column lists, prepared query builders) is of that engine.
bindTables(env.DATABASE_URL ? 'postgres' : 'sqlite');
const { startServer } = await import('./start');
const running = await startServer(env);
running.log.info(
  { url: running.url.replace('localhost', env.HOST === '0.0.0.0' ? 'localhost' : env.HOST), database: env.DATABASE_URL ? 'postgresql' : env.DATABASE_PATH },
  'Deal Room is listening',
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  running.log.info({ signal }, 'Shutting down: finishing in-flight requests');
  const force = setTimeout(() => {
    running.log.warn('In-flight requests did not finish in 10 s; exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  await running.close();
  running.log.info('Stopped cleanly');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
