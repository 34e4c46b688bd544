/**
 * The webhook deliverer (SPEC §15): claims due deliveries from the outbox with a lease,
 * POSTs each signed body, and records the answer. A 2xx delivers; anything else (another
 * status, a refused connection, an unknown host, a timeout) is retried with exponential
 * backoff for at least 24 hours, then marked failed. A crash after sending and before
 * recording leaves the lease to lapse, and the event is sent again with the same id:
 * receivers de-duplicate by it; nothing is lost. Answered deliveries are pruned after
 * KEEP_ANSWERED_DAYS.
 */
import { createHmac } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { WEBHOOK_HEADERS, type WebhookEvent } from '../../shared/webhooks';
import { writeTransaction, type Db } from '../db/client';
import { first } from '../db/rows';
import { webhookDeliveries, webhooks } from '../db/tables';
import type { Logger } from '../logger';

export const RETRY = {
  firstDelaySeconds: 30,
  maxDelaySeconds: 3600,
  /** Keep retrying at least this long after the first attempt. */
  retryForSeconds: 24 * 3600,
} as const;

/** Seconds to wait after the n-th failed attempt: 30 s, doubling, at most an hour. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(RETRY.firstDelaySeconds * 2 ** Math.max(0, Math.min(attempt - 1, 30)), RETRY.maxDelaySeconds);
}

/** The attempt after which a delivery fails for good: the first whose waits so far add up to 24 hours. */
export const GIVE_UP_AFTER_ATTEMPTS = (() => {
  let waited = 0;
  let attempt = 1;
  while (waited < RETRY.retryForSeconds) waited += retryDelaySeconds(attempt++);
  return attempt;
})();

/** `sha256=<hex>`: HMAC-SHA256 of the exact body with the webhook's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface DeliverOptions {
  /** How long one POST may take, answer included. */
  timeoutMs: number;
  /** Deliveries claimed per round. */
  batch?: number;
  /** Aborts the POSTs in flight (shutdown): they are not recorded, and go again once their lease lapses. */
  signal?: AbortSignal;
  /** The time answers are recorded at (the background loop's clock, read after sending); `now` when left out. */
  clock?: () => Date;
}

export interface DeliverResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

const due = (stamp: string) =>
  and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, stamp), or(isNull(webhookDeliveries.claimedUntil), lt(webhookDeliveries.claimedUntil, stamp)));

/**
 * Claim up to `batch` due deliveries in ONE statement: the outer conditions repeat the
 * inner ones, so on PostgreSQL (which re-checks them after locking each row) two
 * instances never both claim a row, and on SQLite the statement runs alone. Counting the
 * attempt at the claim means a crash mid-send still counts it.
 */
async function claim(db: Db, now: Date, leaseMs: number, batch: number) {
  const stamp = now.toISOString();
  return writeTransaction(db, (tx) =>
    tx
      .update(webhookDeliveries)
      .set({ claimedUntil: new Date(now.getTime() + leaseMs).toISOString(), attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: stamp })
      .where(
        and(
          inArray(webhookDeliveries.id, tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(due(stamp)).orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id)).limit(batch)),
          due(stamp),
        ),
      )
      .returning({ id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId, eventId: webhookDeliveries.eventId, event: webhookDeliveries.event, body: webhookDeliveries.body, attempts: webhookDeliveries.attempts }),
  );
}

