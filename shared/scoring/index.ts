/** Coverage, the three win thresholds, health status and risk flags (SPEC §4). Pure: no I/O, no clock. */
export { computeCoverage, isOpposing, isSupportive, rankKeyPeople } from './coverage';
export { daysSince } from '../dates';
export { COVERAGE_DROP_MIN, COVERAGE_DROP_WINDOW_DAYS, computeFlags, STALE_INFO_DAYS } from './flags';
export { computeHealth, dueThresholds, healthStatus } from './health';
export { renderEnglish } from './messages';
export { computeThresholds, informationThreshold, isFreshlyConfirmed, relationshipsThreshold, topDecisionMakerThreshold } from './thresholds';
export type { Coverage, CoverageSample, FlagSeverity, Health, HealthInput, RiskFlag, ScoredInfoPoint, ScoredStakeholder, ScoringMessage, ThresholdResult } from './types';
