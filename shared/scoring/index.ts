/** Coverage, the three win thresholds, health status and risk flags (SPEC §4). Pure: no I/O, no clock. */
export { computeAllyPaths, type AllyPath, type AllyPaths, type PathRelationship, type PathStakeholder } from './allyPath';
export { computeCoverage, rankKeyPeople } from './coverage';
export { computeHealth, dueThresholds } from './health';
export { applySnoozes, awakeFlags, SNOOZE_DEFAULT_DAYS, SNOOZE_MAX_DAYS, snoozeHolds, snoozeUntilProblem, snoozeWindow, type FlagSnooze, type SnoozeMark } from './snooze';
export { hasLeft, isCoachSilent, lastIntelAt, presentPeople, type SourcedPoint } from './people';
export { confirmationAgeDays, informationThreshold, isStaleConfirmation, relationshipsThreshold, topDecisionMakerThreshold } from './thresholds';
export type { Health, HealthInput, RiskFlag, ScoredInfoPoint, ScoredStakeholder, ScoringMessage } from './types';
export { computeAccountHealth, computeScorecard, scoreAccount } from './account';
export { isPseudoKey, monthsBefore, purchaseOf, purchasePattern, suggestedPhase, sumInBase, teamBenchmarks, toBase, wonBetween } from './accountPurchase';
export type { AccountFlag, AccountHealth, AccountScore, AccountScoringInput, PhaseView, Purchase, PurchaseOrder, Scorecard, ScorecardItem, ScoredAccount, TeamBenchmarks, WatchFacts } from './accountTypes';
