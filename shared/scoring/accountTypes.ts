import type { AccountFlagCode, AccountFlagSeverity, AccountHealthStatus, AccountPhase, AccountSettings, ComplaintSeverity, PurchasePattern, ScorecardIndicator } from '../accounts';
import type { AccountTier, Currency } from '../domain';
import type { ScoringMessage } from './types';

/** An order is a won deal; its date is its close date (SPEC §11). */
export interface PurchaseOrder {
  dealId: number;
  closeDate: string;
  amount: number;
  currency: Currency;
}

/** Sums are in `currency`, the team's base currency; orders in a currency with no rate are left out of them and named in `leftOut`. */
export interface Purchase {
  pattern: PurchasePattern;
  /** Oldest first. */
  orders: PurchaseOrder[];
  wonTotal: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  currency: Currency;
  leftOut: Currency[];
}

export interface ScorecardItem {
  key: ScorecardIndicator;
  /** 0..1, or null while nothing is known yet (the reason says so). */
  value: number | null;
  source: 'computed' | 'manual';
  /** English rendering of `detail`. */
  reason: string;
  detail: ScoringMessage;
  /** The team's weight for it. */
  weight: number;
}

export interface Scorecard {
  indicators: ScorecardItem[];
  /** 0..1: the weighted mean of the indicators that have a value. */
  score: number;
  suggestedTier: AccountTier;
  /** English sentences: why this tier is suggested. */
  reasons: string[];
  details: ScoringMessage[];
}

export interface AccountFlag extends ScoringMessage {
  code: AccountFlagCode;
  severity: AccountFlagSeverity;
  /** English rendering of key + params; the client renders `key` + `params` in the reader's language. */
  message: string;
}

export interface AccountHealth {
  status: AccountHealthStatus;
  flags: AccountFlag[];
}

export interface PhaseView {
  current: AccountPhase;
  suggested: AccountPhase;
}

/** The facts of one account the scoring reads. */
export interface ScoredAccount {
  tier: AccountTier;
  phase: AccountPhase;
  strategicValue: number | null;
  creditStanding: number | null;
  productFit: number | null;
  centralPurchasing: boolean | null;
}

/** What the team's other accounts say, computed once per team (`teamBenchmarks`). */
export interface TeamBenchmarks {
  /** The largest won amount of one account in the last VALUE_MONTHS months, in the base currency (0: none). */
  maxRecentValue: number;
  /** The smallest order amount (base currency) still in the top fifth of the team's orders; null with no orders. */
  topFifthFrom: number | null;
}

/** The defection watch's facts about one account. */
export interface WatchFacts {
  /** Latest contact (any kind but a note) with one of its present executive-level contacts, on a deal or on the account. */
  lastExecContactAt: string | null;
  /** Latest `executive_meeting` on the account or one of its deals. */
  lastExecMeetingAt: string | null;
  openComplaints: { openedAt: string; severity: ComplaintSeverity }[];
  /** Coaches or allies on its open deals who left the customer. */
  championsLeft: string[];
}

export interface AccountScoringInput {
  account: ScoredAccount;
  orders: PurchaseOrder[];
  team: TeamBenchmarks;
  watch: WatchFacts;
  settings: AccountSettings;
  now: Date;
}

export interface AccountScore {
  purchase: Purchase;
  pseudoKey: boolean;
  scorecard: Scorecard;
  phase: PhaseView;
  health: AccountHealth;
  /** Won amount of orders closed in the last 12 months and the 12 before (base currency). */
  recent: { last12: number; previous12: number };
}
