import { z } from 'zod';
import { ACCOUNT_TIERS, CURRENCIES, DEAL_STATUSES, HEALTH_STATUSES, LOSS_CAUSES, STAGES, type LossCause, type Stage } from '../domain';
import { zAmount, zDate, zId, zName, zText, zVersion } from './common';
import { DEAL_PAGE_MAX, DEAL_SORTS, type DealSort } from '../dealQuery';
export { DEAL_PAGE_DEFAULT, DEAL_PAGE_MAX, DEAL_SORT_KEYS, DEAL_SORTS, type DealSort, type DealSortKey } from '../dealQuery';
import { LIMITS } from './limits';

/**
 * Loss analysis (SPEC §10). The three fields travel only with `stage: 'lost'` — moving a
 * deal to lost, or correcting the analysis of a lost deal — and then all are required:
 * the reason in words, the cause from the method's list, and the competitor's name when
 * the cause is `competitor`. `lostTo` with any other cause is refused rather than
 * dropped, so a client never believes it recorded a competitor it did not.
 */
const lossFields = {
  lossReason: zText(LIMITS.lossReason).nullable().optional(),
  lossCause: z.enum(LOSS_CAUSES).optional(),
  lostTo: zText(LIMITS.name).optional(),
};

interface LossInput {
  stage?: Stage | undefined;
  lossReason?: string | null | undefined;
  lossCause?: LossCause | undefined;
  lostTo?: string | undefined;
}

function lossRules(input: LossInput, ctx: z.RefinementCtx): void {
  const issue = (field: keyof LossInput, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  if (input.stage !== 'lost') {
    for (const field of ['lossReason', 'lossCause', 'lostTo'] as const) {
      if (input[field] !== undefined) issue(field, 'is recorded only when the deal moves to lost (stage: lost)');
    }
    return;
  }
  if (!input.lossReason) issue('lossReason', 'say in a sentence why the deal was lost');
  if (input.lossCause === undefined) issue('lossCause', `a lost deal needs its cause: one of ${LOSS_CAUSES.join(', ')}`);
  if (input.lossCause === 'competitor' && !input.lostTo) issue('lostTo', 'name the competitor who won the deal');
  if (input.lossCause !== 'competitor' && input.lostTo !== undefined) issue('lostTo', 'is recorded only when the cause is competitor');
}

/**
 * One page of a list of deals (SPEC §13): `deal.list` and `review.pipeline` take the same
 * query. Sorting, filtering and search happen on the server; `cursor` is the `nextCursor`
 * of the page before, for the same sort.
 */
export const ZDealQuerySchema = z.strictObject({
  cursor: z.string().max(LIMITS.cursor).optional(),
  limit: z.int().min(1).max(DEAL_PAGE_MAX).optional(),
  sort: z.enum(DEAL_SORTS as [DealSort, ...DealSort[]]).optional(),
  /** A deal's or its account's name, any part of it, any case. */
  q: zText(LIMITS.name).optional(),
  teamId: zId.optional(),
  status: z.enum(DEAL_STATUSES).optional(),
  stage: z.enum(STAGES).optional(),
  ownerId: zId.optional(),
  health: z.enum(HEALTH_STATUSES).optional(),
  /** The account's tier (A, B, C): the pipeline filters by it, so the database does. */
  tier: z.enum(ACCOUNT_TIERS).optional(),
});
export type TDealQuery = z.infer<typeof ZDealQuerySchema>;
export const ZDealListSchema = ZDealQuerySchema.optional();

/** `review.summary`: the counts of the Review's header, for one team or every team the user sees. */
export const ZReviewSummarySchema = z.strictObject({ teamId: zId.optional() }).optional();

export const ZDealCreateSchema = z
  .strictObject({
    accountId: zId,
    name: zName(LIMITS.name),
    amount: zAmount,
    closeDate: zDate,
    stage: z.enum(STAGES).optional(),
    currency: z.enum(CURRENCIES).optional(),
    ownerId: zId.optional(),
    ...lossFields,
  })
  .superRefine(lossRules);
export type TDealCreate = z.infer<typeof ZDealCreateSchema>;

export const ZDealUpdateSchema = z
  .strictObject({
    id: zId,
    version: zVersion,
    name: zName(LIMITS.name).optional(),
    amount: zAmount.optional(),
    currency: z.enum(CURRENCIES).optional(),
    stage: z.enum(STAGES).optional(),
    closeDate: zDate.optional(),
    ownerId: zId.optional(),
    ...lossFields,
  })
  .superRefine(lossRules);
export type TDealUpdate = z.infer<typeof ZDealUpdateSchema>;

export const ZDealIdSchema = z.strictObject({ id: zId });
