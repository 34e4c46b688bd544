import { z } from 'zod';
import { ACCOUNT_TIERS, PURCHASE_PATTERNS } from '../domain';
import { zId, zName, zText } from './common';
import { LIMITS } from './limits';

export const ZAccountCreateSchema = z.strictObject({
  name: zName(LIMITS.name),
  industry: zText(LIMITS.industry).optional(),
  tier: z.enum(ACCOUNT_TIERS).optional(),
  purchasePattern: z.enum(PURCHASE_PATTERNS).optional(),
  /** The team the account belongs to: the user's own unless they name another team they see whole. */
  teamId: zId.optional(),
});
export type TAccountCreate = z.infer<typeof ZAccountCreateSchema>;
