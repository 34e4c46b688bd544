/**
 * Webhooks (SPEC §15): the events a URL may subscribe to, and the bounds of a webhook's
 * fields. No zod here: the Settings screen imports this file.
 */
export const WEBHOOK_EVENTS = ['deal.stage_changed', 'deal.health_changed', 'deal.threshold_changed', 'stakeholder.stance_changed', 'account.flag_raised'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Text bounds (the URL, the secret's longest) are in shared/schemas/limits.ts with the others. */
export const WEBHOOK_LIMITS = {
  /** A shared secret shorter than this is guessable; the Settings screen generates 32 bytes as hex. */
  secretMin: 16,
  /** Deliveries one `webhook.deliveries` call returns at most (newest first). */
  deliveriesMax: 100,
  deliveriesDefault: 50,
} as const;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The headers each delivery carries. */
export const WEBHOOK_HEADERS = {
  signature: 'X-DealRoom-Signature',
  event: 'X-DealRoom-Event',
  delivery: 'X-DealRoom-Delivery',
} as const;
