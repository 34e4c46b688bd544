import type { DealStatus, DecisionRole, HealthStatus, InfoPointStatus, Level, RiskFlagCode, Stage, Stance, ThresholdKey } from '../domain';
import type { ThresholdSettings } from '../settings';
import type { FlagSnooze, SnoozeMark } from './snooze';

/** A message travels as an i18n key (namespace `scoring`) plus parameters, so every reader renders it in their own language. */
export interface ScoringMessage {
  key: string;
  params: Record<string, string | number>;
}

/** What scoring needs to know about one stakeholder. */
export interface ScoredStakeholder {
  id: number;
  name: string;
  influence: number;
  stance: Stance;
  level: Level;
  decisionRole: DecisionRole;
  isCoach: boolean;
  /** ISO instant of the latest contact (any activity kind but a note) listing this person, or null if never contacted. */
  lastContactAt: string | null;
  /** ISO instant of the latest *meeting* (MEETING_KINDS) listing this person: what the top decision-maker rule asks for. */
  lastMetAt: string | null;
  /** Latest intelligence from this person: info points sourced from them (updated or verified) and contacts with them. */
  lastIntelAt: string | null;
  /** ISO date the person left the customer (contacts.left_at), or null while they are still there. */
  leftAt: string | null;
}

export interface ScoredInfoPoint {
  point: number;
  status: InfoPointStatus;
  /** ISO date or instant the point was last verified with the customer. */
  verifiedAt: string | null;
  updatedAt: string;
}

export interface CoverageSample {
  at: string;
  influence: number;
}

export interface HealthInput {
  deal: { stage: Stage; status: DealStatus; closeDate: string };
  stakeholders: ScoredStakeholder[];
  infoPoints: ScoredInfoPoint[];
  /** Recorded coverage.influence values (any order): the last 14 days, and the last one before them. */
  coverageHistory: CoverageSample[];
  settings: ThresholdSettings;
  /** The deal's flag snoozes (SPEC §10); absent means none. Expired ones are ignored here, not by the caller. */
  snoozes?: FlagSnooze[];
  /** "Now" is an argument: scoring never reads the clock. */
  now: Date;
}

export interface Coverage {
  influence: number;
  headcount: number;
  net: number;
  opposition: number;
  /** Per level: true if someone supportive is at that level, false if nobody is, null if nobody is mapped there. */
  levels: Record<Level, boolean | null>;
}

export interface ThresholdResult {
  passed: boolean;
  /** One English sentence per failing condition (SPEC §4). */
  reasons: string[];
  /** The same reasons as i18n messages, for rendering in the reader's language. */
  details: ScoringMessage[];
}

export type FlagSeverity = 'high' | 'medium' | 'low';

export interface RiskFlag extends ScoringMessage {
  code: RiskFlagCode;
  severity: FlagSeverity;
  /** English rendering of key + params. */
  message: string;
  /** Present while a snooze holds: the flag is still raised, but someone has a plan (SPEC §10). */
  snoozed?: SnoozeMark;
}

export interface Health {
  coverage: Coverage;
  thresholds: Record<ThresholdKey, ThresholdResult>;
  crossed: number;
  status: HealthStatus;
  flags: RiskFlag[];
}
