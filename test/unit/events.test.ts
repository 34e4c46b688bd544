/**
 * The typed event log: every kind the app writes reads back as written, says
 * something in both languages on the History tab, and is either reported by the
 * stand-up or listed here as left out on purpose. Old and odd rows read without
 * throwing. A new kind does not compile here until it has a sample.
 */
import { describe, expect, it } from 'vitest';
import { describeEvent, type HistoryEvent, type SentenceContext } from '../../client/src/features/history/describeEvent';
import { changesOfEvent, STANDUP_EVENT_KINDS } from '../../server/services/standupEvents';
import type { Locale } from '../../shared/domain';
import { EVENT_KINDS, readEvent, type DomainEvent, type EventKind, type EventRow } from '../../shared/events';
import { translator } from '../../shared/i18n/translator';
import { DEFAULT_ACCOUNT_SETTINGS } from '../../shared/accounts';
import { DEFAULT_THRESHOLD_SETTINGS } from '../../shared/settings';
import { describeChange } from '../../shared/standup';

const LOCALES: Locale[] = ['en', 'zh-CN'];
const ACTOR = 'Riley Zhang';
const PEOPLE = new Map([
  [1, 'Wang Jianguo'],
  [2, 'Li Na'],
]);
const person = { name: 'Li Na', decisionRole: 'evaluator', influence: 4, stance: 'supporter', isCoach: false } as const;
const who = { stakeholderId: 2, name: 'Li Na' };
const ranking = (titles: string[]) => ({ top: titles.slice(0, 3), ranking: titles });
const step = { title: 'Send the pilot proposal', owner: 'Riley Zhang', dueDate: '2030-03-09', done: false };
const competitor = { name: 'Temenos', strengths: 'Price', weaknesses: null, favouredByStakeholderIds: [2] };
const ally = { name: 'Accenture', accountId: 1, accountName: 'Harbor Bank', offering: 'Consulting', contribution: null, contactName: null, contactInfo: null };
const edge = { fromStakeholderId: 2, toStakeholderId: 1, kind: 'influences', strength: 3, fromName: 'Li Na', toName: 'Wang Jianguo' } as const;
const settings = DEFAULT_THRESHOLD_SETTINGS;

