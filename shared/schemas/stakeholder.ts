import { z } from 'zod';
import { DECISION_ROLES, INFLUENCE_MAX, INFLUENCE_MIN, STANCES } from '../domain';
import { zId, zText, zVersion } from './common';
import { contactFields } from './contact';
import { LIMITS } from './limits';

/** Map coordinates: finite (z.number refuses Infinity and NaN) and within a sane canvas. */
const zMapPosition = z.number().min(-1e6).max(1e6);

/** A person's part in one deal. */
const partFields = {
  decisionRole: z.enum(DECISION_ROLES),
  influence: z.int().min(INFLUENCE_MIN).max(INFLUENCE_MAX),
  stance: z.enum(STANCES),
  isCoach: z.boolean().optional(),
  explicitNeeds: zText(LIMITS.note).optional(),
  implicitNeeds: zText(LIMITS.note).optional(),
  notes: zText(LIMITS.note).optional(),
  positionX: zMapPosition.nullable().optional(),
  positionY: zMapPosition.nullable().optional(),
};

const newContactKeys = ['name', 'title', 'department', 'level', 'reportsToContactId', 'email', 'phone'] as const;

/**
 * Put a person on a deal's map: either an existing contact of the deal's account
 * (`contactId`) or a new contact created on that account (`name`, `level`, …).
 * Stance defaults to `unknown` — not knowing is a fact the scoring counts.
 */
export const ZStakeholderAddSchema = z
  .strictObject({
    dealId: zId,
    contactId: zId.optional(),
    ...contactFields,
    name: contactFields.name.optional(),
    level: contactFields.level.optional(),
    ...partFields,
    stance: partFields.stance.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.contactId !== undefined) {
      for (const key of newContactKeys) {
        if (input[key] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'give either contactId or a new contact’s details, not both' });
        }
      }
      return;
    }
    if (input.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'required for a new contact (or give contactId)' });
    if (input.level === undefined) ctx.addIssue({ code: 'custom', path: ['level'], message: 'required for a new contact (or give contactId)' });
  });
export type TStakeholderAdd = z.infer<typeof ZStakeholderAddSchema>;

/**
 * Change any field of a stakeholder: their part in the deal, or the contact's
 * facts (which changes them on every deal with the account). Map drags send
 * only `{id, version, positionX, positionY}`. `contactVersion`, when given,
 * also guards the contact row against a concurrent edit from another deal.
 */
export const ZStakeholderUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  contactVersion: zVersion.optional(),
  ...contactFields,
  name: contactFields.name.optional(),
  level: contactFields.level.optional(),
  ...partFields,
  decisionRole: partFields.decisionRole.optional(),
  influence: partFields.influence.optional(),
  stance: partFields.stance.optional(),
});
export type TStakeholderUpdate = z.infer<typeof ZStakeholderUpdateSchema>;

export const ZStakeholderRemoveSchema = z.strictObject({ id: zId });
