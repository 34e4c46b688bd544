import { z } from 'zod';
import { zId, zName, zText, zVersion } from './common';

/** A non-competing supplier who sells to the same account (外部联盟). */
const allyFields = {
  name: zName(200),
  /** What they sell to the account. */
  offering: zText(2000).optional(),
  /** What they bring to our deals there: introductions, intelligence, a joint offer. */
  contribution: zText(2000).optional(),
  contactName: zText(200).optional(),
  contactInfo: zText(500).optional(),
};

export const ZExternalAllyListSchema = z.strictObject({ accountId: zId });
export type TExternalAllyList = z.infer<typeof ZExternalAllyListSchema>;

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
export type TExternalAllyRemove = z.infer<typeof ZExternalAllyRemoveSchema>;
