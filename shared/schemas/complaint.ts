import { z } from 'zod';
import { COMPLAINT_SEVERITIES } from '../accounts';
import { zDateTime, zId, zName, zVersion } from './common';
import { LIMITS } from './limits';

/**
 * `complaint.add` (SPEC §11). `openedAt` is when the customer raised it (default now); the
 * server refuses a moment in the future (it knows "now"; the schema does not).
 */
export const ZComplaintAddSchema = z.strictObject({
  accountId: zId,
  summary: zName(LIMITS.note),
  severity: z.enum(COMPLAINT_SEVERITIES),
  openedAt: zDateTime.optional(),
});
export type TComplaintAdd = z.infer<typeof ZComplaintAddSchema>;

/** `complaint.resolve`: how it was put right, against the version it was read at. */
export const ZComplaintResolveSchema = z.strictObject({
  id: zId,
  version: zVersion,
  resolution: zName(LIMITS.note),
});
export type TComplaintResolve = z.infer<typeof ZComplaintResolveSchema>;
