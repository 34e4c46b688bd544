/**
 * The stand-up's sentences: every kind of change reads in English (the server's
 * summary) and Simplified Chinese (the client), naming the person, point or
 * threshold, with vocabulary translated and nothing raw left in.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/domain';
import { translator } from '../../shared/i18n/translator';
import { CHANGE_TONE, describeChange, STANDUP_CHANGE_KINDS, type StandupChangeKind, type StandupParams } from '../../shared/standup';

type T = ReturnType<typeof translator>;
const LOCALES: Locale[] = ['en', 'zh-CN'];

/** The server's English formatters (standupChanges.ts) and a client-like pair for Chinese. */
function format(locale: Locale) {
  return {
    date: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)),
    money: (amount: number, currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount),
  };
}

interface Case {
  name: string;
  kind: StandupChangeKind;
  params: StandupParams;
  mentions: (t: T, f: ReturnType<typeof format>) => string[];
}

/** Params shaped as server/services/standupChanges.ts builds them. */
const CASES: Case[] = [
  { name: 'a deal opened', kind: 'dealCreated', params: { name: 'Branch teller terminals' }, mentions: () => ['Branch teller terminals'] },
  { name: 'a stage move', kind: 'stageChanged', params: { from: 'discover', to: 'propose' }, mentions: (t) => [t('stage.discover'), t('stage.propose')] },
  { name: 'a close date moved', kind: 'closeDateChanged', params: { from: '2030-06-30', to: '2030-09-30' }, mentions: (_t, f) => [f.date('2030-06-30'), f.date('2030-09-30')] },
  { name: 'an amount changed', kind: 'amountChanged', params: { from: 350_000, to: 420_000, currency: 'CNY' }, mentions: (_t, f) => [f.money(350_000, 'CNY'), f.money(420_000, 'CNY')] },
  { name: 'a threshold crossed', kind: 'thresholdCrossed', params: { threshold: 'relationships' }, mentions: (t) => [t('threshold.relationships')] },
  { name: 'a threshold lost', kind: 'thresholdLost', params: { threshold: 'information' }, mentions: (t) => [t('threshold.information')] },
  // The hourly sweep's losses carry no actor; the sentence never needed one.
  { name: 'a threshold lost to time alone', kind: 'thresholdLost', params: { threshold: 'topDecisionMaker' }, mentions: (t) => [t('threshold.topDecisionMaker')] },
  { name: 'a new ally who was neutral', kind: 'newAlly', params: { name: 'Huang Wei', from: 'neutral' }, mentions: (t) => ['Huang Wei', t('stance.neutral')] },
  { name: 'a new ally added as one', kind: 'newAlly', params: { name: 'Huang Wei', from: null }, mentions: () => ['Huang Wei'] },
  { name: 'a new coach', kind: 'newCoach', params: { name: 'Li Na' }, mentions: () => ['Li Na'] },
  { name: 'a coach lost', kind: 'coachLost', params: { name: 'Li Na' }, mentions: () => ['Li Na'] },
  { name: 'a stance change', kind: 'stanceChanged', params: { name: 'Qian Lei', from: 'supporter', to: 'skeptic' }, mentions: (t) => ['Qian Lei', t('stance.supporter'), t('stance.skeptic')] },
  { name: 'a stance from nothing recorded', kind: 'stanceChanged', params: { name: 'Qian Lei', from: null, to: 'opponent' }, mentions: (t) => ['Qian Lei', t('standup.nobody'), t('stance.opponent')] },
  { name: 'a person added', kind: 'stakeholderAdded', params: { name: 'Zhou Yan', stance: 'unknown' }, mentions: (t) => ['Zhou Yan', t('stance.unknown')] },
  { name: 'a person removed', kind: 'stakeholderRemoved', params: { name: 'Zhou Yan' }, mentions: () => ['Zhou Yan'] },
  { name: 'a success factor added', kind: 'successFactorAdded', params: { title: 'Uptime', rank: 1 }, mentions: () => ['Uptime'] },
  { name: 'a success factor added, unranked', kind: 'successFactorAdded', params: { title: 'Uptime', rank: null }, mentions: () => ['Uptime'] },
  { name: 'a success factor dropped', kind: 'successFactorRemoved', params: { title: 'Uptime' }, mentions: () => ['Uptime'] },
  { name: 'a success factor renamed', kind: 'successFactorRenamed', params: { from: 'Up', to: 'Uptime' }, mentions: () => ['Up', 'Uptime'] },
  { name: 'success factors re-ranked', kind: 'successFactorsReordered', params: { top: ['Uptime', 'Price', 'Support'] }, mentions: () => ['Uptime', 'Price', 'Support'] },
  { name: 'a point confirmed', kind: 'infoPointConfirmed', params: { point: 4 }, mentions: (t) => ['4', t('infoPoint.4.label')] },
  { name: 'a competitor added', kind: 'competitorAdded', params: { name: 'Temenos' }, mentions: () => ['Temenos'] },
  { name: 'a champion left', kind: 'championLeft', params: { name: 'Fiona Ho', leftAt: '2030-05-01' }, mentions: (_t, f) => ['Fiona Ho', f.date('2030-05-01')] },
  { name: 'someone else left', kind: 'personLeft', params: { name: 'Zhou Yan', leftAt: '2030-05-02' }, mentions: (_t, f) => ['Zhou Yan', f.date('2030-05-02')] },
  { name: 'someone came back', kind: 'personReturned', params: { name: 'Fiona Ho' }, mentions: () => ['Fiona Ho'] },
  {
    name: 'a flag snoozed',
    kind: 'flagSnoozed',
    params: { code: 'NO_COACH', until: '2030-05-15', reason: 'Reference visit first' },
    mentions: (t, f) => [t('scoring:flagTitle.NO_COACH'), f.date('2030-05-15'), 'Reference visit first'],
  },
  { name: 'a flag woken early', kind: 'flagUnsnoozed', params: { code: 'KEY_OPPONENT' }, mentions: (t) => [t('scoring:flagTitle.KEY_OPPONENT')] },
  { name: 'a snooze that ran out', kind: 'flagWoke', params: { code: 'COACH_SILENT' }, mentions: (t) => [t('scoring:flagTitle.COACH_SILENT')] },
  {
    name: 'a meeting with people',
    kind: 'activity',
    params: { activityKind: 'executive_meeting', summary: 'Walked the CEO through the roll-out', people: ['Huang Wei', 'Li Na'] },
    mentions: (t) => [t('activityKind.executive_meeting'), 'Huang Wei', 'Li Na', 'Walked the CEO through the roll-out'],
  },
  { name: 'a note alone', kind: 'activity', params: { activityKind: 'note', summary: 'Budget moved to Q3', people: [] }, mentions: (t) => [t('activityKind.note'), 'Budget moved to Q3'] },
  { name: 'a next step done', kind: 'nextStepDone', params: { title: 'Send the pilot proposal' }, mentions: () => ['Send the pilot proposal'] },
  {
    name: 'a next step overdue',
    kind: 'nextStepOverdue',
    params: { title: 'Send the pilot proposal', dueDate: '2030-03-01', owner: 'Riley' },
    mentions: (_t, f) => ['Send the pilot proposal', f.date('2030-03-01')],
  },
];

