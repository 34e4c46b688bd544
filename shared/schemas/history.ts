import { z } from 'zod';
import { HISTORY_MAX_LIMIT } from '../history';
import { zId } from './common';
import { LIMITS } from './limits';

export const ZHistoryGetSchema = z.strictObject({
  dealId: zId,
  /** A group ("people"), a family ("stakeholder") or one kind ("stakeholder.stanceChanged"). */
  kind: z
    .string()
    .max(LIMITS.eventKind)
    .regex(/^[A-Za-z]+(\.[A-Za-z]+)?$/, 'must be a kind, a kind family or a group')
    .optional(),
  actorId: zId.optional(),
  stakeholderId: zId.optional(),
  limit: z.int().min(1).max(HISTORY_MAX_LIMIT).optional(),
  /**
   * Paging: the id of the oldest event already shown; the answer's events are
   * the ones logged before it, and its `nextCursor` the cursor of the page after.
   * Named `cursor` so tRPC's infinite queries drive it; they send null for "from the top".
   */
  cursor: zId.nullish(),
  /** Sent by tRPC's infinite queries with every page; the log only pages towards older events. */
  direction: z.enum(['forward', 'backward']).optional(),
});
export type THistoryGet = z.infer<typeof ZHistoryGetSchema>;
