/**
 * The key-account vocabulary of SPEC §11, defined once and zod-free, so the client, the
 * schemas and the pure account scoring (shared/scoring/account*.ts) import the same lists.
 * Labels and sentences live in i18n (`accounts` area, `scoring:account.*`).
 */
import type { AccountTier, Currency } from './domain';

/** The relationship phases of seed 001: `strengthen` is only ever set by hand. */
export const ACCOUNT_PHASES = ['prospect', 'establish', 'stabilize', 'strengthen'] as const;
export type AccountPhase = (typeof ACCOUNT_PHASES)[number];

/**
 * Each phase's practices, as a checklist the key-account manager ticks (seed 001): establish
 * builds mutual trust and costs most; stabilize guards against defection with a complaint
 * channel, a fire-prevention mechanism, regular executive meetings and a named service contact;
 * strengthen looks for mutual benefit and joint plans.
 */
export const PHASE_PRACTICES = {
  prospect: ['test_fit', 'test_central_purchasing', 'map_org_chart'],
  establish: ['build_mutual_trust', 'flawless_first_delivery', 'know_decision_process'],
  stabilize: ['complaint_channel', 'fire_prevention', 'regular_exec_meetings', 'named_service_contact'],
  strengthen: ['mutual_benefit', 'joint_plan', 'executive_sponsor'],
} as const satisfies Record<AccountPhase, readonly string[]>;
export type AccountPractice = (typeof PHASE_PRACTICES)[AccountPhase][number];
export const ACCOUNT_PRACTICES = ACCOUNT_PHASES.flatMap((phase) => PHASE_PRACTICES[phase]) as AccountPractice[];
/** The phase a practice belongs to. */
export function phaseOfPractice(practice: AccountPractice): AccountPhase {
  return ACCOUNT_PHASES.find((phase) => (PHASE_PRACTICES[phase] as readonly string[]).includes(practice))!;
}

/** Derived from the won deals (SPEC §11); never entered by hand. */
export const PURCHASE_PATTERNS = ['none', 'unproven', 'one_off', 'recurring'] as const;
export type PurchasePattern = (typeof PURCHASE_PATTERNS)[number];

/** The scorecard's indicators (seeds 000, 002): never one indicator alone. */
export const SCORECARD_INDICATORS = ['value', 'recurrence', 'growth', 'strategic', 'credit', 'fit', 'centralPurchasing'] as const;
export type ScorecardIndicator = (typeof SCORECARD_INDICATORS)[number];
/** Indicators computed from the order history; the others come from the account's manual fields. */
export const COMPUTED_INDICATORS: readonly ScorecardIndicator[] = ['value', 'recurrence', 'growth'];

/** The defection watch (seed 003). */
export const ACCOUNT_FLAG_CODES = ['KEY_CONTACT_SILENT', 'ORDERS_DECLINING', 'OPEN_COMPLAINT', 'NO_EXEC_MEETING', 'CHAMPION_LEFT', 'PSEUDO_KEY_ACCOUNT'] as const;
export type AccountFlagCode = (typeof ACCOUNT_FLAG_CODES)[number];
export const ACCOUNT_FLAG_SEVERITIES = ['critical', 'warning'] as const;
export type AccountFlagSeverity = (typeof ACCOUNT_FLAG_SEVERITIES)[number];

export const ACCOUNT_HEALTH_STATUSES = ['healthy', 'watch', 'at_risk'] as const;
export type AccountHealthStatus = (typeof ACCOUNT_HEALTH_STATUSES)[number];
/** Review order, most in need of attention first. */
export const ACCOUNT_HEALTH_ORDER: Record<AccountHealthStatus, number> = { at_risk: 0, watch: 1, healthy: 2 };

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

/** A manual 1..5 rating (strategic value, credit standing, product fit). */
export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** An order's reach back for `KEY_CONTACT_SILENT`: an account with an order this recent is a customer. */
export const CUSTOMER_MONTHS = 24;
/** The `value` indicator counts won business of this many months. */
export const VALUE_MONTHS = 36;
/** The 12 months after the first order are the establish phase (SPEC §11). */
export const ESTABLISH_MONTHS = 12;

/**
 * The account settings of a team (SPEC §11), beside the threshold settings of §4: the
 * scorecard's weights and tier cut-offs, the windows of the pattern and the defection watch,
 * and the money: a base currency and the rate of each other currency into it.
 */
export interface AccountSettings {
  /** Relative weights; an indicator with no value yet is left out of the score, not counted as zero. */
  weights: Record<ScorecardIndicator, number>;
  /** The lowest score suggesting A, and B; below B is C. */
  tierCutoffs: { A: number; B: number };
  repeatWindowMonths: number;
  silentDays: number;
  complaintDays: number;
  execMeetingDays: number;
  baseCurrency: Currency;
  /** How many units of the base currency one unit of each currency is worth; a currency with no rate is left out of sums. */
  exchangeRates: Partial<Record<Currency, number>>;
}

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  weights: { value: 3, recurrence: 3, growth: 1, strategic: 2, credit: 1, fit: 2, centralPurchasing: 1 },
  tierCutoffs: { A: 0.65, B: 0.35 },
  repeatWindowMonths: 12,
  silentDays: 60,
  complaintDays: 7,
  execMeetingDays: 90,
  baseCurrency: 'USD',
  exchangeRates: {},
};

/** The range each account setting may take: the schema enforces it, the Settings form offers it. */
export const ACCOUNT_SETTING_BOUNDS = {
  weight: { min: 0, max: 10 },
  tierCutoff: { min: 0, max: 1 },
  repeatWindowMonths: { min: 1, max: 120 },
  silentDays: { min: 1, max: 3650 },
  complaintDays: { min: 1, max: 365 },
  execMeetingDays: { min: 1, max: 3650 },
  /** A rate: positive, bounded so a sum never overflows. */
  exchangeRate: { min: 1e-6, max: 1e6 },
} as const;

/** The tiers, A first: the portfolio's rows. */
export type TierTotals<T> = Record<AccountTier, T>;