function expectReadable(text: string) {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/\b(standup|history|stage|stance|threshold|activityKind|infoPoint)\.[A-Za-z_]/);
  expect(text).not.toMatch(/\{\{|\}\}|\$t\(|undefined|null|NaN|Invalid Date|\[object/);
}

describe.each(LOCALES)('stand-up changes in %s', (locale) => {
  const t = translator(locale);
  const f = format(locale);

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const text = describeChange(t, { kind: c.kind, params: c.params }, f);
    expectReadable(text);
    for (const mention of c.mentions(t, f)) expect(text, `${c.kind}: ${text}`).toContain(mention);
  });

  it('reads without formatters too (raw dates and amounts, still no placeholders)', () => {
    for (const c of CASES) {
      const text = describeChange(t, { kind: c.kind, params: c.params });
      expectReadable(text);
    }
    expect(describeChange(t, { kind: 'closeDateChanged', params: { from: '2030-06-30', to: '2030-09-30' } })).toContain('2030-09-30');
  });

  it('a missing date reads as “none”, never “Invalid Date”', () => {
    const text = describeChange(t, { kind: 'closeDateChanged', params: { from: null, to: '2030-09-30' } }, f);
    expectReadable(text);
    expect(text).toContain(t('standup.nobody'));
    expect(text).toContain(f.date('2030-09-30'));
  });

  it('a kind it does not know still reads as a sentence naming the kind', () => {
    const text = describeChange(t, { kind: 'widgetExploded', params: { name: 'X' } }, f);
    expectReadable(text);
    expect(text).toContain('widgetExploded');
  });

  it('Chinese is Chinese, with its own list separator', () => {
    if (locale !== 'zh-CN') return;
    const text = describeChange(t, { kind: 'successFactorsReordered', params: { top: ['A', 'B'] } }, f);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toContain('A、B');
  });
});

describe('the stand-up’s vocabulary', () => {
  it('every kind has a sample here, a tone, and a sentence in both languages', () => {
    for (const kind of STANDUP_CHANGE_KINDS) {
      expect(CASES.some((c) => c.kind === kind), kind).toBe(true);
      expect(CHANGE_TONE[kind]).toMatch(/^(good|bad|neutral)$/);
    }
  });

  it('the server’s English summary is the same sentence the English client shows', () => {
    const en = translator('en');
    const serverFormat = { date: (iso: string) => iso.slice(0, 10), money: (amount: number, currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount) };
    expect(describeChange(en, { kind: 'amountChanged', params: { from: 350_000, to: 420_000, currency: 'USD' } }, serverFormat)).toBe('Amount changed from $350,000 to $420,000');
    expect(describeChange(en, { kind: 'thresholdLost', params: { threshold: 'topDecisionMaker' } }, serverFormat)).toBe(`Threshold lost: ${en('threshold.topDecisionMaker')}`);
    expect(describeChange(en, { kind: 'newAlly', params: { name: 'Huang Wei', from: null } }, serverFormat)).toBe('New ally: Huang Wei');
  });
});
