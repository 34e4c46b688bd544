import { z } from 'zod';
import { zId } from './common';

/**
 * The History tab's filter groups: each gathers event families (the part of a
 * kind before the dot) that a rep thinks of as one thing.
 */
export const HISTORY_KIND_GROUPS = {
  deal: ['deal'],
  information: ['infoPoint', 'nextStep', 'competitor', 'successFactor'],
  people: ['stakeholder', 'relationship', 'contact', 'externalAlly'],
  activity: ['activity', 'coachingNote'],
  thresholds: ['threshold', 'settings'],
} as const satisfies Record<string, readonly string[]>;
export type HistoryKindGroup = keyof typeof HISTORY_KIND_GROUPS;
export const HISTORY_KIND_GROUP_NAMES = Object.keys(HISTORY_KIND_GROUPS) as HistoryKindGroup[];

export const HISTORY_DEFAULT_LIMIT = 200;
export const HISTORY_MAX_LIMIT = 1000;

export const ZHistoryGetSchema = z.object({
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
