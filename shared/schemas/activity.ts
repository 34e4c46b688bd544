import { z } from 'zod';
import { ACTIVITY_KINDS } from '../domain';
import { zDateTime, zId, zName } from './common';
import { LIMITS } from './limits';

/**
 * `activity.log` takes either a deal and the stakeholders met (`dealId` + `stakeholderIds`), or —
 * for contact that belongs to the relationship, not to one deal (SPEC §11) — an account and its
 * contacts (`accountId` + `contactIds`). Exactly one pair.
 */
export const ZActivityLogSchema = z
  .strictObject({
    dealId: zId.optional(),
    stakeholderIds: z.array(zId).max(100).optional(),
    accountId: zId.optional(),
    contactIds: z.array(zId).max(100).optional(),
    kind: z.enum(ACTIVITY_KINDS),
    occurredAt: zDateTime,
    summary: zName(LIMITS.note),
    /**
     * The device's idempotency key (SPEC §16): made when the rep taps "Log", kept with a
     * queued offline entry, so sending it again never logs the meeting twice.
     */
    clientId: z.uuid().optional(),
  })
  .superRefine((input, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if ((input.dealId === undefined) === (input.accountId === undefined)) issue('dealId', 'name either a deal (dealId) or an account (accountId)');
    if (input.dealId !== undefined) {
      if (input.stakeholderIds === undefined) issue('stakeholderIds', 'list the stakeholders involved (may be empty)');
      if (input.contactIds !== undefined) issue('contactIds', 'goes with accountId; a deal activity lists stakeholderIds');
    }
    if (input.accountId !== undefined) {
      if (input.contactIds === undefined) issue('contactIds', 'list the contacts involved (may be empty)');
      if (input.stakeholderIds !== undefined) issue('stakeholderIds', 'goes with dealId; an account activity lists contactIds');
    }
  });
export type TActivityLog = z.infer<typeof ZActivityLogSchema>;
/** The deal path, as the service sees it once the schema has checked the pair. */
export type TDealActivityLog = Omit<TActivityLog, 'dealId' | 'stakeholderIds' | 'accountId' | 'contactIds'> & { dealId: number; stakeholderIds: number[] };
export type TAccountActivityLog = Omit<TActivityLog, 'dealId' | 'stakeholderIds' | 'accountId' | 'contactIds'> & { accountId: number; contactIds: number[] };

export const ZActivityListSchema = z.strictObject({ dealId: zId });
export const ZActivityRemoveSchema = z.strictObject({ id: zId });
