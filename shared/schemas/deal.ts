import { z } from 'zod';
import { CURRENCIES, DEAL_STATUSES, STAGES } from '../domain';
import { zAmount, zDate, zId, zName, zText, zVersion } from './common';
import { LIMITS } from './limits';

export const ZDealListSchema = z
  .strictObject({
    status: z.enum(DEAL_STATUSES).optional(),
    ownerId: zId.optional(),
    stage: z.enum(STAGES).optional(),
  })
  .optional();

export const ZDealCreateSchema = z.strictObject({
  accountId: zId,
  name: zName(LIMITS.name),
  amount: zAmount,
  closeDate: zDate,
  stage: z.enum(STAGES).optional(),
  currency: z.enum(CURRENCIES).optional(),
  ownerId: zId.optional(),
});
export type TDealCreate = z.infer<typeof ZDealCreateSchema>;

export const ZDealUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  name: zName(LIMITS.name).optional(),
  amount: zAmount.optional(),
  currency: z.enum(CURRENCIES).optional(),
  stage: z.enum(STAGES).optional(),
  closeDate: zDate.optional(),
  ownerId: zId.optional(),
  lossReason: zText(LIMITS.lossReason).nullable().optional(),
});
export type TDealUpdate = z.infer<typeof ZDealUpdateSchema>;

export const ZDealIdSchema = z.strictObject({ id: zId });
