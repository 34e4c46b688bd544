import { z } from 'zod';
import { INFO_POINT_STATUSES } from '../domain';
import { zDate, zDateTime, zId, zName, zText, zVersion } from './common';

export const ZInfoPointUpdateSchema = z.strictObject({
  dealId: zId,
  point: z.int().min(1).max(9),
  version: zVersion,
  status: z.enum(INFO_POINT_STATUSES).optional(),
  summary: zText(4000).optional(),
  sourceStakeholderId: zId.nullable().optional(),
  verifiedAt: z.union([zDate, zDateTime]).nullable().optional(),
});
export type TInfoPointUpdate = z.infer<typeof ZInfoPointUpdateSchema>;

// Point 1: next steps
export const ZNextStepAddSchema = z.strictObject({
  dealId: zId,
  title: zName(300),
  owner: zText(120).optional(),
  dueDate: zDate.nullable().optional(),
});
export const ZNextStepUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  title: zName(300).optional(),
  owner: zText(120).optional(),
  dueDate: zDate.nullable().optional(),
  done: z.boolean().optional(),
});

// Point 8: competitors
const favouredBy = z.array(zId).max(200);
export const ZCompetitorAddSchema = z.strictObject({
  dealId: zId,
  name: zName(200),
  strengths: zText(2000).optional(),
  weaknesses: zText(2000).optional(),
  favouredByStakeholderIds: favouredBy.optional(),
});
export const ZCompetitorUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  name: zName(200).optional(),
  strengths: zText(2000).optional(),
  weaknesses: zText(2000).optional(),
  favouredByStakeholderIds: favouredBy.optional(),
});

// Point 9: success factors, ranked
export const ZSuccessFactorAddSchema = z.strictObject({ dealId: zId, title: zName(300) });
export const ZSuccessFactorUpdateSchema = z.strictObject({ id: zId, version: zVersion, title: zName(300) });
export const ZSuccessFactorReorderSchema = z.strictObject({
  dealId: zId,
  /** Every success factor of the deal, most important first. */
  orderedIds: z.array(zId).min(1).max(100),
});

export const ZRemoveByIdSchema = z.strictObject({ id: zId });
