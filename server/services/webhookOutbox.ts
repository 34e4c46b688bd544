/**
 * The webhook outbox (SPEC §15): a change that maps to a webhook event writes one
 * delivery row per subscribed webhook, in the change's own transaction, so the event
 * commits with the change or not at all. The deliverer (./webhookDelivery.ts) sends them.
 *
 * Callers are the few central writers of the facts webhooks carry — `recordEvent` (stage
 * and stance), the threshold snapshots and the stored health (health.ts, storedHealth.ts)
 * — so every path (tRPC, the sweep, REST, import) enqueues. The webhooks table is read
 * only when such a change happens: ordinary writes cost nothing extra.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { WebhookEvent } from '../../shared/webhooks';
import type { Tx } from '../db/client';
import { prepared } from '../db/prepared';
import { deals, teams, webhookDeliveries, webhooks } from '../db/tables';
import type { EventInput } from './events';

/** What a receiver learns of a deal in every deal event. */
export interface WebhookDeal {
  id: number;
  name: string;
  team: { id: number; name: string };
}

export interface WebhookMessage {
  event: WebhookEvent;
  /** The event's own fields; `deal` is filled in from `dealId` when given. */
  data: Record<string, unknown>;
  /** The deal the event is about, if any: its name and team go into `data.deal`. */
  dealId?: number;
}

const subscribers = prepared((db) => db.select({ id: webhooks.id, events: webhooks.events }).from(webhooks).prepare());

/** The body every delivery carries, byte for byte as signed: `{id, event, at, data}`. */
export function webhookBody(id: string, event: WebhookEvent, at: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ id, event, at: at.toISOString(), data });
}

async function dealsById(tx: Tx, ids: number[]): Promise<Map<number, WebhookDeal>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: deals.id, name: deals.name, teamId: teams.id, teamName: teams.name })
    .from(deals)
    .innerJoin(teams, eq(teams.id, deals.teamId))
    .where(inArray(deals.id, ids));
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, team: { id: row.teamId, name: row.teamName } }]));
}

/**
 * Enqueue webhook events inside the caller's transaction: one delivery per event per
 * webhook subscribed to it, due now. One read of the webhooks table for the whole batch;
 * nothing more when no webhook wants these events. Returns how many deliveries it wrote.
 * The account flags (./accountFlags.ts) call this with `account.flag_raised` when a flag goes up.
 */
export async function enqueueWebhooks(tx: Tx, messages: readonly WebhookMessage[], at: Date): Promise<number> {
  if (messages.length === 0) return 0;
  const hooks = await subscribers(tx).execute();
  const wanted = messages.map((message) => ({ message, hooks: hooks.filter((hook) => hook.events.includes(message.event)) })).filter((item) => item.hooks.length > 0);
  if (wanted.length === 0) return 0;
  const dealOf = await dealsById(tx, [...new Set(wanted.flatMap((item) => (item.message.dealId === undefined ? [] : [item.message.dealId])))]);
  const stamp = at.toISOString();
  const rows = wanted.flatMap(({ message, hooks: to }) => {
    const eventId = randomUUID();
    const deal = message.dealId === undefined ? undefined : dealOf.get(message.dealId);
    const body = webhookBody(eventId, message.event, at, deal ? { deal, ...message.data } : message.data);
    return to.map((hook) => ({ webhookId: hook.id, eventId, event: message.event, body, status: 'pending' as const, nextAttemptAt: stamp, createdAt: stamp }));
  });
  for (let start = 0; start < rows.length; start += 200) await tx.insert(webhookDeliveries).values(rows.slice(start, start + 200));
  return rows.length;
}

/** One event: see `enqueueWebhooks`. */
export function enqueueWebhook(tx: Tx, message: WebhookMessage, at: Date): Promise<number> {
  return enqueueWebhooks(tx, [message], at);
}

/** The webhook event an event-log entry means, if any (stage and stance; thresholds and health are enqueued where they are scored). */
export function webhookOfEvent(event: EventInput): WebhookMessage | null {
  switch (event.kind) {
    case 'deal.stageChanged':
      if (!event.after.stage) return null;
      return { event: 'deal.stage_changed', dealId: event.dealId ?? undefined, data: { before: event.before.stage ?? null, after: event.after.stage } };
    case 'stakeholder.stanceChanged':
      if (!event.after.stance) return null;
      return {
        event: 'stakeholder.stance_changed',
        dealId: event.dealId ?? undefined,
        data: { stakeholder: { id: event.after.stakeholderId, name: event.after.name }, before: event.before.stance ?? null, after: event.after.stance },
      };
    default:
      return null;
  }
}
