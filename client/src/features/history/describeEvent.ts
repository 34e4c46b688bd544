/**
 * One event-log row as one plain sentence: the kind picks an i18n key under
 * `history.event.*`, the before/after diff fills its parameters. Pure apart
 * from the `t` and formatters it is given, so both languages read the same facts.
 */
import type { TFunction } from 'i18next';
import { readEvent } from '../../../../shared/events';
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

/** An empty text reads as missing, so a sentence falls back to the next name it has. */
const filled = (value: string | null | undefined): string | undefined => value || undefined;

/** The fields whose value differs between the two sides, in the order the after side lists them. */
function changedKeys(before: object, after: object): string[] {
  const was = new Map(Object.entries(before));
  return Object.entries(after)
    .filter(([key, value]) => JSON.stringify(was.get(key)) !== JSON.stringify(value))
    .map(([key]) => key);
}

/** Which filter group a kind belongs to; undefined for a family no group names. */
export function groupOf(kind: string): HistoryKindGroup | undefined {
  const family = kind.split('.')[0] ?? '';
  return (Object.keys(HISTORY_KIND_GROUPS) as HistoryKindGroup[]).find((group) => (HISTORY_KIND_GROUPS[group] as readonly string[]).includes(family));
}

export function describeEvent(row: HistoryEvent, ctx: SentenceContext): Sentence {
  const { t } = ctx;
  const event = readEvent(row);
  const actor = row.actorName ?? t('history.someone');
  const label = (prefix: string, value: string | null | undefined) => (value ? t(`${prefix}.${value}`, { defaultValue: value }) : t('history.none'));
  const fieldList = (keys: string[]) =>
    keys.length === 0
      ? t('history.details')
      : ctx.list([...new Set(keys.map((key) => t(`field.${key}`, { defaultValue: key })))]);
  // Stakeholder and contact events repeat who the person is on both sides; the id names someone since removed.
  const person = (...names: (string | null | undefined)[]) =>
    names.map(filled).find((name) => name !== undefined) ?? (event.entityId !== null ? ctx.personName(event.entityId) : undefined) ?? t('history.someoneRemoved');
  const someoneOf = (id: number | undefined) => (id === undefined ? undefined : ctx.personName(id)) ?? t('history.someoneRemoved');
  const say = (key: string, params: Record<string, unknown> = {}, detail?: string): Sentence => ({ text: t(`history.event.${key}`, { actor, ...params }), detail });
  const verb = (kind: string) => kind.split('.')[1] ?? '';

  switch (event.kind) {
    case 'deal.created':
      return say('dealCreated', { name: event.after.name ?? '' });
    case 'deal.stageChanged': {
      const { before, after } = event;
      const from = label('stage', before.stage);
      const crossed = after.closedThresholds ? Object.values(after.closedThresholds).filter(Boolean).length : undefined;
      // A close says why and what the deal had crossed; a reopen says the analysis went with it.
      if (after.stage === 'lost' && after.lossCause && crossed !== undefined) {
        const cause = label('lossCause', after.lossCause);
        return say(after.lostTo ? 'dealLostTo' : 'dealLost', { from, cause, lostTo: after.lostTo, crossed }, filled(after.lossReason));
      }
      if (after.stage === 'won' && crossed !== undefined) return say('dealWon', { from, crossed });
      if (before.closedThresholds && after.closedThresholds === null) return say('dealReopened', { from, to: label('stage', after.stage) });
      return say('stageChanged', { from, to: label('stage', after.stage) });
    }
    case 'deal.updated': {
      const { before, after } = event;
      const keys = Object.keys(after).filter((key) => key !== 'status');
      if (keys.length === 1 && keys[0] === 'closeDate') return say('closeDateChanged', { from: ctx.date(filled(before.closeDate)), to: ctx.date(filled(after.closeDate)) });
      if (keys.length === 1 && keys[0] === 'amount' && typeof before.amount === 'number' && typeof after.amount === 'number') {
        const currency = filled(after.currency) ?? filled(before.currency) ?? 'USD';
        return say('amountChanged', { from: ctx.money(before.amount, currency), to: ctx.money(after.amount, currency) });
      }
      return say('dealUpdated', { fields: fieldList(keys.length > 0 ? keys : Object.keys(after)) });
    }
    case 'infoPoint.updated': {
      const { before, after } = event;
      const point = after.point ?? before.point ?? 0;
      const title = t(`infoPoint.${point}.label`, { defaultValue: '' });
      const summary = filled(after.summary);
      if ('status' in after) {
        const key = after.status === 'confirmed' ? 'pointConfirmed' : 'pointStatus';
        return say(key, { point, title, from: label('infoStatus', before.status), to: label('infoStatus', after.status) }, summary);
      }
      if (typeof after.sourceStakeholderId === 'number') return say('pointSource', { point, title, name: someoneOf(after.sourceStakeholderId) });
      const keys = Object.keys(after).filter((key) => key !== 'point');
      if (keys.length === 1 && keys[0] === 'verifiedAt') return say('pointVerified', { point, title });
      return say('pointUpdated', { point, title, fields: fieldList(keys) }, summary);
    }
    case 'nextStep.added':
      return say('nextStep.added', { title: event.after.title ?? '' });
    case 'nextStep.done':
    case 'nextStep.updated':
      return say(`nextStep.${verb(event.kind)}`, { title: filled(event.after.title) ?? filled(event.before.title) ?? '' });
    case 'nextStep.removed':
      return say('nextStep.removed', { title: event.before.title ?? '' });
    case 'competitor.added':
      return say('competitor.added', { name: event.after.name ?? '' });
    case 'competitor.updated':
      return say('competitor.updated', { name: filled(event.after.name) ?? filled(event.before.name) ?? '' });
    case 'competitor.removed':
      return say('competitor.removed', { name: event.before.name ?? '' });
    case 'successFactor.added':
    case 'successFactor.removed':
      return say(`successFactor.${verb(event.kind)}`, { title: filled(event.after.title) ?? filled(event.before.title) ?? '' });
    case 'successFactor.updated':
      return say('successFactor.renamed', { from: event.after.previousTitle ?? '', to: event.after.title ?? '' });
    case 'successFactor.reordered':
      return say('successFactor.reordered', { top: ctx.list(event.after.top ?? []) });
    case 'activity.logged':
    case 'activity.removed': {
      const logged = event.kind === 'activity.logged';
      const doc = logged ? event.after : event.before;
      const people = (doc.stakeholderIds ?? []).map(someoneOf);
      const activity = t(`history.activityNoun.${filled(doc.kind) ?? 'note'}`, { defaultValue: label('activityKind', doc.kind) });
      const key = !logged ? 'activityRemoved' : people.length > 0 ? 'activityWith' : 'activityLogged';
      return say(key, { activity, people: ctx.list(people) }, filled(doc.summary));
    }
    case 'stakeholder.added': {
      const { after } = event;
      return say('stakeholderAdded', { name: person(after.name), role: label('decisionRole', after.decisionRole), influence: after.influence ?? '?', stance: label('stance', after.stance) });
    }
    case 'stakeholder.stanceChanged':
      return say('stanceChanged', { name: person(event.after.name, event.before.name), from: label('stance', event.before.stance), to: label('stance', event.after.stance) });
    case 'stakeholder.updated': {
      const { before, after } = event;
      const name = person(after.name, before.name);
      if (before.isCoach !== after.isCoach && typeof after.isCoach === 'boolean') return say(after.isCoach ? 'coachGained' : 'coachLost', { name });
      if (before.influence !== after.influence && typeof after.influence === 'number') return say('influenceChanged', { name, from: before.influence ?? '?', to: after.influence });
      if (before.decisionRole !== after.decisionRole && filled(after.decisionRole)) return say('roleChanged', { name, from: label('decisionRole', before.decisionRole), to: label('decisionRole', after.decisionRole) });
      return say('stakeholderUpdated', { name, fields: fieldList(changedKeys(before, after)) });
    }
    case 'stakeholder.moved':
      return say('stakeholderMoved', { name: person(event.after.name, event.before.name) });
    case 'stakeholder.removed':
      return say('stakeholderRemoved', { name: person(event.before.name) });
    case 'relationship.added':
    case 'relationship.removed': {
      const added = event.kind === 'relationship.added';
      const doc = added ? event.after : event.before;
      return say(added ? 'relationshipAdded' : 'relationshipRemoved', {
        from: filled(doc.fromName) ?? someoneOf(doc.fromStakeholderId ?? 0),
        to: filled(doc.toName) ?? someoneOf(doc.toStakeholderId ?? 0),
        relation: label('relationship', doc.kind),
      });
    }
    case 'contact.updated':
      return say('contactUpdated', { name: person(event.after.name, event.before.name), fields: fieldList(changedKeys(event.before, event.after)) });
    case 'contact.left': {
      const { before, after } = event;
      const name = person(after.name, before.name);
      // They had already left: only the day was corrected.
      if (before.leftAt) return say('contactLeftMoved', { name, from: ctx.date(before.leftAt), to: ctx.date(after.leftAt) });
      const champions = after.championOf?.length ?? 0;
      return say(champions > 0 ? 'contactLeftChampion' : 'contactLeft', { name, date: ctx.date(after.leftAt), count: champions });
    }
    case 'contact.returned':
      return say('contactReturned', { name: person(event.before.name), date: ctx.date(event.before.leftAt) });
    case 'externalAlly.added':
      return say('externalAlly.added', { name: event.after.name ?? '' });
    case 'externalAlly.updated':
      return say('externalAlly.updated', { name: filled(event.after.name) ?? filled(event.before.name) ?? '' });
    case 'externalAlly.removed':
      return say('externalAlly.removed', { name: event.before.name ?? '' });
    case 'coachingNote.added':
      return say('coachingNote', {}, filled(event.after.body));
    case 'threshold.crossed':
    case 'threshold.lost':
      return say(event.kind === 'threshold.crossed' ? 'thresholdCrossed' : 'thresholdLost', { threshold: label('threshold', event.after.threshold ?? event.before.threshold) });
    case 'deal.memberAdded':
      return say('memberAdded', { name: filled(event.after.name) ?? t('history.someoneRemoved') });
    case 'deal.memberRemoved':
      return say('memberRemoved', { name: filled(event.before.name) ?? t('history.someoneRemoved') });
    case 'settings.thresholdsUpdated':
      return say('settingsUpdated');
    case 'standup.recorded':
      return say('standupRecorded');
    case 'account.created':
      return say('accountCreated', { name: event.after.name ?? '' });
    // The account level (SPEC §11): its facts, tier history, checklist, complaints and own activities.
    case 'account.updated': {
      const { before, after } = event;
      return say('account.updated', { name: filled(after.name) ?? filled(before.name) ?? '', fields: fieldList(changedKeys(before, after).filter((key) => key !== 'name' || before.name !== after.name)) });
    }
    case 'account.tierChanged': {
      const { before, after } = event;
      return say('account.tierChanged', { name: filled(after.name) ?? filled(before.name) ?? '', from: before.tier ?? '—', to: after.tier ?? '—', reason: after.reason ?? '' });
    }
    case 'account.practiceTicked':
      return say('account.practiceTicked', { practice: label('accountPractice', event.after.practice) });
    case 'account.practiceUnticked':
      return say('account.practiceUnticked', { practice: label('accountPractice', event.before.practice) });
    case 'account.activityLogged':
      return say('account.activityLogged', { kind: label('activityKind', event.after.kind) }, filled(event.after.summary));
    case 'complaint.added':
      return say('account.complaintAdded', { severity: label('complaintSeverity', event.after.severity) }, filled(event.after.summary));
    case 'complaint.resolved':
      return say('account.complaintResolved', {}, filled(event.after.resolution ?? undefined));
    case 'settings.accountSettingsUpdated':
      return say('account.settingsUpdated');
    // Team-level: a deal's history never shows these, but the sentence must read if one ever does.
    // Their entityId is a user's, not a stakeholder's, so the name comes from the event alone.
    case 'user.created':
      return say('user.created', { name: filled(event.after.name) ?? t('history.someone'), role: label('role', event.after.role) });
    case 'user.passwordReset':
      return say('user.passwordReset', { name: filled(event.after.name) ?? t('history.someone') });
    case 'user.deactivated':
    case 'user.reactivated':
    case 'user.updated': {
      const { before, after } = event;
      const name = filled(after.name) ?? filled(before.name) ?? t('history.someone');
      if (event.kind !== 'user.updated') return say(`user.${verb(event.kind)}`, { name });
      if (before.role !== after.role && filled(after.role)) return say('user.roleChanged', { name, from: label('role', before.role), to: label('role', after.role) });
      return say('user.updated', { name, fields: fieldList(changedKeys(before, after)) });
    }
    // Team-level too: the team's own name is in the event, so the sentence reads wherever it shows.
    case 'team.created':
      return say('team.created', { name: filled(event.after.name) ?? t('history.someone') });
    case 'team.updated': {
      const { before, after } = event;
      const name = filled(after.name) ?? filled(before.name) ?? t('history.someone');
      if (filled(before.name) && before.name !== after.name) return say('team.renamed', { from: before.name, name });
      return say('team.managers', { name, managers: after.managers?.length ? ctx.list(after.managers) : t('history.none') });
    }
    case 'flag.snoozed': {
      const { before, after } = event;
      const params = { flag: label('scoring:flagTitle', after.code ?? before.code), until: ctx.date(after.until), reason: after.reason ?? '' };
      // A snooze over one that still held is a change of plan: say what it was.
      return before.until ? say('flagResnoozed', { ...params, from: ctx.date(before.until) }) : say('flagSnoozed', params);
    }
    case 'flag.unsnoozed':
    case 'flag.woke':
      return say(event.kind === 'flag.woke' ? 'flagWoke' : 'flagUnsnoozed', { flag: label('scoring:flagTitle', event.before.code), until: ctx.date(event.before.until) });
    case 'unknown':
      return say('unknown', { kind: event.storedKind });
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
