/**
 * The vocabulary of the sales method, defined once. Server, client, schemas and
 * scoring all import these lists; nothing re-types them.
 */

export const ROLES = ['admin', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const ACCOUNT_TIERS = ['A', 'B', 'C'] as const;
export type AccountTier = (typeof ACCOUNT_TIERS)[number];

export const OPEN_STAGES = ['qualify', 'discover', 'propose', 'negotiate', 'commit'] as const;
const CLOSED_STAGES = ['won', 'lost'] as const;
export const STAGES = [...OPEN_STAGES, ...CLOSED_STAGES] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];
export type Stage = (typeof STAGES)[number];

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** Status follows the stage: `won` and `lost` close the deal. */
export function statusForStage(stage: Stage): DealStatus {
  return stage === 'won' || stage === 'lost' ? stage : 'open';
}

/** 0-based position of an open stage; closed stages sort after every open one. */
export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

export const CURRENCIES = ['USD', 'EUR', 'CNY', 'GBP', 'JPY', 'HKD', 'SGD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const LEVELS = ['executive', 'management', 'staff'] as const;
export type Level = (typeof LEVELS)[number];

export const DECISION_ROLES = [
  'final_decision_maker',
  'decision_maker',
  'influencer',
  'evaluator',
  'user',
  'gatekeeper',
  'procurement',
] as const;
export type DecisionRole = (typeof DECISION_ROLES)[number];

/** Warmest to coldest, unknown last: the order every list and legend shows them in. */
export const STANCES = ['ally', 'supporter', 'neutral', 'skeptic', 'opponent', 'unknown'] as const;
export type Stance = (typeof STANCES)[number];

export const STANCE_SCORE: Record<Stance, number> = {
  ally: 1,
  supporter: 0.5,
  neutral: 0,
  unknown: 0,
  skeptic: -0.5,
  opponent: -1,
};

export const SUPPORTIVE_STANCES: readonly Stance[] = ['ally', 'supporter'];
export const OPPOSING_STANCES: readonly Stance[] = ['skeptic', 'opponent'];

export const INFLUENCE_MIN = 1;
export const INFLUENCE_MAX = 5;

export const RELATIONSHIP_KINDS = ['influences', 'allied', 'rivals'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export const INFO_POINT_STATUSES = ['unknown', 'partial', 'confirmed'] as const;
export type InfoPointStatus = (typeof INFO_POINT_STATUSES)[number];

/** The nine information points, numbered 1..9 as in the method. Labels live in i18n. */
export const INFO_POINTS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** Points whose cards also hold a list: next steps (1), competitors (8), success factors (9). */
export const NEXT_STEPS_POINT = 1;
export const COMPETITORS_POINT = 8;
export const SUCCESS_FACTORS_POINT = 9;
/** The top three success factors are highlighted and tracked as they change. */
export const TOP_SUCCESS_FACTORS = 3;

export const ACTIVITY_KINDS = [
  'meeting',
  'call',
  'email',
  'visit',
  'demo',
  'executive_meeting',
  'note',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Activities that count as *meeting* someone (SPEC §4): the top decision-maker threshold needs one of these. */
export const MEETING_KINDS: readonly ActivityKind[] = ['meeting', 'visit', 'demo', 'executive_meeting'];
/** Every kind but a note is contact with the people it lists; a note is never contact (it does not move "last contacted"). */
export const CONTACT_KINDS: readonly ActivityKind[] = ACTIVITY_KINDS.filter((kind) => kind !== 'note');

/** Why a deal was lost (SPEC §10): recorded when it moves to `lost`. */
export const LOSS_CAUSES = ['competitor', 'price', 'no_decision', 'timing', 'relationship', 'requirements', 'other'] as const;
export type LossCause = (typeof LOSS_CAUSES)[number];

export const RISK_FLAG_CODES = [
  'NO_DECISION_MAKER',
  'DECISION_MAKER_NOT_CONTACTED',
  'NO_COACH',
  'SINGLE_THREADED',
  'KEY_OPPONENT',
  'UNKNOWN_KEY_PEOPLE',
  'STALE_INFO',
  'CLOSE_DATE_PASSED',
  'COVERAGE_DROP',
  'COACH_SILENT',
  'CHAMPION_LEFT',
] as const;
export type RiskFlagCode = (typeof RISK_FLAG_CODES)[number];

export const HEALTH_STATUSES = ['on_track', 'not_yet_due', 'at_risk', 'critical', 'closed'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Review order, most in need of attention first: an early deal with nothing due sits between at-risk and on-track ones. */
export const HEALTH_ATTENTION_ORDER: Record<HealthStatus, number> = { critical: 0, at_risk: 1, not_yet_due: 2, on_track: 3, closed: 4 };

export const THRESHOLD_KEYS = ['information', 'relationships', 'topDecisionMaker'] as const;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];
