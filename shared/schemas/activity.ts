import { z } from 'zod';
import { ACTIVITY_KINDS } from '../domain';
import { zDateTime, zId, zName } from './common';
import { LIMITS } from './limits';

export const ZActivityLogSchema = z.strictObject({
  dealId: zId,
  kind: z.enum(ACTIVITY_KINDS),
  occurredAt: zDateTime,
  stakeholderIds: z.array(zId).max(100),
  summary: zName(LIMITS.note),
  /**
   * The device's idempotency key (SPEC §16): made when the rep taps "Log", kept with a
   * queued offline entry, so sending it again never logs the meeting twice.
   */
  clientId: z.uuid().optional(),
});
export type TActivityLog = z.infer<typeof ZActivityLogSchema>;

export const ZActivityListSchema = z.strictObject({ dealId: zId });
export const ZActivityRemoveSchema = z.strictObject({ id: zId });
