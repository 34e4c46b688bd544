import { z } from 'zod';
import { ACCOUNT_TIERS, PURCHASE_PATTERNS } from '../domain';
import { zName, zText } from './common';
import { LIMITS } from './limits';

export const ZAccountCreateSchema = z.strictObject({
  name: zName(LIMITS.name),
  industry: zText(LIMITS.industry).optional(),
  tier: z.enum(ACCOUNT_TIERS).optional(),
  purchasePattern: z.enum(PURCHASE_PATTERNS).optional(),
});
export type TAccountCreate = z.infer<typeof ZAccountCreateSchema>;
