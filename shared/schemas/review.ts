import { z } from 'zod';
import { OPEN_STAGES } from '../domain';
import { zId } from './common';

/** The review covers open deals only, so only open stages filter it. */
export const ZReviewPipelineSchema = z
  .object({
    ownerId: zId.optional(),
    stage: z.enum(OPEN_STAGES).optional(),
  })
  .optional();
export type TReviewPipeline = z.infer<typeof ZReviewPipelineSchema>;

export const ZCoachingNoteAddSchema = z.strictObject({
  dealId: zId,
  body: z.string().trim().min(1).max(4000),
});
export type TCoachingNoteAdd = z.infer<typeof ZCoachingNoteAddSchema>;

export const ZCoachingNoteListSchema = z.strictObject({ dealId: zId });
