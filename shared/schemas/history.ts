import { z } from 'zod';
import { HISTORY_MAX_LIMIT } from '../history';
import { zId } from './common';

export const ZHistoryGetSchema = z.strictObject({
  dealId: zId,
  /** A group ("people"), a family ("stakeholder") or one kind ("stakeholder.stanceChanged"). */
  kind: z
    .string()
    .max(64)
    .regex(/^[A-Za-z]+(\.[A-Za-z]+)?$/, 'must be a kind, a kind family or a group')
    .optional(),
  actorId: zId.optional(),
  stakeholderId: zId.optional(),
  limit: z.int().min(1).max(HISTORY_MAX_LIMIT).optional(),
});
export type THistoryGet = z.infer<typeof ZHistoryGetSchema>;
