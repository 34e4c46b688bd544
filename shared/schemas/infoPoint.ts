import { z } from 'zod';
import { INFO_POINT_STATUSES, INFO_POINTS } from '../domain';
import { zDate, zDateTime, zId, zName, zText, zVersion } from './common';
import { LIMITS } from './limits';

export const ZInfoPointUpdateSchema = z.strictObject({
  dealId: zId,
  point: z.int().min(1).max(INFO_POINTS.length),
  version: zVersion,
  status: z.enum(INFO_POINT_STATUSES).optional(),
  summary: zText(LIMITS.note).optional(),
  sourceStakeholderId: zId.nullable().optional(),
  verifiedAt: z.union([zDate, zDateTime]).nullable().optional(),
});
export type TInfoPointUpdate = z.infer<typeof ZInfoPointUpdateSchema>;

// Point 1: next steps
export const ZNextStepAddSchema = z.strictObject({
  dealId: zId,
  title: zName(LIMITS.itemTitle),
  owner: zText(LIMITS.stepOwner).optional(),
  dueDate: zDate.nullable().optional(),
});
export const ZNextStepUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  title: zName(LIMITS.itemTitle).optional(),
  owner: zText(LIMITS.stepOwner).optional(),
  dueDate: zDate.nullable().optional(),
  done: z.boolean().optional(),
});

// Point 8: competitors
const favouredBy = z.array(zId).max(200);
export const ZCompetitorAddSchema = z.strictObject({
  dealId: zId,
  name: zName(LIMITS.name),
  strengths: zText(LIMITS.description).optional(),
  weaknesses: zText(LIMITS.description).optional(),
  favouredByStakeholderIds: favouredBy.optional(),
});
export const ZCompetitorUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  name: zName(LIMITS.name).optional(),
  strengths: zText(LIMITS.description).optional(),
  weaknesses: zText(LIMITS.description).optional(),
  favouredByStakeholderIds: favouredBy.optional(),
});

// Point 9: success factors, ranked
export const ZSuccessFactorAddSchema = z.strictObject({ dealId: zId, title: zName(LIMITS.itemTitle) });
export const ZSuccessFactorUpdateSchema = z.strictObject({ id: zId, version: zVersion, title: zName(LIMITS.itemTitle) });
export const ZSuccessFactorReorderSchema = z.strictObject({
  dealId: zId,
  /** Every success factor of the deal, most important first. */
  orderedIds: z.array(zId).min(1).max(100),
});

export const ZRemoveByIdSchema = z.strictObject({ id: zId });
