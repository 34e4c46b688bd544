import { z } from 'zod';
import { ACCOUNT_SETTING_BOUNDS, SCORECARD_INDICATORS, type AccountSettings, type ScorecardIndicator } from '../accounts';
import { CURRENCIES, INFO_POINTS, OPEN_STAGES } from '../domain';
import type { ThresholdSettings } from '../settings';
import { zId, zVersion } from './common';
import { THRESHOLD_BOUNDS } from './limits';

const infoPointNumber = z.int().min(1).max(INFO_POINTS.length);
const bounded = (number: z.ZodNumber, { min, max }: { min: number; max: number }) => number.min(min).max(max);

/** The threshold settings of SPEC §4, one row per team. Defaults are the contract's. */
export const ZThresholdSettingsSchema = z.strictObject({
  minConfirmed: bounded(z.int(), THRESHOLD_BOUNDS.minConfirmed),
  requiredPoints: z
    .array(infoPointNumber)
    .max(INFO_POINTS.length)
    .refine((points) => new Set(points).size === points.length, 'requiredPoints must not repeat a point'),
  staleDays: bounded(z.int(), THRESHOLD_BOUNDS.staleDays),
  keyInfluence: bounded(z.int(), THRESHOLD_BOUNDS.keyInfluence),
  minCoaches: bounded(z.int(), THRESHOLD_BOUNDS.minCoaches),
  minAllies: bounded(z.int(), THRESHOLD_BOUNDS.minAllies),
  minCoverage: bounded(z.number(), THRESHOLD_BOUNDS.minCoverage),
  contactDays: bounded(z.int(), THRESHOLD_BOUNDS.contactDays),
  coachSilentDays: bounded(z.int(), THRESHOLD_BOUNDS.coachSilentDays),
  stageExpectations: z.strictObject({
    information: z.enum(OPEN_STAGES),
    relationships: z.enum(OPEN_STAGES),
    topDecisionMaker: z.enum(OPEN_STAGES),
  }),
}) satisfies z.ZodType<ThresholdSettings>;

/** settings.updateThresholds: any subset of the settings, against the version it was read at. */
export const ZThresholdUpdateSchema = ZThresholdSettingsSchema.partial().extend({
  version: zVersion,
  teamId: zId.optional(),
});
export type TThresholdUpdate = z.infer<typeof ZThresholdUpdateSchema>;

export const ZThresholdQuerySchema = z.strictObject({ teamId: zId.optional() }).optional();

const weight = bounded(z.number(), ACCOUNT_SETTING_BOUNDS.weight);
const cutoff = bounded(z.number(), ACCOUNT_SETTING_BOUNDS.tierCutoff);
const rate = bounded(z.number(), ACCOUNT_SETTING_BOUNDS.exchangeRate);

/** The account settings of SPEC §11, one set per team beside the thresholds. Defaults in shared/accounts.ts. */
export const ZAccountSettingsSchema = z.strictObject({
  weights: z
    .strictObject(Object.fromEntries(SCORECARD_INDICATORS.map((key) => [key, weight])) as Record<ScorecardIndicator, typeof weight>)
    .refine((weights) => Object.values(weights).some((w) => w > 0), 'at least one weight must be above 0'),
  tierCutoffs: z
    .strictObject({ A: cutoff, B: cutoff })
    .refine((cutoffs) => cutoffs.A > cutoffs.B, { message: 'the cut-off for A must be above the one for B', path: ['A'] }),
  repeatWindowMonths: bounded(z.int(), ACCOUNT_SETTING_BOUNDS.repeatWindowMonths),
  silentDays: bounded(z.int(), ACCOUNT_SETTING_BOUNDS.silentDays),
  complaintDays: bounded(z.int(), ACCOUNT_SETTING_BOUNDS.complaintDays),
  execMeetingDays: bounded(z.int(), ACCOUNT_SETTING_BOUNDS.execMeetingDays),
  baseCurrency: z.enum(CURRENCIES),
  exchangeRates: z.partialRecord(z.enum(CURRENCIES), rate),
}) satisfies z.ZodType<AccountSettings>;

/** settings.updateAccountSettings: any subset, against the version it was read at (its own, apart from the thresholds'). */
export const ZAccountSettingsUpdateSchema = ZAccountSettingsSchema.partial().extend({
  version: zVersion,
  teamId: zId.optional(),
});
export type TAccountSettingsUpdate = z.infer<typeof ZAccountSettingsUpdateSchema>;
