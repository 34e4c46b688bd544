/**
 * The History tab's filter groups: each gathers event families (the part of a
 * kind before the dot) that a rep thinks of as one thing. Kept free of zod so
 * the client's history chunk does not carry the validator.
 */
import type { EventFamily } from './events';

export const HISTORY_KIND_GROUPS = {
  deal: ['deal'],
  information: ['infoPoint', 'nextStep', 'competitor', 'successFactor'],
  people: ['stakeholder', 'relationship', 'contact', 'externalAlly'],
  activity: ['activity', 'coachingNote'],
  thresholds: ['threshold', 'settings', 'flag'],
} as const satisfies Record<string, readonly EventFamily[]>;
export type HistoryKindGroup = keyof typeof HISTORY_KIND_GROUPS;
export const HISTORY_KIND_GROUP_NAMES = Object.keys(HISTORY_KIND_GROUPS) as HistoryKindGroup[];

export const HISTORY_DEFAULT_LIMIT = 200;
export const HISTORY_MAX_LIMIT = 1000;
