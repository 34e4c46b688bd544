/** Orders, money and the purchase pattern of an account (SPEC §11). Pure: no I/O, no clock. */
import { ESTABLISH_MONTHS, VALUE_MONTHS, type AccountPhase, type AccountSettings, type PurchasePattern } from '../accounts';
import type { Currency } from '../domain';
import type { Purchase, PurchaseOrder, TeamBenchmarks } from './accountTypes';

/** The calendar day `months` months before `now` (UTC), as YYYY-MM-DD: a date on or after it is "within the last `months` months". */
export function monthsBefore(now: Date, months: number): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  // Clamp the day of the month (31 March − 1 month is 28/29 February, not 3 March).
  const lastDay = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
  day.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return day.toISOString().slice(0, 10);
}

/** An amount in the team's base currency, or null when no rate is set for its currency. */
export function toBase(amount: number, currency: Currency, settings: Pick<AccountSettings, 'baseCurrency' | 'exchangeRates'>): number | null {
  if (currency === settings.baseCurrency) return amount;
  const rate = settings.exchangeRates[currency];
  return rate === undefined ? null : amount * rate;
}

/** A sum in the base currency, and the currencies it had to leave out (no rate), sorted. */
export function sumInBase(items: readonly { amount: number; currency: Currency }[], settings: Pick<AccountSettings, 'baseCurrency' | 'exchangeRates'>): { total: number; leftOut: Currency[] } {
  let total = 0;
  const leftOut = new Set<Currency>();
  for (const item of items) {
    const value = toBase(item.amount, item.currency, settings);
    if (value === null) leftOut.add(item.currency);
    else total += value;
  }
  return { total: roundMoney(total), leftOut: [...leftOut].sort() };
}

/** Cents: sums of converted amounts should not show floating-point dust. */
export const roundMoney = (value: number) => Math.round(value * 100) / 100;

/**
 * `none` (no order), `unproven` (exactly one, closed within the last `repeatWindowMonths`),
 * `one_off` (exactly one, closed longer ago than that, nothing since), `recurring` (two or more).
 */
export function purchasePattern(orders: readonly PurchaseOrder[], repeatWindowMonths: number, now: Date): PurchasePattern {
  if (orders.length === 0) return 'none';
  if (orders.length >= 2) return 'recurring';
  return orders[0]!.closeDate >= monthsBefore(now, repeatWindowMonths) ? 'unproven' : 'one_off';
}

const byDate = (a: PurchaseOrder, b: PurchaseOrder) => a.closeDate.localeCompare(b.closeDate) || a.dealId - b.dealId;

export function purchaseOf(orders: readonly PurchaseOrder[], settings: AccountSettings, now: Date): Purchase {
  const sorted = [...orders].sort(byDate);
  const { total, leftOut } = sumInBase(sorted, settings);
  return {
    pattern: purchasePattern(sorted, settings.repeatWindowMonths, now),
    orders: sorted,
    wonTotal: total,
    firstOrderAt: sorted[0]?.closeDate ?? null,
    lastOrderAt: sorted.at(-1)?.closeDate ?? null,
    currency: settings.baseCurrency,
    leftOut,
  };
}

/** Won amount (base currency) of orders closed on or after `from` and before `until` (YYYY-MM-DD). */
export function wonBetween(orders: readonly PurchaseOrder[], settings: AccountSettings, from: string, until?: string): number {
  return sumInBase(orders.filter((order) => order.closeDate >= from && (until === undefined || order.closeDate < until)), settings).total;
}

/** The team's yardsticks: the largest recent won value of one account, and where the top fifth of its orders starts. */
export function teamBenchmarks(ordersByAccount: readonly (readonly PurchaseOrder[])[], settings: AccountSettings, now: Date): TeamBenchmarks {
  const since = monthsBefore(now, VALUE_MONTHS);
  const maxRecentValue = Math.max(0, ...ordersByAccount.map((orders) => wonBetween(orders, settings, since)));
  const amounts = ordersByAccount
    .flat()
    .map((order) => toBase(order.amount, order.currency, settings))
    .filter((amount): amount is number => amount !== null)
    .sort((a, b) => b - a);
  const topFifthFrom = amounts.length === 0 ? null : amounts[Math.ceil(amounts.length / 5) - 1]!;
  return { maxRecentValue, topFifthFrom };
}

/**
 * Seed 000: one big order does not make a key account. Pseudo key when the pattern is
 * `one_off` and the account is treated or looks like a key account: tier A or B, or its
 * single order is in the top fifth of the team's orders by amount.
 */
export function isPseudoKey(purchase: Purchase, tier: string, team: TeamBenchmarks, settings: AccountSettings): boolean {
  if (purchase.pattern !== 'one_off') return false;
  if (tier === 'A' || tier === 'B') return true;
  const order = purchase.orders[0]!;
  const amount = toBase(order.amount, order.currency, settings);
  return amount !== null && team.topFifthFrom !== null && amount >= team.topFifthFrom;
}

/** `prospect` until the first order, `establish` for the 12 months after it, `stabilize` after that; `strengthen` only by hand (and then kept). */
export function suggestedPhase(purchase: Purchase, current: AccountPhase, now: Date): AccountPhase {
  if (purchase.firstOrderAt === null) return 'prospect';
  const suggested = purchase.firstOrderAt >= monthsBefore(now, ESTABLISH_MONTHS) ? 'establish' : 'stabilize';
  return suggested === 'stabilize' && current === 'strengthen' ? 'strengthen' : suggested;
}