/** One event of each kind, as the services write it. The type makes this list complete. */
const SAMPLES: { [K in EventKind]: Extract<DomainEvent, { kind: K }> } = {
  'account.created': { kind: 'account.created', entity: 'account', entityId: 1, after: { name: 'Harbor Bank' } },
  'account.updated': { kind: 'account.updated', entity: 'account', entityId: 1, before: { name: 'Harbor Bank', productFit: null, centralPurchasing: null }, after: { name: 'Harbor Bank', productFit: 4, centralPurchasing: true } },
  'account.tierChanged': { kind: 'account.tierChanged', entity: 'account', entityId: 1, before: { name: 'Harbor Bank', tier: 'B' }, after: { name: 'Harbor Bank', tier: 'A', reason: 'Third order this year' } },
  'account.practiceTicked': { kind: 'account.practiceTicked', entity: 'accountPractice', entityId: 1, after: { practice: 'complaint_channel', phase: 'stabilize' } },
  'account.practiceUnticked': { kind: 'account.practiceUnticked', entity: 'accountPractice', entityId: 1, before: { practice: 'complaint_channel', phase: 'stabilize' } },
  'account.activityLogged': { kind: 'account.activityLogged', entity: 'accountActivity', entityId: 2, after: { kind: 'executive_meeting', summary: 'Annual review with the CEO', contactIds: [1] } },
  'complaint.added': { kind: 'complaint.added', entity: 'complaint', entityId: 3, after: { accountId: 1, summary: 'Late delivery', severity: 'high', openedAt: '2030-03-01T09:00:00.000Z', resolution: null, resolvedAt: null } },
  'complaint.resolved': { kind: 'complaint.resolved', entity: 'complaint', entityId: 3, before: { accountId: 1, summary: 'Late delivery', severity: 'high', openedAt: '2030-03-01T09:00:00.000Z', resolution: null, resolvedAt: null }, after: { accountId: 1, summary: 'Late delivery', severity: 'high', openedAt: '2030-03-01T09:00:00.000Z', resolution: 'Shipped by air', resolvedAt: '2030-03-04T09:00:00.000Z' } },
  'settings.accountSettingsUpdated': { kind: 'settings.accountSettingsUpdated', entity: 'teamSettings', entityId: 1, before: DEFAULT_ACCOUNT_SETTINGS, after: { ...DEFAULT_ACCOUNT_SETTINGS, exchangeRates: { EUR: 1.1 } } },
  'activity.logged': { kind: 'activity.logged', entity: 'activity', entityId: 3, after: { kind: 'meeting', summary: 'Walked through the pilot', stakeholderIds: [1, 2] } },
  'activity.removed': { kind: 'activity.removed', entity: 'activity', entityId: 3, before: { kind: 'call', summary: 'Coach call', stakeholderIds: [2] } },
  'coachingNote.added': { kind: 'coachingNote.added', entity: 'coachingNote', entityId: 4, after: { body: 'Get in front of the CFO' } },
  'competitor.added': { kind: 'competitor.added', entity: 'competitor', entityId: 5, after: competitor },
  'competitor.updated': { kind: 'competitor.updated', entity: 'competitor', entityId: 5, before: { name: 'Temenos', strengths: 'Price' }, after: { name: 'Temenos', strengths: 'Price, reach' } },
  'competitor.removed': { kind: 'competitor.removed', entity: 'competitor', entityId: 5, before: competitor },
  'contact.updated': { kind: 'contact.updated', entity: 'contact', entityId: 6, before: { name: 'Li Na', phone: null }, after: { name: 'Li Na', phone: '+86 10 5555' } },
  'contact.left': { kind: 'contact.left', entity: 'contact', entityId: 6, before: { name: 'Li Na', leftAt: null }, after: { name: 'Li Na', leftAt: '2030-02-27', championOf: [7] } },
  'contact.returned': { kind: 'contact.returned', entity: 'contact', entityId: 6, before: { name: 'Li Na', leftAt: '2030-02-27' } },
  'deal.created': { kind: 'deal.created', entity: 'deal', entityId: 7, after: { name: 'Core banking refresh', stage: 'qualify' } },
  'deal.stageChanged': { kind: 'deal.stageChanged', entity: 'deal', entityId: 7, before: { stage: 'discover', status: 'open' }, after: { stage: 'propose', status: 'open' } },
  'deal.updated': { kind: 'deal.updated', entity: 'deal', entityId: 7, before: { closeDate: '2030-06-30' }, after: { closeDate: '2030-09-30' } },
  'deal.memberAdded': { kind: 'deal.memberAdded', entity: 'dealMember', entityId: 8, after: { userId: 8, name: 'Sam Patel' } },
  'deal.memberRemoved': { kind: 'deal.memberRemoved', entity: 'dealMember', entityId: 8, before: { userId: 8, name: 'Sam Patel' } },
  'externalAlly.added': { kind: 'externalAlly.added', entity: 'externalAlly', entityId: 9, after: ally },
  'externalAlly.updated': { kind: 'externalAlly.updated', entity: 'externalAlly', entityId: 9, before: { name: 'Accenture', accountId: 1, accountName: 'Harbor Bank', contribution: null }, after: { name: 'Accenture', accountId: 1, accountName: 'Harbor Bank', contribution: 'Intro to the CFO' } },
  'externalAlly.removed': { kind: 'externalAlly.removed', entity: 'externalAlly', entityId: 9, before: ally },
  'flag.snoozed': { kind: 'flag.snoozed', entity: 'flag', entityId: null, before: { code: 'NO_COACH', until: '2030-03-09', reason: 'Coach lunch booked' }, after: { code: 'NO_COACH', until: '2030-03-16', reason: 'Lunch moved a week' } },
  'flag.unsnoozed': { kind: 'flag.unsnoozed', entity: 'flag', entityId: null, before: { code: 'NO_COACH', until: '2030-03-16', reason: 'Lunch moved a week' } },
  'flag.woke': { kind: 'flag.woke', entity: 'flag', entityId: null, before: { code: 'STALE_INFO', until: '2030-03-01', reason: 'Customer on holiday' } },
  'infoPoint.updated': { kind: 'infoPoint.updated', entity: 'infoPoint', entityId: 10, before: { point: 4, status: 'partial' }, after: { point: 4, status: 'confirmed' } },
  'nextStep.added': { kind: 'nextStep.added', entity: 'nextStep', entityId: 11, after: step },
  'nextStep.updated': { kind: 'nextStep.updated', entity: 'nextStep', entityId: 11, before: { title: step.title, dueDate: '2030-03-09' }, after: { title: step.title, dueDate: '2030-03-16' } },
  'nextStep.done': { kind: 'nextStep.done', entity: 'nextStep', entityId: 11, before: { title: step.title, done: false }, after: { title: step.title, done: true } },
  'nextStep.removed': { kind: 'nextStep.removed', entity: 'nextStep', entityId: 11, before: step },
  'relationship.added': { kind: 'relationship.added', entity: 'relationship', entityId: 12, after: edge },
  'relationship.removed': { kind: 'relationship.removed', entity: 'relationship', entityId: 12, before: edge },
  'settings.thresholdsUpdated': { kind: 'settings.thresholdsUpdated', entity: 'teamSettings', entityId: 1, before: settings, after: { ...settings, minAllies: 3 } },
  'stakeholder.added': { kind: 'stakeholder.added', entity: 'stakeholder', entityId: 2, after: { ...person, contactCreated: true } },
  'stakeholder.updated': { kind: 'stakeholder.updated', entity: 'stakeholder', entityId: 2, before: { ...who, isCoach: false }, after: { ...who, isCoach: true } },
  'stakeholder.stanceChanged': { kind: 'stakeholder.stanceChanged', entity: 'stakeholder', entityId: 2, before: { ...who, stance: 'neutral' }, after: { ...who, stance: 'skeptic' } },
  'stakeholder.moved': { kind: 'stakeholder.moved', entity: 'stakeholder', entityId: 2, before: { ...who, positionX: null, positionY: null }, after: { ...who, positionX: 120, positionY: 40 } },
  'stakeholder.removed': { kind: 'stakeholder.removed', entity: 'stakeholder', entityId: 2, before: { ...person, relationships: [{ fromStakeholderId: 2, toStakeholderId: 1, kind: 'allied' }], sourceOfInfoPoints: [3], favoursCompetitorIds: [] } },
  'standup.recorded': { kind: 'standup.recorded', entity: 'standup', entityId: 13, after: { heldAt: '2030-03-02T09:00:00.000Z', recordedBy: 1 } },
  'successFactor.added': { kind: 'successFactor.added', entity: 'successFactor', entityId: 14, before: { ...ranking(['Price']) }, after: { title: 'Uptime', ...ranking(['Uptime', 'Price']) } },
  'successFactor.updated': { kind: 'successFactor.updated', entity: 'successFactor', entityId: 14, before: { title: 'Uptime', previousTitle: 'Up', ...ranking(['Up']) }, after: { title: 'Uptime', previousTitle: 'Up', ...ranking(['Uptime']) } },
  'successFactor.removed': { kind: 'successFactor.removed', entity: 'successFactor', entityId: 14, before: { title: 'Uptime', ...ranking(['Uptime']) }, after: { title: 'Uptime', ...ranking([]) } },
  'successFactor.reordered': { kind: 'successFactor.reordered', entity: 'successFactor', entityId: 7, before: ranking(['Price', 'Uptime']), after: ranking(['Uptime', 'Price']) },
  'team.created': { kind: 'team.created', entity: 'team', entityId: 2, after: { name: 'Key Accounts — West' } },
  'team.updated': { kind: 'team.updated', entity: 'team', entityId: 2, before: { name: 'West', managers: [] }, after: { name: 'Key Accounts — West', managers: ['Morgan Lee'] } },
  'threshold.crossed': { kind: 'threshold.crossed', entity: 'threshold', entityId: null, before: { threshold: 'relationships', passed: false }, after: { threshold: 'relationships', passed: true } },
  'threshold.lost': { kind: 'threshold.lost', entity: 'threshold', entityId: null, before: { threshold: 'information', passed: true }, after: { threshold: 'information', passed: false } },
  'user.created': { kind: 'user.created', entity: 'user', entityId: 8, after: { name: 'Sam Patel', email: 'sam@demo.test', role: 'rep', locale: 'en', active: true } },
  'user.updated': { kind: 'user.updated', entity: 'user', entityId: 8, before: { name: 'Sam Patel', role: 'rep' }, after: { name: 'Sam Patel', role: 'manager' } },
  'user.deactivated': { kind: 'user.deactivated', entity: 'user', entityId: 8, before: { name: 'Sam Patel', active: true }, after: { name: 'Sam Patel', active: false } },
  'user.reactivated': { kind: 'user.reactivated', entity: 'user', entityId: 8, before: { name: 'Sam Patel', active: false }, after: { name: 'Sam Patel', active: true } },
  'user.passwordReset': { kind: 'user.passwordReset', entity: 'user', entityId: 8, after: { name: 'Sam Patel', sessionsEnded: 2 } },
};

