import { z } from 'zod';
import { zId, zName } from './common';
import { ZDealQuerySchema } from './deal';
import { LIMITS } from './limits';

/** The review takes the same page query as deal.list; without a status it covers the open deals, worst first. */
export const ZReviewPipelineSchema = ZDealQuerySchema.optional();
export type TReviewPipeline = z.infer<typeof ZReviewPipelineSchema>;

export const ZCoachingNoteAddSchema = z.strictObject({
  dealId: zId,
  body: zName(LIMITS.note),
});
export type TCoachingNoteAdd = z.infer<typeof ZCoachingNoteAddSchema>;

export const ZCoachingNoteListSchema = z.strictObject({ dealId: zId });
