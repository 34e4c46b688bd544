import { loadEnv } from './env';
import { startServer } from './start';

const env = loadEnv();
const running = await startServer(env);
running.log.info({ url: running.url.replace('localhost', env.HOST === '0.0.0.0' ? 'localhost' : env.HOST), database: env.DATABASE_PATH }, 'Deal Room is listening');

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