/** Kinds the stand-up leaves out on purpose: admin, housekeeping, or read from elsewhere (the activity log). */
const NOT_IN_STANDUP: EventKind[] = [
  'account.created',
  'account.updated',
  'account.tierChanged',
  'account.practiceTicked',
  'account.practiceUnticked',
  'account.activityLogged',
  'complaint.added',
  'complaint.resolved',
  'settings.accountSettingsUpdated',
  'activity.logged',
  'activity.removed',
  'coachingNote.added',
  'competitor.updated',
  'competitor.removed',
  'contact.updated',
  'deal.memberAdded',
  'deal.memberRemoved',
  'externalAlly.added',
  'externalAlly.updated',
  'externalAlly.removed',
  'nextStep.added',
  'nextStep.updated',
  'nextStep.removed',
  'relationship.added',
  'relationship.removed',
  'settings.thresholdsUpdated',
  'stakeholder.moved',
  'standup.recorded',
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.passwordReset',
  'team.created',
  'team.updated',
];

/** The row as the events table stores it: JSON sides, null where the kind writes none. */
function stored(event: DomainEvent): EventRow {
  const json = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));
  return { kind: event.kind, entity: event.entity, entityId: event.entityId, before: json('before' in event ? event.before : undefined), after: json('after' in event ? event.after : undefined) };
}

