import { z } from 'zod';
import { ACCOUNT_TIERS, PURCHASE_PATTERNS } from '../domain';
import { zName, zText } from './common';

export const ZAccountCreateSchema = z.strictObject({
  name: zName(200),
  industry: zText(100).optional(),
  tier: z.enum(ACCOUNT_TIERS).optional(),
  purchasePattern: z.enum(PURCHASE_PATTERNS).optional(),
});
export type TAccountCreate = z.infer<typeof ZAccountCreateSchema>;
