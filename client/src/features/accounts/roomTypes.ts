/** What the account room shows, as `account.get` answers it (SPEC §11). */
import type { AccountTier, Currency, DealStatus, Level, Stage } from '../../../../shared/domain';
import type { AccountHealthStatus, AccountPattern, AccountPhase } from './model';

export interface ScoringText {
  key: string;
  params?: Record<string, unknown>;
}

export interface RoomAccount {
  id: number;
  name: string;
  industry: string | null;
  tier: AccountTier;
  phase: AccountPhase;
  ownerId: number | null;
  ownerName?: string | null;
  teamId: number;
  strategicValue: number | null;
  creditStanding: number | null;
  productFit: number | null;
  centralPurchasing: boolean | null;
  version: number;
}

export interface RoomContact {
  id: number;
  name: string;
  title: string | null;
  level: Level;
  reportsToContactId: number | null;
  leftAt: string | null;
  deals: { id: number; name: string }[];
}

export interface RoomDeal {
  id: number;
  name: string;
  stage: Stage;
  status: DealStatus;
  amount: number;
  currency: Currency;
  closeDate: string;
  ownerName?: string;
}

export interface RoomData {
  account: RoomAccount;
  contacts: RoomContact[];
  deals: RoomDeal[];
  purchase: {
    pattern: AccountPattern;
    orders: { dealId: number; closeDate: string; amount: number; currency: Currency }[];
    wonTotal: number;
    firstOrderAt: string | null;
    lastOrderAt: string | null;
    currency: Currency;
    leftOut: Currency[];
  };
  pseudoKey: boolean;
  scorecard: {
    indicators: { key: string; value: number | null; source: 'computed' | 'manual'; reason: string; detail?: ScoringText; weight?: number }[];
    score: number;
    suggestedTier: AccountTier;
    reasons: string[];
    details?: ScoringText[];
  };
  phase: { current: AccountPhase; suggested: AccountPhase };
  health: { status: AccountHealthStatus; flags: { code: string; severity: string; message: string; key?: string; params?: Record<string, unknown> }[] };
}