function historyRow(row: EventRow): HistoryEvent {
  return { id: 1, at: '2030-03-02T09:00:00.000Z', actorId: 1, actorName: ACTOR, ...row, before: row.before ?? null, after: row.after ?? null };
}

function context(locale: Locale): SentenceContext {
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  return {
    t: translator(locale),
    personName: (id) => PEOPLE.get(id),
    date: (value) => (value ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(value)) : ''),
    money: (amount, currency) => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount),
    list: (items) => list.format(items),
  };
}

/** No i18n key, placeholder or programmer's value left in a sentence. */
function expectReadable(text: string) {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/\b(history|standup|field|stage|stance|threshold|decisionRole|infoPoint|activityKind)\.[A-Za-z_]/);
  expect(text).not.toMatch(/\{\{|\}\}|\$t\(|undefined|null|NaN|\[object/);
}

const names = (id: number | null) => (id === null ? null : (PEOPLE.get(id) ?? null));

describe('every kind of the union', () => {
  it('has exactly one sample, and EVENT_KINDS lists them all', () => {
    expect(EVENT_KINDS.length).toBeGreaterThan(30);
    expect([...EVENT_KINDS].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(EVENT_KINDS)('%s reads back exactly as written', (kind) => {
    const sample = SAMPLES[kind];
    expect(readEvent(stored(sample))).toEqual({ before: {}, after: {}, ...sample });
  });

  describe.each(LOCALES)('on the History tab in %s', (locale) => {
    const ctx = context(locale);
    it.each(EVENT_KINDS)('%s is a sentence of its own, not the fallback', (kind) => {
      const text = describeEvent(historyRow(stored(SAMPLES[kind])), ctx).text;
      expectReadable(text);
      expect(text).not.toBe(ctx.t('history.event.unknown', { actor: ACTOR, kind }));
    });
  });

  it('is either read by the stand-up or listed as left out, never both', () => {
    const read: readonly EventKind[] = STANDUP_EVENT_KINDS;
    expect(read.filter((kind) => NOT_IN_STANDUP.includes(kind))).toEqual([]);
    expect([...read, ...NOT_IN_STANDUP].sort()).toEqual([...EVENT_KINDS].sort());
  });

  describe.each(LOCALES)('in the stand-up in %s', (locale) => {
    const t = translator(locale);
    it.each([...STANDUP_EVENT_KINDS])('%s becomes a change that reads as a sentence', (kind) => {
      const changes = changesOfEvent(readEvent(stored(SAMPLES[kind])), names);
      expect(changes.length, kind).toBeGreaterThan(0);
      for (const change of changes) {
        const text = describeChange(t, change);
        expectReadable(text);
        expect(text).not.toBe(t('standup.change.unknown', { kind: change.kind }));
      }
    });
  });

  it.each(NOT_IN_STANDUP)('%s is left out of the stand-up', (kind) => {
    expect(changesOfEvent(readEvent(stored(SAMPLES[kind])), names)).toEqual([]);
  });
});

describe('readEvent on old and odd rows', () => {
  const row = (kind: string, before: unknown, after: unknown, entityId: number | null = 2): EventRow => ({ kind, entity: kind.split('.')[0]!, entityId, before, after });

  it('reads null, missing and non-document sides as empty', () => {
    for (const side of [null, undefined, 'not json', [1, 2], 42, true]) {
      const event = readEvent(row('deal.updated', side, side));
      expect(event).toMatchObject({ kind: 'deal.updated', before: {}, after: {} });
      for (const locale of LOCALES) expectReadable(describeEvent(historyRow(row('deal.updated', side, side)), context(locale)).text);
      expect(changesOfEvent(event, names)).toEqual([]);
    }
  });

  it('names a stakeholder whose event carries no name from the people list, else as someone removed', () => {
    const known = readEvent(row('stakeholder.removed', {}, null, 1));
    expect(known).toMatchObject({ kind: 'stakeholder.removed', before: {} });
    expect(changesOfEvent(known, names)).toEqual([{ kind: 'stakeholderRemoved', params: { name: 'Wang Jianguo' } }]);
    const en = context('en');
    expect(describeEvent(historyRow(row('stakeholder.removed', {}, null, 1)), en).text).toContain('Wang Jianguo');
    expect(describeEvent(historyRow(row('stakeholder.stanceChanged', { stance: 'neutral' }, { stance: 'ally' }, 404)), en).text).toContain(en.t('history.someoneRemoved'));
  });

  it('reads an unknown kind as the typed fallback, keeping the stored kind', () => {
    for (const kind of ['widget.exploded', '', 'constructor', '__proto__', 'toString']) {
      const event = readEvent(row(kind, { anything: 1 }, { anything: 2 }));
      expect(event).toEqual({ kind: 'unknown', storedKind: kind, entity: kind.split('.')[0], entityId: 2, before: {}, after: {} });
      expect(changesOfEvent(event, names)).toEqual([]);
    }
    expect(describeEvent(historyRow(row('widget.exploded', null, { anything: 1 })), context('zh-CN')).text).toContain('widget.exploded');
  });

  it('leaves out extra and ill-typed fields, and keeps the stored order of the rest', () => {
    const event = readEvent(row('stakeholder.updated', { name: 'Li Na', stance: 'bogus', notes: '' }, { notes: 'Golf', name: 'Li Na', stance: 'ally', secret: 'x', influence: '4', isCoach: 1 }));
    expect(event.kind).toBe('stakeholder.updated');
    expect(event.before).toEqual({ name: 'Li Na', notes: '' });
    expect(event.after).toEqual({ notes: 'Golf', name: 'Li Na', stance: 'ally' });
    expect(Object.keys(event.after)).toEqual(['notes', 'name', 'stance']);
  });

  it('keeps the readable items of a list and a cleared (null) value', () => {
    const activity = readEvent(row('activity.logged', null, { kind: 'demo', stakeholderIds: [1, 'two', null, 2], summary: 'Demo' }));
    expect(activity).toMatchObject({ after: { kind: 'demo', stakeholderIds: [1, 2], summary: 'Demo' } });
    const point = readEvent(row('infoPoint.updated', { point: 3, sourceStakeholderId: 2 }, { point: 3, sourceStakeholderId: null }));
    expect(point).toMatchObject({ before: { point: 3, sourceStakeholderId: 2 }, after: { point: 3, sourceStakeholderId: null } });
  });

  it('drops a threshold it does not know, so no list shows it', () => {
    const event = readEvent(row('threshold.lost', { threshold: 'budget', passed: true }, { threshold: 42, passed: false }, null));
    expect(event).toEqual({ kind: 'threshold.lost', entity: 'threshold', entityId: null, before: { passed: true }, after: { passed: false } });
  });

  it('reads settings whose stage expectations are damaged without the damaged part', () => {
    const event = readEvent(row('settings.thresholdsUpdated', { minAllies: 2, stageExpectations: { information: 'propose' } }, { minAllies: 3, stageExpectations: null }));
    expect(event).toMatchObject({ before: { minAllies: 2 }, after: { minAllies: 3 } });
    expect('stageExpectations' in event.before).toBe(false);
  });
});
