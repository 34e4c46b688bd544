/**
 * The account level of SPEC §11, pure: purchase pattern, pseudo key account, scorecard and
 * suggested tier, suggested phase and the defection watch. "Now" is an argument throughout.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_FLAG_CODES, DEFAULT_ACCOUNT_SETTINGS, type AccountSettings } from '../../../shared/accounts';
import { renderMessage } from '../../../shared/i18n/translator';
import { computeAccountHealth, isPseudoKey, monthsBefore, purchaseOf, purchasePattern, scoreAccount, suggestedPhase, sumInBase, teamBenchmarks } from '../../../shared/scoring';
import type { AccountScoringInput, PurchaseOrder, ScoredAccount, WatchFacts } from '../../../shared/scoring';

const NOW = new Date('2030-06-15T10:00:00Z');
const settings: AccountSettings = { ...DEFAULT_ACCOUNT_SETTINGS, exchangeRates: { EUR: 1.1 } };
let nextId = 1;
const order = (closeDate: string, amount = 100_000, currency: PurchaseOrder['currency'] = 'USD'): PurchaseOrder => ({ dealId: nextId++, closeDate, amount, currency });
const account: ScoredAccount = { tier: 'C', phase: 'prospect', strategicValue: null, creditStanding: null, productFit: null, centralPurchasing: null };
const quiet: WatchFacts = { lastExecContactAt: '2030-06-01T09:00:00Z', lastExecMeetingAt: '2030-06-01T09:00:00Z', openComplaints: [], championsLeft: [] };
const input = (over: Partial<AccountScoringInput> = {}): AccountScoringInput => ({
  account,
  orders: [],
  team: { maxRecentValue: 1_000_000, topFifthFrom: 500_000 },
  watch: quiet,
  settings,
  now: NOW,
  ...over,
});

describe('purchase pattern (derived from won deals)', () => {
  it('is none with no order, unproven with one recent order, one_off with one old order, recurring with two', () => {
    expect(purchasePattern([], 12, NOW)).toBe('none');
    expect(purchasePattern([order('2030-01-10')], 12, NOW)).toBe('unproven');
    expect(purchasePattern([order('2030-06-15')], 12, NOW)).toBe('unproven');
    expect(purchasePattern([order('2029-06-15')], 12, NOW)).toBe('unproven');
    expect(purchasePattern([order('2029-06-14')], 12, NOW)).toBe('one_off');
    expect(purchasePattern([order('2020-01-01'), order('2021-01-01')], 12, NOW)).toBe('recurring');
  });

  it('follows the team’s repeat window', () => {
    expect(purchasePattern([order('2029-01-10')], 12, NOW)).toBe('one_off');
    expect(purchasePattern([order('2029-01-10')], 24, NOW)).toBe('unproven');
  });

  it('months back clamp the day of the month (31 March − 1 month is the end of February)', () => {
    expect(monthsBefore(new Date('2030-03-31T00:00:00Z'), 1)).toBe('2030-02-28');
    expect(monthsBefore(NOW, 12)).toBe('2029-06-15');
  });

  it('sums orders in the base currency and names the currencies left out for want of a rate', () => {
    const purchase = purchaseOf([order('2030-02-01', 1000, 'EUR'), order('2029-02-01', 500), order('2028-02-01', 9, 'JPY')], settings, NOW);
    expect(purchase).toMatchObject({ pattern: 'recurring', wonTotal: 1600, currency: 'USD', leftOut: ['JPY'], firstOrderAt: '2028-02-01', lastOrderAt: '2030-02-01' });
    expect(purchase.orders.map((o) => o.closeDate)).toEqual(['2028-02-01', '2029-02-01', '2030-02-01']);
    expect(sumInBase([{ amount: 10, currency: 'GBP' }], settings)).toEqual({ total: 0, leftOut: ['GBP'] });
  });
});

describe('pseudo key account (seed 000)', () => {
  const team = { maxRecentValue: 1_000_000, topFifthFrom: 500_000 };
  const oneOff = purchaseOf([order('2027-01-01', 100_000)], settings, NOW);

  it('is a one-off buyer treated as a key account: tier A or B', () => {
    expect(isPseudoKey(oneOff, 'A', team, settings)).toBe(true);
    expect(isPseudoKey(oneOff, 'B', team, settings)).toBe(true);
    expect(isPseudoKey(oneOff, 'C', team, settings)).toBe(false);
  });

  it('or a one-off order in the top fifth of the team’s orders', () => {
    expect(isPseudoKey(purchaseOf([order('2027-01-01', 600_000)], settings, NOW), 'C', team, settings)).toBe(true);
  });

  it('is never an unproven or recurring account', () => {
    expect(isPseudoKey(purchaseOf([order('2030-01-01', 900_000)], settings, NOW), 'A', team, settings)).toBe(false);
    expect(isPseudoKey(purchaseOf([order('2027-01-01'), order('2028-01-01')], settings, NOW), 'A', team, settings)).toBe(false);
  });

  it('the top fifth starts at the ⌈n/5⌉-th largest order of the team', () => {
    const orders = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((amount) => [order('2029-01-01', amount)]);
    expect(teamBenchmarks(orders, settings, NOW).topFifthFrom).toBe(90);
    expect(teamBenchmarks([], settings, NOW)).toEqual({ maxRecentValue: 0, topFifthFrom: null });
  });
});

describe('scorecard and suggested tier (seeds 000, 002)', () => {
  it('has the seven indicators, each with a value in 0..1 or null and a reason', () => {
    const { scorecard } = scoreAccount(input({ orders: [order('2028-01-01'), order('2029-09-01'), order('2030-03-01')], account: { ...account, strategicValue: 5, creditStanding: 3, productFit: 4, centralPurchasing: true } }));
    expect(scorecard.indicators.map((i) => i.key)).toEqual(['value', 'recurrence', 'growth', 'strategic', 'credit', 'fit', 'centralPurchasing']);
    for (const indicator of scorecard.indicators) {
      expect(indicator.value === null || (indicator.value >= 0 && indicator.value <= 1)).toBe(true);
      expect(indicator.reason).not.toMatch(/\{\{|account\.indicator/);
      expect(indicator.source).toBe(['value', 'recurrence', 'growth'].includes(indicator.key) ? 'computed' : 'manual');
    }
    expect(scorecard.score).toBeGreaterThan(0);
    expect(scorecard.score).toBeLessThanOrEqual(1);
  });

  it('an indicator with no value yet is null, says so, and is left out of the score rather than counted as zero', () => {
    const { scorecard } = scoreAccount(input({ account: { ...account, productFit: 5 } }));
    const fit = scorecard.indicators.find((i) => i.key === 'fit')!;
    const strategic = scorecard.indicators.find((i) => i.key === 'strategic')!;
    expect(fit).toMatchObject({ value: 1, reason: 'Product fit rated 5 of 5.' });
    expect(strategic).toMatchObject({ value: null, reason: 'Strategic value not rated yet.' });
    expect(scorecard.indicators.find((i) => i.key === 'growth')!.value).toBeNull();
    expect(scorecard.reasons.join(' ')).toMatch(/have no value yet/);
  });

  it('a strong recurring account is suggested A; the weights and cut-offs are the team’s', () => {
    const strong = input({ orders: [order('2028-01-01', 400_000), order('2029-03-01', 400_000), order('2029-09-01', 500_000), order('2030-03-01', 500_000)], account: { ...account, strategicValue: 5, creditStanding: 5, productFit: 5, centralPurchasing: true } });
    expect(scoreAccount(strong).scorecard.suggestedTier).toBe('A');
    const weaker = { ...strong, account: { ...strong.account, creditStanding: 1 } };
    expect(scoreAccount({ ...weaker, settings: { ...settings, tierCutoffs: { A: 0.99, B: 0.98 } } }).scorecard.suggestedTier).toBe('C');
  });

  it('a pseudo key account is never suggested A, however high it scores', () => {
    const oneBigOrder = input({ orders: [order('2028-01-01', 2_000_000)], team: { maxRecentValue: 2_000_000, topFifthFrom: 1_000_000 }, account: { ...account, tier: 'A', strategicValue: 5, creditStanding: 5, productFit: 5, centralPurchasing: true } });
    const zeroRecurrence = { ...settings, weights: { ...settings.weights, recurrence: 0, growth: 0 } };
    const scored = scoreAccount({ ...oneBigOrder, settings: zeroRecurrence });
    expect(scored.pseudoKey).toBe(true);
    expect(scored.scorecard.score).toBeGreaterThanOrEqual(settings.tierCutoffs.A);
    expect(scored.scorecard.suggestedTier).toBe('B');
    expect(scored.scorecard.reasons).toContain('Never suggested A: a pseudo key account (one-off order) is not a key account.');
  });
});

describe('relationship phase (seed 001)', () => {
  it('prospect until the first order, establish for 12 months after it, stabilize after; strengthen is kept once set by hand', () => {
    expect(suggestedPhase(purchaseOf([], settings, NOW), 'prospect', NOW)).toBe('prospect');
    expect(suggestedPhase(purchaseOf([order('2030-01-01')], settings, NOW), 'prospect', NOW)).toBe('establish');
    expect(suggestedPhase(purchaseOf([order('2029-01-01'), order('2030-01-01')], settings, NOW), 'establish', NOW)).toBe('stabilize');
    expect(suggestedPhase(purchaseOf([order('2029-01-01'), order('2030-01-01')], settings, NOW), 'strengthen', NOW)).toBe('strengthen');
  });
});

describe('defection watch (seed 003)', () => {
  const health = (over: { account?: Partial<ScoredAccount>; orders?: PurchaseOrder[]; watch?: Partial<WatchFacts> }) => scoreAccount(input({ account: { ...account, ...over.account }, orders: over.orders ?? [order('2030-05-01')], watch: { ...quiet, ...over.watch } })).health;
  const codes = (h: { flags: { code: string }[] }) => h.flags.map((f) => f.code);

  it('a customer whose executives have heard nothing for silentDays raises KEY_CONTACT_SILENT; a prospect does not', () => {
    expect(codes(health({ watch: { lastExecContactAt: '2030-04-16T09:00:00Z' } }))).toEqual([]);
    expect(codes(health({ watch: { lastExecContactAt: '2030-04-15T09:00:00Z' } }))).toEqual(['KEY_CONTACT_SILENT']);
    expect(codes(health({ watch: { lastExecContactAt: null } }))).toEqual(['KEY_CONTACT_SILENT']);
    expect(codes(health({ orders: [], watch: { lastExecContactAt: null } }))).toEqual([]);
    expect(codes(health({ orders: [order('2028-01-01')], watch: { lastExecContactAt: null } }))).toEqual([]);
  });

  it('ORDERS_DECLINING when the last 12 months won less than half the 12 before', () => {
    expect(codes(health({ orders: [order('2029-01-01', 1000), order('2030-01-01', 499)] }))).toEqual(['ORDERS_DECLINING']);
    expect(codes(health({ orders: [order('2029-01-01', 1000), order('2030-01-01', 500)] }))).toEqual([]);
    expect(codes(health({ orders: [order('2030-01-01', 10)] }))).toEqual([]);
  });

  it('OPEN_COMPLAINT after complaintDays; a high one is critical', () => {
    expect(codes(health({ watch: { openComplaints: [{ openedAt: '2030-06-08T09:00:00Z', severity: 'low' }] } }))).toEqual([]);
    const old = health({ watch: { openComplaints: [{ openedAt: '2030-06-07T09:00:00Z', severity: 'low' }] } });
    expect(old).toMatchObject({ status: 'watch', flags: [{ code: 'OPEN_COMPLAINT', severity: 'warning' }] });
    expect(health({ watch: { openComplaints: [{ openedAt: '2030-06-01T09:00:00Z', severity: 'high' }] } })).toMatchObject({ status: 'at_risk', flags: [{ code: 'OPEN_COMPLAINT', severity: 'critical' }] });
  });

  it('NO_EXEC_MEETING for a tier A account in stabilize or strengthen with no executive meeting in execMeetingDays', () => {
    const stale = { lastExecMeetingAt: '2030-03-01T09:00:00Z' };
    expect(codes(health({ account: { tier: 'A', phase: 'stabilize' }, watch: stale }))).toEqual(['NO_EXEC_MEETING']);
    expect(codes(health({ account: { tier: 'A', phase: 'strengthen' }, watch: { lastExecMeetingAt: null } }))).toEqual(['NO_EXEC_MEETING']);
    expect(codes(health({ account: { tier: 'A', phase: 'establish' }, watch: stale }))).toEqual([]);
    expect(codes(health({ account: { tier: 'B', phase: 'stabilize' }, watch: stale }))).toEqual([]);
    expect(codes(health({ account: { tier: 'A', phase: 'stabilize' }, watch: { lastExecMeetingAt: '2030-03-17T09:00:00Z' } }))).toEqual([]);
  });

  it('CHAMPION_LEFT is critical: at risk on its own', () => {
    expect(health({ watch: { championsLeft: ['Li Na'] } })).toMatchObject({ status: 'at_risk', flags: [{ code: 'CHAMPION_LEFT', severity: 'critical', message: expect.stringContaining('Li Na') }] });
  });

  it('PSEUDO_KEY_ACCOUNT is raised with the pseudo key; two warnings are at risk', () => {
    const pseudo = health({ account: { tier: 'B' }, orders: [order('2027-01-01')] });
    expect(pseudo).toMatchObject({ status: 'watch', flags: [{ code: 'PSEUDO_KEY_ACCOUNT' }] });
    const two = computeAccountHealth({ ...account, tier: 'A', phase: 'stabilize' }, purchaseOf([order('2027-01-01')], settings, NOW), true, { last12: 0, previous12: 0 }, { ...quiet, lastExecMeetingAt: null }, settings, NOW);
    expect(two.status).toBe('at_risk');
    expect(two.flags.map((f) => f.code)).toEqual(['NO_EXEC_MEETING', 'PSEUDO_KEY_ACCOUNT']);
  });

  it('a quiet, loyal account is healthy', () => {
    expect(health({})).toEqual({ status: 'healthy', flags: [] });
  });
});

describe('the account level in both languages', () => {
  const everything = scoreAccount(
    input({
      account: { ...account, tier: 'A', phase: 'stabilize' },
      orders: [order('2027-01-01', 2_000_000)],
      watch: { lastExecContactAt: null, lastExecMeetingAt: null, openComplaints: [{ openedAt: '2030-05-01T00:00:00Z', severity: 'high' }], championsLeft: ['马总', 'Li Na'] },
    }),
  );

  it('renders every flag, indicator reason and scorecard reason in Simplified Chinese, and the English the API returns is i18next’s', () => {
    const messages = [...everything.health.flags, ...everything.scorecard.indicators.map((i) => ({ ...i.detail, message: i.reason })), ...everything.scorecard.details.map((d, i) => ({ ...d, message: everything.scorecard.reasons[i]! }))];
    expect(messages.length).toBeGreaterThan(8);
    for (const m of messages) {
      const zh = renderMessage({ key: `scoring:${m.key}`, params: m.params }, 'zh-CN');
      expect(zh, m.key).not.toMatch(/account\.|\{\{/);
      expect(zh, m.key).not.toBe(m.message);
      expect(renderMessage({ key: `scoring:${m.key}`, params: m.params }, 'en')).toBe(m.message);
    }
    expect(everything.health.flags.map((f) => f.code).sort()).toEqual(['CHAMPION_LEFT', 'NO_EXEC_MEETING', 'OPEN_COMPLAINT', 'PSEUDO_KEY_ACCOUNT']);
  });

  it('every flag code has a title in both languages', () => {
    for (const code of ACCOUNT_FLAG_CODES) {
      expect(renderMessage({ key: `scoring:account.flagTitle.${code}`, params: {} }, 'en')).not.toContain('flagTitle');
      expect(renderMessage({ key: `scoring:account.flagTitle.${code}`, params: {} }, 'zh-CN')).not.toContain('flagTitle');
    }
  });
});
