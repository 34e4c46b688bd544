import { z } from 'zod';
import { LEVELS } from '../domain';
import { zId, zName, zText, zVersion } from './common';
import { LIMITS } from './limits';

/** An email address, or empty for "none". */
const zEmail = z
  .string()
  .trim()
  .max(LIMITS.email)
  .refine((value) => value === '' || z.email().safeParse(value).success, 'must be an email address');

/** The facts of a person at an account: the org chart lives here, shared by every deal with that account. */
export const contactFields = {
  name: zName(LIMITS.name),
  title: zText(LIMITS.jobTitle).optional(),
  department: zText(LIMITS.department).optional(),
  level: z.enum(LEVELS),
  /** Another contact of the same account; null clears it. */
  reportsToContactId: zId.nullable().optional(),
  email: zEmail.optional(),
  phone: zText(LIMITS.phone).optional(),
};

export const ZContactListSchema = z.strictObject({ accountId: zId });

export const ZContactUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  ...contactFields,
  name: contactFields.name.optional(),
  level: contactFields.level.optional(),
});
export type TContactUpdate = z.infer<typeof ZContactUpdateSchema>;

/** The editable contact fields, as a patch. */
export type TContactPatch = Omit<TContactUpdate, 'id' | 'version'>;
