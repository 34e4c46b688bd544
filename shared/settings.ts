import type { OpenStage, ThresholdKey } from './domain';

/**
 * The threshold settings of SPEC §4 and their contract defaults. Plain types
 * here (no zod) so the client and the scoring module can import them without
 * pulling the validator into the browser bundle; the schema lives in
 * shared/schemas/settings.ts and is checked against this type.
 */
export interface ThresholdSettings {
  minConfirmed: number;
  requiredPoints: number[];
  staleDays: number;
  keyInfluence: number;
  minCoaches: number;
  minAllies: number;
  minCoverage: number;
  contactDays: number;
  /** A coach with no intelligence for longer than this many days raises COACH_SILENT (SPEC §10). */
  coachSilentDays: number;
  stageExpectations: Record<ThresholdKey, OpenStage>;
}

export const DEFAULT_THRESHOLD_SETTINGS: ThresholdSettings = {
  minConfirmed: 7,
  requiredPoints: [2, 4, 9],
  staleDays: 90,
  keyInfluence: 4,
  minCoaches: 1,
  minAllies: 2,
  minCoverage: 0.6,
  contactDays: 60,
  coachSilentDays: 30,
  stageExpectations: {
    information: 'propose',
    relationships: 'negotiate',
    topDecisionMaker: 'commit',
  },
};
