import { z } from 'zod';
import { OPEN_STAGES } from '../domain';
import { zId, zName } from './common';
import { LIMITS } from './limits';

/** The review covers open deals only, so only open stages filter it. */
export const ZReviewPipelineSchema = z
  .strictObject({
    ownerId: zId.optional(),
    stage: z.enum(OPEN_STAGES).optional(),
  })
  .optional();
export type TReviewPipeline = z.infer<typeof ZReviewPipelineSchema>;

export const ZCoachingNoteAddSchema = z.strictObject({
  dealId: zId,
  body: zName(LIMITS.note),
});
export type TCoachingNoteAdd = z.infer<typeof ZCoachingNoteAddSchema>;

export const ZCoachingNoteListSchema = z.strictObject({ dealId: zId });
