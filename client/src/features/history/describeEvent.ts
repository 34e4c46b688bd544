/**
 * One event-log row as one plain sentence: the kind picks an i18n key under
 * `history.event.*`, the before/after diff fills its parameters. Pure apart
 * from the `t` and formatters it is given, so both languages read the same facts.
 */
import type { TFunction } from 'i18next';
import { HISTORY_KIND_GROUPS, type HistoryKindGroup } from '../../../../shared/history';
import type { RouterOutputs } from '../../lib/trpc';

export type HistoryData = RouterOutputs['history']['get'];
export type HistoryEvent = HistoryData['events'][number];

export interface SentenceContext {
  t: TFunction;
  /** Stakeholder names by id, people since removed included. */
  personName(id: number): string | undefined;
  date(value: string | null | undefined): string;
  money(amount: number, currency: string): string;
  list(items: string[]): string;
}

export interface Sentence {
  text: string;
  /** A second line worth reading: an activity's summary, a coaching note. */
  detail?: string;
}

type Doc = Record<string, unknown>;
const asDoc = (value: unknown): Doc => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Doc) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const ids = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []);

/** Which filter group a kind belongs to; undefined for a family no group names. */
export function groupOf(kind: string): HistoryKindGroup | undefined {
  const family = kind.split('.')[0] ?? '';
  return (Object.keys(HISTORY_KIND_GROUPS) as HistoryKindGroup[]).find((group) => (HISTORY_KIND_GROUPS[group] as readonly string[]).includes(family));
}

