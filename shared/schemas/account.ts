import { z } from 'zod';
import { ACCOUNT_HEALTH_STATUSES, ACCOUNT_PHASES, ACCOUNT_PRACTICES, RATING_MAX, RATING_MIN, type AccountPractice } from '../accounts';
import { ACCOUNT_TIERS } from '../domain';
import { HISTORY_MAX_LIMIT } from '../history';
import { zId, zName, zText, zVersion } from './common';
import { LIMITS } from './limits';

/** A manual rating 1..5 (SPEC §11), or null for "not judged yet". */
const zRating = z.int().min(RATING_MIN).max(RATING_MAX).nullable();

/** The facts of an account a person sets; everything else (pattern, scorecard, health) is derived. */
const accountFields = {
  industry: zText(LIMITS.industry),
  tier: z.enum(ACCOUNT_TIERS),
  phase: z.enum(ACCOUNT_PHASES),
  /** The key-account manager: an active user of the account's team, or null for none yet. */
  ownerId: zId.nullable(),
  strategicValue: zRating,
  creditStanding: zRating,
  productFit: zRating,
  /** Does one head office buy for all its branches? null: not known yet. */
  centralPurchasing: z.boolean().nullable(),
};

export const ZAccountCreateSchema = z.strictObject({
  name: zName(LIMITS.name),
  industry: accountFields.industry.optional(),
  tier: accountFields.tier.optional(),
  phase: accountFields.phase.optional(),
  ownerId: accountFields.ownerId.optional(),
  strategicValue: zRating.optional(),
  creditStanding: zRating.optional(),
  productFit: zRating.optional(),
  centralPurchasing: accountFields.centralPurchasing.optional(),
  /** The team the account belongs to: the user's own unless they name another team they see whole. */
  teamId: zId.optional(),
});
export type TAccountCreate = z.infer<typeof ZAccountCreateSchema>;

/**
 * `account.update`: any subset of the facts, against the version it was read at. A tier
 * change is a human decision kept in the tier history, so it travels with its `reason`.
 */
export const ZAccountUpdateSchema = z
  .strictObject({
    id: zId,
    version: zVersion,
    name: zName(LIMITS.name).optional(),
    industry: accountFields.industry.optional(),
    tier: accountFields.tier.optional(),
    /** Why the tier changes: required with `tier`, refused without it. */
    reason: zName(LIMITS.tierReason).optional(),
    phase: accountFields.phase.optional(),
    ownerId: accountFields.ownerId.optional(),
    strategicValue: zRating.optional(),
    creditStanding: zRating.optional(),
    productFit: zRating.optional(),
    centralPurchasing: accountFields.centralPurchasing.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.tier !== undefined && input.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the tier changes' });
    if (input.tier === undefined && input.reason !== undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is recorded only with a tier change (tier)' });
  });
export type TAccountUpdate = z.infer<typeof ZAccountUpdateSchema>;

export const ZAccountIdSchema = z.strictObject({ id: zId });

/** `account.list`: the accounts the user sees, optionally one team's and filtered; sorted by name. */
export const ZAccountListSchema = z
  .strictObject({
    teamId: zId.optional(),
    tier: z.enum(ACCOUNT_TIERS).optional(),
    phase: z.enum(ACCOUNT_PHASES).optional(),
    health: z.enum(ACCOUNT_HEALTH_STATUSES).optional(),
    pseudoKey: z.boolean().optional(),
    /** One key-account manager's accounts ("my accounts"). */
    ownerId: zId.optional(),
    /** Any part of the name, any case. */
    q: zText(LIMITS.name).optional(),
  })
  .optional();
export type TAccountList = z.infer<typeof ZAccountListSchema>;

/** Most names `account.options` returns in one call. */
export const ACCOUNT_OPTIONS_MAX = 500;

/**
 * `account.options`: the names of the accounts a user may open a deal on — every account of
 * their team (a rep), of the teams they manage (a manager), of any team (an admin) — seen yet or
 * not; `q` is any part of the name. Sorted by name, at most `limit` (default and cap 500).
 */
export const ZAccountOptionsSchema = z
  .strictObject({
    teamId: zId.optional(),
    q: zText(LIMITS.name).optional(),
    limit: z.int().min(1).max(ACCOUNT_OPTIONS_MAX).optional(),
  })
  .optional();
export type TAccountOptions = z.infer<typeof ZAccountOptionsSchema>;

/** `account.portfolio`: one team's 80/20 check; the user's own team by default. */
export const ZAccountPortfolioSchema = z.strictObject({ teamId: zId.optional() }).optional();
/** `review.accounts`: the accounts on the defection watch, of one team or every team the user sees. */
export const ZReviewAccountsSchema = ZAccountPortfolioSchema;

/** `account.practice`: tick (done: true) or untick one practice of the phase checklist; idempotent. */
export const ZAccountPracticeSchema = z.strictObject({
  accountId: zId,
  practice: z.enum(ACCOUNT_PRACTICES as [AccountPractice, ...AccountPractice[]]),
  done: z.boolean(),
});
export type TAccountPractice = z.infer<typeof ZAccountPracticeSchema>;

/** `account.history`: the account's own log, newest first; `cursor` is the `nextCursor` of the page before. */
export const ZAccountHistorySchema = z.strictObject({
  id: zId,
  limit: z.int().min(1).max(HISTORY_MAX_LIMIT).optional(),
  cursor: zId.nullish(),
});
export type TAccountHistory = z.infer<typeof ZAccountHistorySchema>;
