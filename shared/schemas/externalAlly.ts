import { z } from 'zod';
import { zId, zName, zText, zVersion } from './common';
import { LIMITS } from './limits';

/** A non-competing supplier who sells to the same account (外部联盟). */
const allyFields = {
  name: zName(LIMITS.name),
  /** What they sell to the account. */
  offering: zText(LIMITS.description).optional(),
  /** What they bring to our deals there: introductions, intelligence, a joint offer. */
  contribution: zText(LIMITS.description).optional(),
  contactName: zText(LIMITS.name).optional(),
  contactInfo: zText(LIMITS.contactInfo).optional(),
};

export const ZExternalAllyListSchema = z.strictObject({ accountId: zId });

export const ZExternalAllyAddSchema = z.strictObject({ accountId: zId, ...allyFields });
export type TExternalAllyAdd = z.infer<typeof ZExternalAllyAddSchema>;

export const ZExternalAllyUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  ...allyFields,
  name: allyFields.name.optional(),
});
export type TExternalAllyUpdate = z.infer<typeof ZExternalAllyUpdateSchema>;

export const ZExternalAllyRemoveSchema = z.strictObject({ id: zId });
