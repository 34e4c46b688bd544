import { z } from 'zod';
import { LEVELS } from '../domain';
import { zDate, zId, zName, zText, zVersion } from './common';
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

/** The earliest day a person can have left: older dates are typing mistakes, not history anyone maps. */
export const LEFT_AT_MIN = '1970-01-01';

/**
 * The day a person left the customer (SPEC §10), or null: they are back, or it was a
 * mistake. The server refuses a day after today (it knows what "today" is; a schema does not).
 */
export const zLeftAt = zDate.refine((day) => day >= LEFT_AT_MIN, `must be on or after ${LEFT_AT_MIN}`).nullable();

export const ZContactUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  ...contactFields,
  name: contactFields.name.optional(),
  level: contactFields.level.optional(),
  leftAt: zLeftAt.optional(),
});
export type TContactUpdate = z.infer<typeof ZContactUpdateSchema>;

/**
 * The editable facts of a contact, as a patch. Leaving the customer is not one of them:
 * it has its own events (contact.left / contact.returned), so it is never a plain edit.
 */
export type TContactPatch = Omit<TContactUpdate, 'id' | 'version' | 'leftAt'>;
