import { z } from 'zod';
import { zDate, zId } from './common';

/**
 * `review.losses` (SPEC §10): the closed deals of a period, by their close date. Both ends
 * are calendar days and inclusive; either may be left open.
 */
export const ZReviewLossesSchema = z
  .strictObject({
    since: zDate.optional(),
    until: zDate.optional(),
    ownerId: zId.optional(),
  })
  .refine((input) => input.since === undefined || input.until === undefined || input.since <= input.until, { path: ['until'], message: 'must not be before since' })
  .optional();
export type TReviewLosses = z.infer<typeof ZReviewLossesSchema>;
