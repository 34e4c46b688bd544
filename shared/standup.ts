/**
 * What the stand-up reports about a deal, as kinds with parameters. The server
 * renders an English `summary`; the client renders the same kind + params in
 * the reader's language with `describeChange`, from the same i18n keys.
 */
import type { TFunction } from 'i18next';

export const STANDUP_CHANGE_KINDS = [
  'dealCreated',
  'stageChanged',
  'closeDateChanged',
  'amountChanged',
  'thresholdCrossed',
  'thresholdLost',
  'newAlly',
  'newCoach',
  'coachLost',
  'stanceChanged',
  'stakeholderAdded',
  'stakeholderRemoved',
  'successFactorAdded',
  'successFactorRemoved',
  'successFactorRenamed',
  'successFactorsReordered',
  'infoPointConfirmed',
  'competitorAdded',
  'championLeft',
  'personLeft',
  'personReturned',
  'activity',
  'nextStepDone',
  'nextStepOverdue',
  'flagSnoozed',
  'flagUnsnoozed',
  'flagWoke',
] as const;
export type StandupChangeKind = (typeof STANDUP_CHANGE_KINDS)[number];

export type StandupParamValue = string | number | null | string[];
export type StandupParams = Record<string, StandupParamValue>;

/** The kinds that count as good news, bad news, or neither: the stand-up colours them. */
export const CHANGE_TONE: Record<StandupChangeKind, 'good' | 'bad' | 'neutral'> = {
  dealCreated: 'neutral',
  stageChanged: 'neutral',
  closeDateChanged: 'neutral',
  amountChanged: 'neutral',
  thresholdCrossed: 'good',
  thresholdLost: 'bad',
  newAlly: 'good',
  newCoach: 'good',
  coachLost: 'bad',
  stanceChanged: 'neutral',
  stakeholderAdded: 'neutral',
  stakeholderRemoved: 'neutral',
  successFactorAdded: 'neutral',
  successFactorRemoved: 'neutral',
  successFactorRenamed: 'neutral',
  successFactorsReordered: 'neutral',
  infoPointConfirmed: 'good',
  competitorAdded: 'bad',
  championLeft: 'bad',
  personLeft: 'bad',
  personReturned: 'good',
  activity: 'neutral',
  nextStepDone: 'good',
  nextStepOverdue: 'bad',
  flagSnoozed: 'neutral',
  flagUnsnoozed: 'neutral',
  flagWoke: 'bad',
};

/** Which parameters name a value of the method's vocabulary, and the i18n group that labels it. */
const VOCABULARY: Record<string, string> = {
  from: '',
  to: '',
  stance: 'stance',
  threshold: 'threshold',
  activityKind: 'activityKind',
  code: 'scoring:flagTitle',
};
const VOCABULARY_BY_KIND: Partial<Record<StandupChangeKind, string>> = {
  stageChanged: 'stage',
  stanceChanged: 'stance',
  newAlly: 'stance',
};

/**
 * One change as a sentence in the language of `t`. Vocabulary values (stages,
 * stances, thresholds, activity kinds) are translated first, lists joined.
 */
export function describeChange(t: TFunction, change: { kind: string; params: StandupParams }, format: { date?: (iso: string) => string; money?: (amount: number, currency: string) => string } = {}): string {
  const kind = change.kind as StandupChangeKind;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(change.params)) {
    if (value === null) values[name] = t('standup.nobody');
    else if (Array.isArray(value)) values[name] = value.join(t('standup.listSeparator'));
    else if (typeof value === 'string' && name in VOCABULARY) {
      const group = VOCABULARY[name] || VOCABULARY_BY_KIND[kind];
      values[name] = group ? t(`${group}.${value}`) : value;
    } else values[name] = value;
  }
  // A date that is missing stays "none" rather than becoming "Invalid Date".
  const date = (name: string) => {
    const value = change.params[name];
    if (format.date && typeof value === 'string') values[name] = format.date(value);
  };
  if (kind === 'closeDateChanged') ['from', 'to'].forEach(date);
  if (kind === 'nextStepOverdue') date('dueDate');
  if (kind === 'championLeft' || kind === 'personLeft') date('leftAt');
  if (kind === 'flagSnoozed') date('until');
  if (kind === 'amountChanged' && format.money) {
    const currency = String(change.params.currency);
    values.from = format.money(Number(change.params.from), currency);
    values.to = format.money(Number(change.params.to), currency);
  }
  if (kind === 'newAlly' && change.params.from == null) return t('standup.change.newAllyAdded', values);
  if (kind === 'activity' && (!Array.isArray(change.params.people) || change.params.people.length === 0)) return t('standup.change.activityAlone', values);
  // A kind this build does not know (a newer server) still reads as a sentence, not a key.
  if (!(STANDUP_CHANGE_KINDS as readonly string[]).includes(kind)) return t('standup.change.unknown', { kind: change.kind });
  return t(`standup.change.${kind}`, values);
}
