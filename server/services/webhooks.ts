/**
 * Webhooks (SPEC §15), managed by admins: subscribe a URL to events, list, remove, read a
 * webhook's deliveries and send one again. The outbox rows are written by
 * ./webhookOutbox.ts and sent by ./webhookDelivery.ts.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DeliveryStatus, WebhookEvent } from '../../shared/webhooks';
import { WEBHOOK_LIMITS } from '../../shared/webhooks';
import type { TWebhookCreate, TWebhookDeliveries } from '../../shared/schemas/webhook';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { users, webhookDeliveries, webhooks } from '../db/tables';
import { notFound } from '../errors';
import { recordEvent } from './events';

export interface WebhookDto {
  id: number;
  url: string;
  events: WebhookEvent[];
  /** The secret's last four characters, to tell webhooks apart; the secret itself never leaves the server. */
  secretHint: string;
  createdAt: string;
  createdBy: { id: number; name: string };
  version: number;
}

export interface DeliveryDto {
  id: number;
  webhookId: number;
  eventId: string;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  responseStatus: number | null;
  error: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const hint = (secret: string) => `…${secret.slice(-4)}`;

async function webhookRows(db: Db | Tx, id?: number): Promise<WebhookDto[]> {
  const rows = await db
    .select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, secret: webhooks.secret, createdAt: webhooks.createdAt, version: webhooks.version, creatorId: users.id, creatorName: users.name })
    .from(webhooks)
    .innerJoin(users, eq(users.id, webhooks.createdBy))
    .where(id === undefined ? undefined : eq(webhooks.id, id))
    .orderBy(webhooks.id);
  return rows.map(({ secret, creatorId, creatorName, ...row }) => ({ ...row, secretHint: hint(secret), createdBy: { id: creatorId, name: creatorName } }));
}

export function listWebhooks(db: Db): Promise<WebhookDto[]> {
  return webhookRows(db);
}

/** Webhooks belong to the organisation; the log files the event under the admin's team. */
export async function createWebhook(db: Db, actor: SessionUser, input: TWebhookCreate, now: Date): Promise<WebhookDto> {
  return writeTransaction(db, async (tx) => {
    const row = single(
      await tx
        .insert(webhooks)
        .values({ url: input.url, events: input.events, secret: input.secret, createdBy: actor.id, createdAt: now.toISOString() })
        .returning({ id: webhooks.id }),
    );
    await recordEvent(tx, { teamId: actor.teamId, dealId: null, actorId: actor.id, kind: 'webhook.created', entity: 'webhook', entityId: row.id, after: { url: input.url, events: input.events }, at: now });
    return single(await webhookRows(tx, row.id));
  });
}

/** Removing a webhook drops its deliveries, sent or not (nobody is listening for them any more). */
export async function removeWebhook(db: Db, actor: SessionUser, id: number, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const row = first(await tx.select().from(webhooks).where(eq(webhooks.id, id)).limit(1));
    if (!row) throw notFound('Webhook');
    await tx.delete(webhooks).where(eq(webhooks.id, id));
    await recordEvent(tx, { teamId: actor.teamId, dealId: null, actorId: actor.id, kind: 'webhook.removed', entity: 'webhook', entityId: id, before: { url: row.url, events: row.events }, at: now });
    return { ok: true as const };
  });
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.webhookId,
  eventId: webhookDeliveries.eventId,
  event: webhookDeliveries.event,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  responseStatus: webhookDeliveries.responseStatus,
  error: webhookDeliveries.error,
  createdAt: webhookDeliveries.createdAt,
  deliveredAt: webhookDeliveries.deliveredAt,
};

/** A webhook's latest deliveries, newest first (at most WEBHOOK_LIMITS.deliveriesMax). */
export async function listDeliveries(db: Db, input: TWebhookDeliveries): Promise<DeliveryDto[]> {
  const hook = first(await db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, input.id)).limit(1));
  if (!hook) throw notFound('Webhook');
  return db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, input.id))
    .orderBy(desc(webhookDeliveries.id))
    .limit(input.limit ?? WEBHOOK_LIMITS.deliveriesDefault);
}

/**
 * Send one delivery again, as it was (same event id and body): back to pending, due now,
 * with a fresh round of retries. A delivery being sent right now keeps its lease.
 */
export async function redeliver(db: Db, deliveryId: number, now: Date): Promise<DeliveryDto> {
  return writeTransaction(db, async (tx) => {
    const row = first(await tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).limit(1));
    if (!row) throw notFound('Delivery');
    await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now.toISOString(), deliveredAt: null })
      .where(eq(webhookDeliveries.id, deliveryId));
    return single(await tx.select(deliveryColumns).from(webhookDeliveries).where(and(eq(webhookDeliveries.id, deliveryId))));
  });
}