interface Outcome {
  ok: boolean;
  responseStatus: number | null;
  error: string | null;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** A failed request as a line an admin can act on. */
function describeFailure(error: unknown, url: URL, timeoutMs: number): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') return `timed out after ${seconds(timeoutMs)}`;
  const cause = error instanceof Error && error.cause && typeof error.cause === 'object' ? (error.cause as { code?: unknown; message?: unknown }) : null;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const hostPort = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  if (code === 'ECONNREFUSED') return `connection refused to ${hostPort}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found: ${url.hostname}`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection reset by ${hostPort}`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `timed out connecting to ${hostPort}`;
  const detail = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  return `request to ${hostPort} failed: ${code ? `${code} ` : ''}${detail}`.slice(0, 500);
}

async function post(target: { url: string; secret: string }, delivery: { eventId: string; event: WebhookEvent; body: string }, options: DeliverOptions): Promise<Outcome | 'aborted'> {
  const url = new URL(target.url);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'DealRoom-Webhooks/1',
        [WEBHOOK_HEADERS.signature]: signature(target.secret, delivery.body),
        [WEBHOOK_HEADERS.event]: delivery.event,
        [WEBHOOK_HEADERS.delivery]: delivery.eventId,
      },
      body: delivery.body,
      signal,
      // A redirect is not a delivery: the receiver should be given its final URL.
      redirect: 'manual',
    });
    // The answer's body is not needed; reading it to the end frees the connection.
    await response.arrayBuffer();
    return response.ok ? { ok: true, responseStatus: response.status, error: null } : { ok: false, responseStatus: response.status, error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
  } catch (error) {
    if (options.signal?.aborted) return 'aborted';
    return { ok: false, responseStatus: null, error: describeFailure(error, url, options.timeoutMs) };
  }
}

/**
 * One round: claim what is due at `now`, send it, record each answer. Returns what
 * happened; call it again while `claimed` equals the batch to drain a backlog.
 */
export async function deliverDue(db: Db, now: Date, options: DeliverOptions): Promise<DeliverResult> {
  const result: DeliverResult = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  const stamp = now.toISOString();
  // A cheap read first: an idle outbox costs the writer nothing.
  if (!first(await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(due(stamp)).limit(1))) return result;
  // The lease outlasts the POST's timeout, so a live deliverer always records before another may claim.
  const claimed = await claim(db, now, options.timeoutMs + 60_000, options.batch ?? 20);
  result.claimed = claimed.length;
  if (claimed.length === 0) return result;
  const targets = new Map(
    (await db.select({ id: webhooks.id, url: webhooks.url, secret: webhooks.secret }).from(webhooks).where(inArray(webhooks.id, [...new Set(claimed.map((row) => row.webhookId))]))).map((row) => [row.id, row]),
  );
  const outcomes = await Promise.all(
    claimed.map(async (delivery) => {
      const target = targets.get(delivery.webhookId);
      // Removed meanwhile: its deliveries went with it (cascade).
      if (!target) return null;
      return { delivery, outcome: await post(target, delivery, options) };
    }),
  );
  const sent = outcomes.flatMap((item) => (item && item.outcome !== 'aborted' ? [{ delivery: item.delivery, outcome: item.outcome }] : []));
  if (sent.length === 0) return result;
  const answeredAt = options.clock?.() ?? now;
  const answeredStamp = answeredAt.toISOString();
  await writeTransaction(db, async (tx) => {
    for (const { delivery, outcome } of sent) {
      const giveUp = !outcome.ok && delivery.attempts >= GIVE_UP_AFTER_ATTEMPTS;
      const status = outcome.ok ? 'delivered' : giveUp ? 'failed' : 'pending';
      result[outcome.ok ? 'delivered' : giveUp ? 'failed' : 'retrying'] += 1;
      await tx
        .update(webhookDeliveries)
        .set({
          status,
          claimedUntil: null,
          responseStatus: outcome.responseStatus,
          error: outcome.error,
          deliveredAt: outcome.ok ? answeredStamp : null,
          ...(status === 'pending' ? { nextAttemptAt: new Date(answeredAt.getTime() + retryDelaySeconds(delivery.attempts) * 1000).toISOString() } : {}),
        })
        // A delivery re-sent by another instance after a lapsed lease may have been recorded already: a success stays.
        .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, 'pending')));
    }
  });
  return result;
}

/** Answered deliveries (delivered, or failed for good) stay in the admin's delivery log this long. */
export const KEEP_ANSWERED_DAYS = 30;
/** How often the deliverer prunes: the log is read by people, a day late costs nothing. */
const PRUNE_EVERY_MS = 3600_000;

/**
 * Delete the deliveries answered more than KEEP_ANSWERED_DAYS before `now`: without it the
 * outbox keeps every body ever sent. Pending ones stay, however old (they are still retrying),
 * and so does a re-sent one (it is pending again). Returns how many went.
 */
export async function pruneDeliveries(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - KEEP_ANSWERED_DAYS * 86_400_000).toISOString();
  const gone = await writeTransaction(db, (tx) =>
    tx
      .delete(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.status, ['delivered', 'failed']), lt(webhookDeliveries.lastAttemptAt, before)))
      .returning({ id: webhookDeliveries.id }),
  );
  return gone.length;
}

export interface Deliverer {
  /** Stop the loop, abort POSTs in flight and wait for the round to end. */
  stop(): Promise<void>;
}

/** The background loop started with the server: a round every `pollMs`. */
export function startDeliverer(db: Db, options: { now: () => Date; log: Logger; pollMs: number; timeoutMs: number; batch?: number }): Deliverer {
  const stopping = new AbortController();
  const batch = options.batch ?? 20;
  let round: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let prunedAt = 0;
  const run = async () => {
    const now = options.now();
    if (now.getTime() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now.getTime();
      const pruned = await pruneDeliveries(db, now);
      if (pruned) options.log.info({ pruned, keepDays: KEEP_ANSWERED_DAYS }, 'Pruned old webhook deliveries');
    }
    for (;;) {
      if (stopping.signal.aborted) return;
      const result = await deliverDue(db, options.now(), { timeoutMs: options.timeoutMs, batch, signal: stopping.signal, clock: options.now });
      if (result.failed) options.log.warn({ failed: result.failed }, 'Webhook deliveries failed for good after 24 hours of retries');
      if (result.claimed < batch) return;
    }
  };
  const tick = (): void => {
    round = round
      .then(run)
      .catch((err: unknown) => {
        if (!stopping.signal.aborted) options.log.error({ err }, 'Webhook delivery round failed');
      })
      .finally(() => {
        if (!stopping.signal.aborted) timer = setTimeout(tick, options.pollMs).unref();
      });
  };
  timer = setTimeout(tick, Math.min(options.pollMs, 1_000)).unref();
  return {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await round;
    },
  };
}
