import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AppDatabase } from '../db/client';
import { LOCK_IDS } from '../db/lockIds';
import { AppError } from '../errors';

export interface LoginLimiter {
  /** Count one attempt for this IP and this email; throws TOO_MANY_REQUESTS past the limit. */
  consume(ip: string, email: string): Promise<void>;
  /** A successful login clears the email's counter (the IP's keeps counting). */
  reset(email: string): Promise<void>;
  /**
   * Count one single sign-on started from this IP (`/auth/oidc/start` writes a row per call);
   * false past SSO_STARTS_PER_POINT × the login budget in the window. Generous: an office
   * behind one address signs in together on a Monday morning.
   */
  allowSsoStart(ip: string): Promise<boolean>;
}

/** Single sign-ons one IP may start per window, per point of the login budget (default 10 → 300 per 15 minutes). */
export const SSO_STARTS_PER_POINT = 30;

const WINDOW_SECONDS = 15 * 60;

/**
 * rate-limiter-flexible's PostgreSQL store keeps its counters in a table of its own
 * (key, points, expire), outside the drizzle model: nothing else reads it, and it only
 * exists on PostgreSQL (one SQLite instance counts in memory). Both limiters share it;
 * their keys carry their prefix.
 */
export const RATE_LIMIT_TABLE = 'login_rate_limits';

/**
 * Create the store's table before the first request. The store would create it itself,
 * asynchronously and without waiting; and two instances starting together may race on
 * `CREATE TABLE IF NOT EXISTS` (PostgreSQL does not make it atomic). Here it is created
 * once, under an advisory lock, and awaited.
 */
async function createTable(database: Extract<AppDatabase, { engine: 'postgres' }>): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_IDS.rateLimitTable]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${client.escapeIdentifier(RATE_LIMIT_TABLE)} (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Per-IP and per-email limits, so neither one address nor one account can be hammered.
 * On PostgreSQL the counters live in the database, so they hold across every instance
 * (SPEC §14); on SQLite (one instance) in this process's memory.
 */
export async function createLoginLimiter(points: number, database?: AppDatabase): Promise<LoginLimiter> {
  let byIp: RateLimiterAbstract;
  let byEmail: RateLimiterAbstract;
  let ssoByIp: RateLimiterAbstract;
  if (database?.engine === 'postgres') {
    await createTable(database);
    const store = { storeClient: database.pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE, tableCreated: true };
    byIp = new RateLimiterPostgres({ ...store, keyPrefix: 'login-ip', points: points * 5, duration: WINDOW_SECONDS });
    byEmail = new RateLimiterPostgres({ ...store, keyPrefix: 'login-email', points, duration: WINDOW_SECONDS });
    ssoByIp = new RateLimiterPostgres({ ...store, keyPrefix: 'sso-ip', points: points * SSO_STARTS_PER_POINT, duration: WINDOW_SECONDS });
  } else {
    byIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: points * 5, duration: WINDOW_SECONDS });
    byEmail = new RateLimiterMemory({ keyPrefix: 'login-email', points, duration: WINDOW_SECONDS });
    ssoByIp = new RateLimiterMemory({ keyPrefix: 'sso-ip', points: points * SSO_STARTS_PER_POINT, duration: WINDOW_SECONDS });
  }
  return {
    async consume(ip, email) {
      try {
        await byIp.consume(ip);
        await byEmail.consume(email.toLowerCase());
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
          throw new AppError('TOO_MANY_REQUESTS', `Too many login attempts; try again in ${minutes} minute(s)`);
        }
        throw error;
      }
    },
    async reset(email) {
      await byEmail.delete(email.toLowerCase());
    },
    async allowSsoStart(ip) {
      try {
        await ssoByIp.consume(ip);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
  };
}
