/**
 * The account level of SPEC §11: the scorecard and suggested tier (seeds 000, 002 — never one
 * indicator), the relationship phase (seed 001) and the defection watch (seed 003). Pure: no
 * I/O, no clock; the server gathers the facts in bulk and the client may score the same way.
 */
import { CUSTOMER_MONTHS, RATING_MAX, RATING_MIN, SCORECARD_INDICATORS, VALUE_MONTHS, type AccountFlagCode, type AccountFlagSeverity, type AccountSettings, type ScorecardIndicator } from '../accounts';
import { daysSince } from '../dates';
import type { AccountTier } from '../domain';
import { isPseudoKey, monthsBefore, purchaseOf, suggestedPhase, wonBetween } from './accountPurchase';
import type { AccountFlag, AccountHealth, AccountScore, AccountScoringInput, Purchase, Scorecard, ScorecardItem, ScoredAccount, TeamBenchmarks, WatchFacts } from './accountTypes';
import { message, renderEnglish } from './messages';
import type { ScoringMessage } from './types';

const percent = (value: number) => Math.round(value * 100);
const round3 = (value: number) => Math.round(value * 1000) / 1000;
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** A manual 1..5 rating as 0..1. */
const fromRating = (rating: number | null) => (rating === null ? null : clamp01((rating - RATING_MIN) / (RATING_MAX - RATING_MIN)));

function item(key: ScorecardIndicator, value: number | null, source: ScorecardItem['source'], detailKey: string, params: ScoringMessage['params'], settings: AccountSettings): ScorecardItem {
  const detail = message(`account.indicator.${key}.${detailKey}`, params);
  return { key, value: value === null ? null : round3(value), source, reason: renderEnglish(detail), detail, weight: settings.weights[key] };
}

function valueIndicator(purchase: Purchase, team: TeamBenchmarks, settings: AccountSettings, now: Date): ScorecardItem {
  const won = wonBetween(purchase.orders, settings, monthsBefore(now, VALUE_MONTHS));
  if (team.maxRecentValue <= 0) return item('value', null, 'computed', 'noTeamBusiness', { months: VALUE_MONTHS }, settings);
  const value = clamp01(won / team.maxRecentValue);
  return item('value', value, 'computed', won > 0 ? 'share' : 'none', { percent: percent(value), months: VALUE_MONTHS }, settings);
}

function recurrenceIndicator(purchase: Purchase, settings: AccountSettings): ScorecardItem {
  const count = purchase.orders.length;
  switch (purchase.pattern) {
    case 'none':
      return item('recurrence', 0, 'computed', 'none', {}, settings);
    case 'unproven':
      return item('recurrence', 0.25, 'computed', 'unproven', { months: settings.repeatWindowMonths }, settings);
    case 'one_off':
      return item('recurrence', 0, 'computed', 'oneOff', { months: settings.repeatWindowMonths }, settings);
    case 'recurring':
      // Two orders prove a pattern (0.5); each one more adds to it, six or more is the most there is.
      return item('recurrence', Math.min(1, 0.5 + 0.125 * (count - 2)), 'computed', 'recurring', { count }, settings);
  }
}

function growthIndicator(last12: number, previous12: number, settings: AccountSettings): ScorecardItem {
  if (last12 === 0 && previous12 === 0) return item('growth', null, 'computed', 'noOrders', {}, settings);
  if (previous12 === 0) return item('growth', 1, 'computed', 'new', {}, settings);
  const ratio = last12 / previous12;
  // Flat business is the middle (0.5); doubling or more is the top, nothing at all the bottom.
  const change = Math.round((ratio - 1) * 100);
  return item('growth', clamp01(ratio / 2), 'computed', change >= 0 ? 'up' : 'down', { percent: Math.abs(change) }, settings);
}

function ratingIndicator(key: 'strategic' | 'credit' | 'fit', rating: number | null, settings: AccountSettings): ScorecardItem {
  return rating === null ? item(key, null, 'manual', 'unrated', {}, settings) : item(key, fromRating(rating), 'manual', 'rated', { rating, max: RATING_MAX }, settings);
}

function centralPurchasingIndicator(central: boolean | null, settings: AccountSettings): ScorecardItem {
  if (central === null) return item('centralPurchasing', null, 'manual', 'unknown', {}, settings);
  return item('centralPurchasing', central ? 1 : 0, 'manual', central ? 'yes' : 'no', {}, settings);
}

/** The tier the score reaches with the team's cut-offs, never A for a pseudo key account. */
function tierFor(score: number, cutoffs: AccountSettings['tierCutoffs']): AccountTier {
  return score >= cutoffs.A ? 'A' : score >= cutoffs.B ? 'B' : 'C';
}

