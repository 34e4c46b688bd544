import { z } from 'zod';
import { zDate, zId, zName } from './common';
import { LIMITS } from './limits';

/** `apiToken.create` (SPEC §15): a name, and optionally the last day the token works. */
export const ZApiTokenCreateSchema = z.strictObject({
  name: zName(LIMITS.tokenName),
  /** The last day the token is accepted (UTC); none means until it is revoked. */
  expiresAt: zDate.optional(),
});
export type TApiTokenCreate = z.infer<typeof ZApiTokenCreateSchema>;

export const ZApiTokenRevokeSchema = z.strictObject({ id: zId });
