import type { DomainEvent } from '../../shared/events';
import type { Tx } from '../db/client';
import { events } from '../db/tables';
import { enqueueWebhook, webhookOfEvent } from './webhookOutbox';

/** One event of shared/events.ts, with where, by whom and when it happened. */
export type EventInput = DomainEvent & {
  teamId: number;
  dealId: number | null;
  actorId: number | null;
  at: Date;
};

/** The events table's row of one event, at the moment given (an ISO instant). */
export function eventRow(event: EventInput, at: string) {
  return {
    teamId: event.teamId,
    dealId: event.dealId,
    actorId: event.actorId,
    kind: event.kind,
    entity: event.entity,
    entityId: event.entityId,
    before: 'before' in event ? event.before : null,
    after: 'after' in event ? event.after : null,
    at,
  };
}

/** The outbox: a change that webhooks carry is enqueued in the transaction that records it. */
export async function enqueueWebhookOf(tx: Tx, event: EventInput): Promise<void> {
  const webhook = webhookOfEvent(event);
  if (webhook) await enqueueWebhook(tx, webhook, event.at);
}

/** Append to the event log (and, for a change webhooks carry, to their outbox). Called inside the same transaction as the change it records. */
export async function recordEvent(tx: Tx, event: EventInput): Promise<void> {
  await tx.insert(events).values(eventRow(event, event.at.toISOString()));
  await enqueueWebhookOf(tx, event);
}

/** Only the fields that changed, before and after, so the log reads as a diff. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  patch: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T)[]) {
    if (patch[key] === undefined || patch[key] === before[key]) continue;
    was[key] = before[key];
    now[key] = patch[key];
  }
  return Object.keys(now).length > 0 ? { before: was, after: now } : null;
}