export function describeEvent(event: HistoryEvent, ctx: SentenceContext): Sentence {
  const { t } = ctx;
  const before = asDoc(event.before);
  const after = asDoc(event.after);
  const actor = event.actorName ?? t('history.someone');
  const label = (prefix: string, value: unknown) => (str(value) ? t(`${prefix}.${str(value)}`, { defaultValue: str(value) }) : t('history.none'));
  const fieldList = (keys: string[]) =>
    keys.length === 0
      ? t('history.details')
      : ctx.list([...new Set(keys.map((key) => t(`field.${key}`, { defaultValue: key })))]);
  // Stakeholder and contact events repeat who the person is on both sides; what differs is what changed.
  const changedKeys = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  const personName = str(after.name) ?? str(before.name) ?? (event.entityId !== null ? ctx.personName(event.entityId) : undefined) ?? t('history.someoneRemoved');
  const say = (key: string, params: Record<string, unknown> = {}, detail?: string): Sentence => ({ text: t(`history.event.${key}`, { actor, ...params }), detail });

  switch (event.kind) {
    case 'deal.created':
      return say('dealCreated', { name: str(after.name) ?? '' });
    case 'deal.stageChanged':
      return say('stageChanged', { from: label('stage', before.stage), to: label('stage', after.stage) });
    case 'deal.updated': {
      const keys = Object.keys(after).filter((key) => key !== 'status');
      if (keys.length === 1 && keys[0] === 'closeDate') return say('closeDateChanged', { from: ctx.date(str(before.closeDate)), to: ctx.date(str(after.closeDate)) });
      if (keys.length === 1 && keys[0] === 'amount' && num(before.amount) !== undefined && num(after.amount) !== undefined) {
        const currency = str(after.currency) ?? str(before.currency) ?? 'USD';
        return say('amountChanged', { from: ctx.money(num(before.amount)!, currency), to: ctx.money(num(after.amount)!, currency) });
      }
      return say('dealUpdated', { fields: fieldList(keys.length > 0 ? keys : Object.keys(after)) });
    }
    case 'infoPoint.updated': {
      const point = num(after.point) ?? num(before.point) ?? 0;
      const title = t(`infoPoint.${point}.label`, { defaultValue: '' });
      const summary = str(after.summary);
      if ('status' in after) {
        const key = after.status === 'confirmed' ? 'pointConfirmed' : 'pointStatus';
        return say(key, { point, title, from: label('infoStatus', before.status), to: label('infoStatus', after.status) }, summary);
      }
      if ('sourceStakeholderId' in after && num(after.sourceStakeholderId) !== undefined) {
        return say('pointSource', { point, title, name: ctx.personName(num(after.sourceStakeholderId)!) ?? t('history.someoneRemoved') });
      }
      const keys = Object.keys(after).filter((key) => key !== 'point');
      if (keys.length === 1 && keys[0] === 'verifiedAt') return say('pointVerified', { point, title });
      return say('pointUpdated', { point, title, fields: fieldList(keys) }, summary);
    }
    case 'nextStep.added':
    case 'nextStep.done':
    case 'nextStep.updated':
    case 'nextStep.removed':
      return say(`nextStep.${event.kind.split('.')[1]}`, { title: str(after.title) ?? str(before.title) ?? '' });
    case 'competitor.added':
    case 'competitor.updated':
    case 'competitor.removed':
      return say(`competitor.${event.kind.split('.')[1]}`, { name: str(after.name) ?? str(before.name) ?? '' });
    case 'successFactor.added':
    case 'successFactor.removed':
      return say(`successFactor.${event.kind.split('.')[1]}`, { title: str(after.title) ?? str(before.title) ?? '' });
    case 'successFactor.updated':
      return say('successFactor.renamed', { from: str(after.previousTitle) ?? '', to: str(after.title) ?? '' });
    case 'successFactor.reordered':
      return say('successFactor.reordered', { top: ctx.list(Array.isArray(after.top) ? after.top.filter((v): v is string => typeof v === 'string') : []) });
    case 'activity.logged':
    case 'activity.removed': {
      const doc = event.kind === 'activity.logged' ? after : before;
      const people = ids(doc.stakeholderIds).map((id) => ctx.personName(id) ?? t('history.someoneRemoved'));
      const activity = t(`history.activityNoun.${str(doc.kind) ?? 'note'}`, { defaultValue: label('activityKind', doc.kind) });
      const key = event.kind === 'activity.removed' ? 'activityRemoved' : people.length > 0 ? 'activityWith' : 'activityLogged';
      return say(key, { activity, people: ctx.list(people) }, str(doc.summary));
    }
    case 'stakeholder.added':
      return say('stakeholderAdded', { name: personName, role: label('decisionRole', after.decisionRole), influence: num(after.influence) ?? '?', stance: label('stance', after.stance) });
    case 'stakeholder.stanceChanged':
      return say('stanceChanged', { name: personName, from: label('stance', before.stance), to: label('stance', after.stance) });
    case 'stakeholder.updated': {
      if (before.isCoach !== after.isCoach && typeof after.isCoach === 'boolean') return say(after.isCoach ? 'coachGained' : 'coachLost', { name: personName });
      if (before.influence !== after.influence && num(after.influence) !== undefined) return say('influenceChanged', { name: personName, from: num(before.influence) ?? '?', to: num(after.influence) });
      if (before.decisionRole !== after.decisionRole && str(after.decisionRole)) return say('roleChanged', { name: personName, from: label('decisionRole', before.decisionRole), to: label('decisionRole', after.decisionRole) });
      return say('stakeholderUpdated', { name: personName, fields: fieldList(changedKeys) });
    }
    case 'stakeholder.moved':
      return say('stakeholderMoved', { name: personName });
    case 'stakeholder.removed':
      return say('stakeholderRemoved', { name: personName });
    case 'relationship.added':
    case 'relationship.removed': {
      const doc = event.kind === 'relationship.added' ? after : before;
      const nameOf = (nameKey: string, idKey: string) => str(doc[nameKey]) ?? ctx.personName(num(doc[idKey]) ?? 0) ?? t('history.someoneRemoved');
      return say(event.kind === 'relationship.added' ? 'relationshipAdded' : 'relationshipRemoved', {
        from: nameOf('fromName', 'fromStakeholderId'),
        to: nameOf('toName', 'toStakeholderId'),
        relation: label('relationship', doc.kind),
      });
    }
    case 'contact.updated':
      return say('contactUpdated', { name: personName, fields: fieldList(changedKeys) });
    case 'externalAlly.added':
    case 'externalAlly.updated':
    case 'externalAlly.removed':
      return say(`externalAlly.${event.kind.split('.')[1]}`, { name: str(after.name) ?? str(before.name) ?? '' });
    case 'coachingNote.added':
      return say('coachingNote', {}, str(after.body));
    case 'threshold.crossed':
    case 'threshold.lost':
      return say(event.kind === 'threshold.crossed' ? 'thresholdCrossed' : 'thresholdLost', { threshold: label('threshold', after.threshold ?? before.threshold) });
    case 'deal.memberAdded':
    case 'deal.memberRemoved':
      return say(event.kind === 'deal.memberAdded' ? 'memberAdded' : 'memberRemoved', { name: str(after.name) ?? str(before.name) ?? t('history.someoneRemoved') });
    case 'settings.thresholdsUpdated':
      return say('settingsUpdated');
    case 'standup.recorded':
      return say('standupRecorded');
    case 'account.created':
      return say('accountCreated', { name: str(after.name) ?? '' });
    // Team-level: a deal's history never shows these, but the sentence must read if one ever does.
    // Their entityId is a user's, not a stakeholder's, so the name comes from the event alone.
    case 'user.created':
    case 'user.updated':
    case 'user.deactivated':
    case 'user.reactivated':
    case 'user.passwordReset': {
      const name = str(after.name) ?? str(before.name) ?? t('history.someone');
      if (event.kind === 'user.created') return say('user.created', { name, role: label('role', after.role) });
      if (event.kind !== 'user.updated') return say(`user.${event.kind.split('.')[1]}`, { name });
      if (before.role !== after.role && str(after.role)) return say('user.roleChanged', { name, from: label('role', before.role), to: label('role', after.role) });
      return say('user.updated', { name, fields: fieldList(changedKeys) });
    }
    default:
      return say('unknown', { kind: event.kind });
  }
}
