import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createLoginLimiter } from './auth/rate-limit';
import { createApp } from './app';
import { openConfiguredDatabase, type AppDatabase } from './db/client';
import { ifNoOtherInstance } from './db/locks';
import { applyMigrations } from './db/migrate';
import { seedDemo } from './db/seed';
import type { Env } from './env';
import { createLogger, type Logger } from './logger';
import { storeMissingAccountFlags } from './services/accountFlags';
import { storeMissingHealth } from './services/health';
import { sweepHealth } from './services/healthSweep';
import { startDeliverer } from './services/webhookDelivery';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  database: AppDatabase;
  log: Logger;
  /** Stop accepting, let in-flight requests finish, then close the database. */
  close(): Promise<void>;
}

/** env → db → migrate → seed → listen. Used by `npm start` and by the integration tests alike. */
export async function startServer(env: Env, options: { now?: () => Date; log?: Logger } = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(env);
  const database = openConfiguredDatabase(env);
  await applyMigrations(database);
  const now = options.now ?? (() => new Date());
  if (env.SEED_DEMO) {
    const seeded = await seedDemo(database.db, now());
    if (seeded) log.info('Seeded the demo team (password: dealroom-demo)');
  }
  // A database from before stored health (SPEC §13) gets it once, before the first list is read.
  const stored = await storeMissingHealth(database.db, now());
  if (stored) log.info({ stored }, 'Stored the health of deals that had none');
  // Likewise the account flags already raised (SPEC §11): recorded without a webhook, so an upgrade sends no storm of old news.
  const flagged = await storeMissingAccountFlags(database.db, now());
  if (flagged) log.info({ flagged }, 'Recorded the account flags already raised');
  // On PostgreSQL the login counters live in the database (shared by every instance): its table exists before the first request.
  const loginLimiter = await createLoginLimiter(env.LOGIN_RATE_LIMIT, database);
  const app = createApp({ db: database.db, env, log, loginLimiter, now });
  const server = createServer(app);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, resolveListen);
  });
  const { port } = server.address() as AddressInfo;
  // Thresholds lost to the passage of time reach the history once an hour (and once now, for whatever changed while the server was down).
  // The sweep in progress, if any: closing waits for it, so the database is never closed under its transaction.
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => {
    // Several instances may share one PostgreSQL: one sweeps, the others skip this round.
    sweeping = ifNoOtherInstance(database, 'healthSweep', () => sweepHealth(database.db, now())).then(
      (recorded) => {
        if (recorded) log.info({ recorded }, 'Recorded deal health that changed with time');
      },
      (err: unknown) => {
        log.error({ err }, 'Health sweep failed');
      },
    );
  };
  const sweepEvery = env.HEALTH_SWEEP_MINUTES * 60_000;
  const firstSweep = sweepEvery > 0 ? setTimeout(sweep, 1_000).unref() : undefined;
  const sweeps = sweepEvery > 0 ? setInterval(sweep, sweepEvery).unref() : undefined;
  // Webhooks (SPEC §15): every instance delivers; claims with a lease keep them from sending one event twice.
  const deliverer = env.WEBHOOK_POLL_MS > 0 ? startDeliverer(database.db, { now, log, pollMs: env.WEBHOOK_POLL_MS, timeoutMs: env.WEBHOOK_TIMEOUT_MS }) : null;
  let closing: Promise<void> | null = null;
  return {
    url: `http://localhost:${port}`,
    port,
    server,
    database,
    log,
    close() {
      clearTimeout(firstSweep);
      clearInterval(sweeps);
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => {
          void Promise.all([sweeping, deliverer?.stop()])
            .then(() => database.close())
            .then(resolveClose, resolveClose);
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