export function computeScorecard(account: ScoredAccount, purchase: Purchase, pseudoKey: boolean, recent: { last12: number; previous12: number }, team: TeamBenchmarks, settings: AccountSettings, now: Date): Scorecard {
  const indicators = [
    valueIndicator(purchase, team, settings, now),
    recurrenceIndicator(purchase, settings),
    growthIndicator(recent.last12, recent.previous12, settings),
    ratingIndicator('strategic', account.strategicValue, settings),
    ratingIndicator('credit', account.creditStanding, settings),
    ratingIndicator('fit', account.productFit, settings),
    centralPurchasingIndicator(account.centralPurchasing, settings),
  ];
  const known = indicators.filter((indicator) => indicator.value !== null && indicator.weight > 0);
  const weight = known.reduce((sum, indicator) => sum + indicator.weight, 0);
  const score = weight === 0 ? 0 : round3(known.reduce((sum, indicator) => sum + indicator.weight * indicator.value!, 0) / weight);
  const reached = tierFor(score, settings.tierCutoffs);
  const suggestedTier = pseudoKey && reached === 'A' ? 'B' : reached;
  const details: ScoringMessage[] = [
    message('account.scorecard.score', { score: percent(score), count: known.length, total: SCORECARD_INDICATORS.length, a: percent(settings.tierCutoffs.A), b: percent(settings.tierCutoffs.B), tier: reached }),
  ];
  if (known.length < SCORECARD_INDICATORS.length) details.push(message('account.scorecard.missing', { count: SCORECARD_INDICATORS.length - known.length }));
  if (pseudoKey && reached === 'A') details.push(message('account.scorecard.pseudoKeyNeverA'));
  return { indicators, score, suggestedTier, reasons: details.map(renderEnglish), details };
}

const SEVERITY: Record<AccountFlagCode, AccountFlagSeverity> = {
  CHAMPION_LEFT: 'critical',
  KEY_CONTACT_SILENT: 'warning',
  ORDERS_DECLINING: 'warning',
  OPEN_COMPLAINT: 'warning',
  NO_EXEC_MEETING: 'warning',
  PSEUDO_KEY_ACCOUNT: 'warning',
};

function accountFlag(code: AccountFlagCode, params: ScoringMessage['params'] = {}, severity = SEVERITY[code]): AccountFlag {
  const text = message(`account.flag.${code}`, params);
  return { code, severity, key: text.key, params: text.params, message: renderEnglish(text) };
}

/**
 * The defection watch (seed 003), critical flags first. `watch` = one warning; `at_risk` =
 * a critical flag, or two flags or more.
 */
export function computeAccountHealth(account: ScoredAccount, purchase: Purchase, pseudoKey: boolean, recent: { last12: number; previous12: number }, watch: WatchFacts, settings: AccountSettings, now: Date): AccountHealth {
  const flags: AccountFlag[] = [];
  if (watch.championsLeft.length > 0) flags.push(accountFlag('CHAMPION_LEFT', { names: watch.championsLeft.join(', '), count: watch.championsLeft.length }));
  const customer = purchase.lastOrderAt !== null && purchase.lastOrderAt >= monthsBefore(now, CUSTOMER_MONTHS);
  if (customer && (watch.lastExecContactAt === null || daysSince(watch.lastExecContactAt, now) > settings.silentDays)) {
    flags.push(accountFlag('KEY_CONTACT_SILENT', watch.lastExecContactAt === null ? { days: settings.silentDays, since: '' } : { days: settings.silentDays, since: watch.lastExecContactAt.slice(0, 10) }));
  }
  if (recent.previous12 > 0 && recent.last12 < recent.previous12 / 2) {
    flags.push(accountFlag('ORDERS_DECLINING', { percent: Math.round((1 - recent.last12 / recent.previous12) * 100) }));
  }
  const overdue = watch.openComplaints.filter((complaint) => daysSince(complaint.openedAt, now) > settings.complaintDays);
  if (overdue.length > 0) {
    // A serious complaint left open is how a customer walks: critical, not a warning.
    const severity = overdue.some((complaint) => complaint.severity === 'high') ? 'critical' : 'warning';
    flags.push(accountFlag('OPEN_COMPLAINT', { count: overdue.length, days: settings.complaintDays }, severity));
  }
  if (account.tier === 'A' && (account.phase === 'stabilize' || account.phase === 'strengthen') && (watch.lastExecMeetingAt === null || daysSince(watch.lastExecMeetingAt, now) > settings.execMeetingDays)) {
    flags.push(accountFlag('NO_EXEC_MEETING', { days: settings.execMeetingDays }));
  }
  if (pseudoKey) flags.push(accountFlag('PSEUDO_KEY_ACCOUNT'));
  flags.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
  const critical = flags.some((flag) => flag.severity === 'critical');
  return { status: critical || flags.length >= 2 ? 'at_risk' : flags.length === 1 ? 'watch' : 'healthy', flags };
}

/** Everything derived about one account. */
export function scoreAccount(input: AccountScoringInput): AccountScore {
  const { account, settings, now } = input;
  const purchase = purchaseOf(input.orders, settings, now);
  const pseudoKey = isPseudoKey(purchase, account.tier, input.team, settings);
  const yearAgo = monthsBefore(now, 12);
  const recent = { last12: wonBetween(purchase.orders, settings, yearAgo), previous12: wonBetween(purchase.orders, settings, monthsBefore(now, 24), yearAgo) };
  return {
    purchase,
    pseudoKey,
    scorecard: computeScorecard(account, purchase, pseudoKey, recent, input.team, settings, now),
    phase: { current: account.phase, suggested: suggestedPhase(purchase, account.phase, now) },
    health: computeAccountHealth(account, purchase, pseudoKey, recent, input.watch, settings, now),
    recent,
  };
}
