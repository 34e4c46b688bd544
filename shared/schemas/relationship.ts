import { z } from 'zod';
import { RELATIONSHIP_KINDS } from '../domain';
import { zId } from './common';

const zRelationshipStrength = z.int().min(1).max(3);

/** An edge between two people of one deal, besides reporting lines. */
export const ZRelationshipAddSchema = z
  .strictObject({
    dealId: zId,
    fromStakeholderId: zId,
    toStakeholderId: zId,
    kind: z.enum(RELATIONSHIP_KINDS),
    strength: zRelationshipStrength.optional(),
  })
  .refine((input) => input.fromStakeholderId !== input.toStakeholderId, {
    path: ['toStakeholderId'],
    message: 'a person cannot have a relationship with themselves',
  });
export type TRelationshipAdd = z.infer<typeof ZRelationshipAddSchema>;

export const ZRelationshipRemoveSchema = z.strictObject({ id: zId });
