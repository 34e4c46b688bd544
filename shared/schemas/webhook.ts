import { z } from 'zod';
import { WEBHOOK_EVENTS, WEBHOOK_LIMITS } from '../webhooks';
import { zId } from './common';
import { LIMITS } from './limits';

/** http(s) only: a webhook is a POST over HTTP, and any other scheme (file:, ftp:, javascript:) is refused by name. */
const zWebhookUrl = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.webhookUrl)
  .refine((value) => URL.canParse(value), 'must be an absolute URL, e.g. https://example.com/hooks/deal-room')
  .refine((value) => !URL.canParse(value) || ['http:', 'https:'].includes(new URL(value).protocol), 'only http:// and https:// URLs are accepted');

export const ZWebhookCreateSchema = z.strictObject({
  url: zWebhookUrl,
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1)
    .max(WEBHOOK_EVENTS.length)
    .refine((events) => new Set(events).size === events.length, 'must not name an event twice'),
  /** Kept as given: the server signs every body with it (HMAC-SHA256). */
  secret: z
    .string()
    .min(WEBHOOK_LIMITS.secretMin)
    .max(LIMITS.webhookSecret)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
});
export type TWebhookCreate = z.infer<typeof ZWebhookCreateSchema>;

export const ZWebhookListSchema = z.strictObject({}).optional();
export const ZWebhookRemoveSchema = z.strictObject({ id: zId });
export const ZWebhookDeliveriesSchema = z.strictObject({
  id: zId,
  limit: z.int().min(1).max(WEBHOOK_LIMITS.deliveriesMax).optional(),
});
export type TWebhookDeliveries = z.infer<typeof ZWebhookDeliveriesSchema>;
export const ZWebhookRedeliverSchema = z.strictObject({ deliveryId: zId });
