import { z } from 'zod';
import { INFO_POINTS, OPEN_STAGES } from '../domain';
import type { ThresholdSettings } from '../settings';

const infoPointNumber = z.int().min(1).max(9);

/** The threshold settings of SPEC §4, one row per team. Defaults are the contract's. */
export const ZThresholdSettingsSchema = z.strictObject({
  minConfirmed: z.int().min(0).max(INFO_POINTS.length),
  requiredPoints: z
    .array(infoPointNumber)
    .max(INFO_POINTS.length)
    .refine((points) => new Set(points).size === points.length, 'requiredPoints must not repeat a point'),
  staleDays: z.int().min(1).max(3650),
  keyInfluence: z.int().min(1).max(5),
  minCoaches: z.int().min(0).max(100),
  minAllies: z.int().min(0).max(100),
  minCoverage: z.number().min(0).max(1),
  contactDays: z.int().min(1).max(3650),
  stageExpectations: z.strictObject({
    information: z.enum(OPEN_STAGES),
    relationships: z.enum(OPEN_STAGES),
    topDecisionMaker: z.enum(OPEN_STAGES),
  }),
}) satisfies z.ZodType<ThresholdSettings>;

/** settings.updateThresholds: any subset of the settings, against the version it was read at. */
export const ZThresholdUpdateSchema = ZThresholdSettingsSchema.partial().extend({
  version: z.int().min(1),
  teamId: z.int().min(1).optional(),
});
export type TThresholdUpdate = z.infer<typeof ZThresholdUpdateSchema>;

export const ZThresholdQuerySchema = z.strictObject({ teamId: z.int().min(1).optional() }).optional();
