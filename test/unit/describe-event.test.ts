/**
 * The History tab's sentences: every kind the server writes to the event log
 * reads as one plain sentence in English and Simplified Chinese, naming who or
 * what changed — never an i18n key, a placeholder or "undefined".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEvent, groupOf, type HistoryEvent, type SentenceContext } from '../../client/src/features/history/describeEvent';
import type { Locale } from '../../shared/domain';
import { translator } from '../../shared/i18n/translator';

const LOCALES: Locale[] = ['en', 'zh-CN'];
const ACTOR = 'Riley Zhang';
/** Everyone ever on the map, as the server's `people` list gives them; 7 was removed, and only its events remember it. */
const PEOPLE = new Map([
  [1, 'Wang Jianguo'],
  [2, 'Li Na'],
  [3, 'Qian Lei'],
  [7, 'Zhou Yan'],
]);

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

let nextId = 1;
function event(kind: string, parts: { before?: Record<string, unknown>; after?: Record<string, unknown>; entityId?: number | null; actorName?: string | null } = {}): HistoryEvent {
  const { before = null, after = null, entityId = null, actorName = ACTOR } = parts;
  return { id: nextId++, at: '2030-03-02T09:00:00.000Z', kind, entity: kind.split('.')[0]!, entityId, actorId: actorName ? 1 : null, actorName, before, after } as HistoryEvent;
}

/** What a sentence must mention, given the translator of the language it is read in. */
type Expectation = (t: ReturnType<typeof translator>, ctx: SentenceContext) => string[];
interface Case {
  name: string;
  event: HistoryEvent;
  mentions: Expectation;
  /** A second line that must come with the sentence. */
  detail?: string;
  /** The sentence says who made the change (false for the thresholds, which happen to a deal). */
  namesActor?: boolean;
}

const stage = (t: ReturnType<typeof translator>, key: string) => t(`stage.${key}`);
const point = (t: ReturnType<typeof translator>, n: number) => [String(n), t(`infoPoint.${n}.label`)];
const who = (name: string) => ({ name, title: 'CIO' });

const CASES: Case[] = [
  { name: 'a deal opened', event: event('deal.created', { after: { name: 'Core banking refresh', stage: 'qualify' } }), mentions: () => ['Core banking refresh'] },
  { name: 'a stage move', event: event('deal.stageChanged', { before: { stage: 'discover' }, after: { stage: 'propose' } }), mentions: (t) => [stage(t, 'discover'), stage(t, 'propose')] },
  { name: 'a deal won', event: event('deal.stageChanged', { before: { stage: 'commit', status: 'open' }, after: { stage: 'won', status: 'won' } }), mentions: (t) => [stage(t, 'commit'), stage(t, 'won')] },
  {
    name: 'a deal lost to a competitor, with its cause and thresholds at the close',
    event: event('deal.stageChanged', {
      before: { stage: 'negotiate', status: 'open', lossCause: null, closedThresholds: null },
      after: { stage: 'lost', status: 'lost', lossCause: 'competitor', lostTo: 'Acme Core', lossReason: 'Cheaper cloud core', closedThresholds: { information: true, relationships: false, topDecisionMaker: false } },
    }),
    mentions: (t) => [stage(t, 'negotiate'), t('lossCause.competitor'), 'Acme Core', '1'],
    detail: 'Cheaper cloud core',
  },
  {
    name: 'a deal lost for no decision',
    event: event('deal.stageChanged', { before: { stage: 'propose' }, after: { stage: 'lost', lossCause: 'no_decision', lossReason: 'Budget frozen', closedThresholds: { information: false, relationships: false, topDecisionMaker: false } } }),
    mentions: (t) => [stage(t, 'propose'), t('lossCause.no_decision'), '0'],
    detail: 'Budget frozen',
  },
  {
    name: 'a deal won with its thresholds at the close',
    event: event('deal.stageChanged', { before: { stage: 'commit' }, after: { stage: 'won', closedThresholds: { information: true, relationships: true, topDecisionMaker: true } } }),
    mentions: (t) => [stage(t, 'commit'), '3'],
  },
  {
    name: 'a lost deal reopened, its analysis cleared',
    event: event('deal.stageChanged', {
      before: { stage: 'lost', lossCause: 'price', closedThresholds: { information: false, relationships: false, topDecisionMaker: false } },
      after: { stage: 'commit', lossCause: null, lossReason: null, closedThresholds: null },
    }),
    mentions: (t) => [stage(t, 'lost'), stage(t, 'commit')],
  },
  {
    name: 'a close date moved',
    event: event('deal.updated', { before: { closeDate: '2030-06-30' }, after: { closeDate: '2030-09-30' } }),
    mentions: (_t, ctx) => [ctx.date('2030-06-30'), ctx.date('2030-09-30')],
  },
  {
    name: 'an amount changed',
    event: event('deal.updated', { before: { amount: 350_000 }, after: { amount: 420_000 } }),
    mentions: (_t, ctx) => [ctx.money(350_000, 'USD'), ctx.money(420_000, 'USD')],
  },
  { name: 'other deal facts changed', event: event('deal.updated', { before: { name: 'A', ownerId: 3 }, after: { name: 'B', ownerId: 4 } }), mentions: (t) => [t('field.name'), t('field.ownerId')] },
  { name: 'a loss reason', event: event('deal.updated', { before: { lossReason: null }, after: { lossReason: 'Price' } }), mentions: (t) => [t('field.lossReason')] },
  { name: 'a teammate joins', event: event('deal.memberAdded', { entityId: 5, after: { userId: 5, name: 'Sam Patel' } }), mentions: () => ['Sam Patel'] },
  { name: 'a teammate leaves', event: event('deal.memberRemoved', { entityId: 5, before: { userId: 5, name: 'Sam Patel' } }), mentions: () => ['Sam Patel'] },

  {
    name: 'a point confirmed',
    event: event('infoPoint.updated', { before: { point: 4, status: 'partial' }, after: { point: 4, status: 'confirmed', summary: 'Budget approved by the board' } }),
    mentions: (t) => point(t, 4),
    detail: 'Budget approved by the board',
  },
  { name: 'a point partly known', event: event('infoPoint.updated', { before: { point: 2, status: 'unknown' }, after: { point: 2, status: 'partial' } }), mentions: (t) => [...point(t, 2), t('infoStatus.partial'), t('infoStatus.unknown')] },
  { name: 'a point’s source', event: event('infoPoint.updated', { before: { point: 3, sourceStakeholderId: null }, after: { point: 3, sourceStakeholderId: 2 } }), mentions: (t) => [...point(t, 3), 'Li Na'] },
  { name: 'a point’s source removed', event: event('infoPoint.updated', { before: { point: 3, sourceStakeholderId: 2 }, after: { point: 3, sourceStakeholderId: null } }), mentions: (t) => [...point(t, 3), t('field.sourceStakeholderId')] },
  { name: 'a point re-verified', event: event('infoPoint.updated', { before: { point: 5, verifiedAt: '2030-01-01' }, after: { point: 5, verifiedAt: '2030-03-02' } }), mentions: (t) => point(t, 5) },
  { name: 'a point’s summary', event: event('infoPoint.updated', { before: { point: 6, summary: 'Old' }, after: { point: 6, summary: 'New' } }), mentions: (t) => [...point(t, 6), t('field.summary')] },

  { name: 'a next step added', event: event('nextStep.added', { after: { title: 'Send the pilot proposal' } }), mentions: () => ['Send the pilot proposal'] },
  { name: 'a next step done', event: event('nextStep.done', { before: { title: 'Send the pilot proposal', done: false }, after: { title: 'Send the pilot proposal', done: true } }), mentions: () => ['Send the pilot proposal'] },
  { name: 'a next step changed', event: event('nextStep.updated', { before: { title: 'Send the pilot proposal', dueDate: '2030-03-01' }, after: { title: 'Send the pilot proposal', dueDate: '2030-03-09' } }), mentions: () => ['Send the pilot proposal'] },
  { name: 'a next step removed', event: event('nextStep.removed', { before: { title: 'Send the pilot proposal' } }), mentions: () => ['Send the pilot proposal'] },
  { name: 'a competitor added', event: event('competitor.added', { after: { name: 'Temenos', strengths: 'Price' } }), mentions: () => ['Temenos'] },
  { name: 'a competitor updated', event: event('competitor.updated', { before: { name: 'Temenos', favouredByStakeholderIds: [] }, after: { name: 'Temenos', favouredByStakeholderIds: [2] } }), mentions: () => ['Temenos'] },
  { name: 'a competitor removed', event: event('competitor.removed', { before: { name: 'Temenos' } }), mentions: () => ['Temenos'] },
  {
    name: 'a success factor added',
    event: event('successFactor.added', { before: { title: 'Uptime', top: [], ranking: [] }, after: { title: 'Uptime', top: ['Uptime'], ranking: ['Uptime'] } }),
    mentions: () => ['Uptime'],
  },
  { name: 'a success factor removed', event: event('successFactor.removed', { before: { title: 'Uptime', top: ['Uptime'] }, after: { title: 'Uptime', top: [] } }), mentions: () => ['Uptime'] },
  { name: 'a success factor renamed', event: event('successFactor.updated', { before: { title: 'Uptime', previousTitle: 'Up' }, after: { title: 'Uptime', previousTitle: 'Up' } }), mentions: () => ['Up', 'Uptime'] },
  {
    name: 'success factors re-ranked',
    event: event('successFactor.reordered', { before: { top: ['Price', 'Uptime', 'Support'] }, after: { top: ['Uptime', 'Price', 'Support'] } }),
    mentions: () => ['Uptime', 'Price', 'Support'],
  },

  {
    name: 'a meeting with people',
    event: event('activity.logged', { after: { kind: 'meeting', stakeholderIds: [1, 2], summary: 'Walked through the pilot' } }),
    mentions: () => ['Wang Jianguo', 'Li Na'],
    detail: 'Walked through the pilot',
  },
  { name: 'a note alone', event: event('activity.logged', { after: { kind: 'note', stakeholderIds: [], summary: 'Heard the budget moved' } }), mentions: (t) => [t('history.activityNoun.note')], detail: 'Heard the budget moved' },
  { name: 'an activity removed', event: event('activity.removed', { before: { kind: 'executive_meeting', stakeholderIds: [1], summary: 'Dinner' } }), mentions: (t) => [t('history.activityNoun.executive_meeting')], detail: 'Dinner' },
  { name: 'a meeting with someone since removed', event: event('activity.logged', { after: { kind: 'call', stakeholderIds: [99], summary: 'Call' } }), mentions: (t) => [t('history.someoneRemoved')], detail: 'Call' },

  {
    name: 'a person added to the map',
    event: event('stakeholder.added', { entityId: 3, after: { ...who('Qian Lei'), decisionRole: 'evaluator', influence: 3, stance: 'supporter', isCoach: false } }),
    mentions: (t) => ['Qian Lei', t('decisionRole.evaluator'), '3', t('stance.supporter')],
  },
  { name: 'a stance change', event: event('stakeholder.stanceChanged', { entityId: 1, before: { ...who('Wang Jianguo'), stance: 'neutral' }, after: { ...who('Wang Jianguo'), stance: 'ally' } }), mentions: (t) => ['Wang Jianguo', t('stance.neutral'), t('stance.ally')] },
  { name: 'a coach gained', event: event('stakeholder.updated', { entityId: 2, before: { ...who('Li Na'), isCoach: false }, after: { ...who('Li Na'), isCoach: true } }), mentions: () => ['Li Na'] },
  { name: 'a coach lost', event: event('stakeholder.updated', { entityId: 2, before: { ...who('Li Na'), isCoach: true }, after: { ...who('Li Na'), isCoach: false } }), mentions: () => ['Li Na'] },
  { name: 'an influence change', event: event('stakeholder.updated', { entityId: 2, before: { ...who('Li Na'), influence: 2 }, after: { ...who('Li Na'), influence: 4 } }), mentions: () => ['Li Na', '2', '4'] },
  {
    name: 'a role change',
    event: event('stakeholder.updated', { entityId: 2, before: { ...who('Li Na'), decisionRole: 'user' }, after: { ...who('Li Na'), decisionRole: 'decision_maker' } }),
    mentions: (t) => ['Li Na', t('decisionRole.user'), t('decisionRole.decision_maker')],
  },
  {
    name: 'other facts about a person',
    event: event('stakeholder.updated', { entityId: 2, before: { ...who('Li Na'), notes: '', reportsToContactId: null }, after: { ...who('Li Na'), notes: 'Golf', reportsToContactId: 4 } }),
    mentions: (t) => ['Li Na', t('field.notes'), t('field.reportsToContactId')],
  },
  { name: 'a renamed person', event: event('stakeholder.updated', { entityId: 2, before: { name: 'Li N.' }, after: { name: 'Li Na' } }), mentions: (t) => ['Li Na', t('field.name')] },
  { name: 'a card moved', event: event('stakeholder.moved', { entityId: 1, before: { ...who('Wang Jianguo'), positionX: 0, positionY: 0 }, after: { ...who('Wang Jianguo'), positionX: 200, positionY: 40 } }), mentions: () => ['Wang Jianguo'] },
  { name: 'a person taken off the map', event: event('stakeholder.removed', { entityId: 7, before: { ...who('Zhou Yan'), stance: 'skeptic', relationships: [] } }), mentions: () => ['Zhou Yan'] },
  { name: 'a person taken off, named from the people list', event: event('stakeholder.removed', { entityId: 7, before: {} }), mentions: () => ['Zhou Yan'] },
  { name: 'a person nobody remembers', event: event('stakeholder.removed', { entityId: 404, before: {} }), mentions: (t) => [t('history.someoneRemoved')] },
  {
    name: 'a relationship added',
    event: event('relationship.added', { entityId: 9, after: { fromStakeholderId: 3, toStakeholderId: 1, kind: 'influences', strength: 3, fromName: 'Qian Lei', toName: 'Wang Jianguo' } }),
    mentions: (t) => ['Qian Lei', 'Wang Jianguo', t('relationship.influences')],
  },
  {
    name: 'a relationship removed',
    event: event('relationship.removed', { entityId: 9, before: { fromStakeholderId: 2, toStakeholderId: 1, kind: 'rivals', strength: 2, fromName: null, toName: null } }),
    mentions: (t) => ['Li Na', 'Wang Jianguo', t('relationship.rivals')],
  },
  { name: 'a contact record', event: event('contact.updated', { entityId: 11, before: { name: 'Wang Jianguo', phone: '1' }, after: { name: 'Wang Jianguo', phone: '2' } }), mentions: (t) => ['Wang Jianguo', t('field.phone')] },
  {
    name: 'a champion who left the customer',
    event: event('contact.left', { entityId: 11, before: { name: 'Wang Jianguo', leftAt: null }, after: { name: 'Wang Jianguo', leftAt: '2030-02-27', championOf: [1, 2] } }),
    mentions: () => ['Wang Jianguo', '2030'],
  },
  { name: 'a left day corrected', event: event('contact.left', { entityId: 11, before: { name: 'Wang Jianguo', leftAt: '2030-02-20' }, after: { name: 'Wang Jianguo', leftAt: '2030-02-27', championOf: [] } }), mentions: () => ['Wang Jianguo', '2030'] },
  { name: 'a person back at the customer', event: event('contact.returned', { entityId: 11, before: { name: 'Wang Jianguo', leftAt: '2030-02-27' } }), mentions: () => ['Wang Jianguo', '2030'] },
  { name: 'an external ally added', event: event('externalAlly.added', { after: { name: 'Accenture', accountId: 1, accountName: 'Bank' } }), mentions: () => ['Accenture'] },
  { name: 'an external ally updated', event: event('externalAlly.updated', { before: { name: 'Accenture', contribution: '' }, after: { name: 'Accenture', contribution: 'Intro to CFO' } }), mentions: () => ['Accenture'] },
  { name: 'an external ally removed', event: event('externalAlly.removed', { before: { name: 'Accenture' } }), mentions: () => ['Accenture'] },
  { name: 'a coaching note', event: event('coachingNote.added', { after: { body: 'Get in front of the CFO before the board' } }), mentions: () => [ACTOR], detail: 'Get in front of the CFO before the board' },

  { name: 'a threshold crossed', event: event('threshold.crossed', { before: { threshold: 'relationships', passed: false }, after: { threshold: 'relationships', passed: true } }), mentions: (t) => [t('threshold.relationships')], namesActor: false },
  { name: 'a threshold lost', event: event('threshold.lost', { before: { threshold: 'information', passed: true }, after: { threshold: 'information', passed: false } }), mentions: (t) => [t('threshold.information')], namesActor: false },
  {
    name: 'a threshold lost to time alone, by the hourly sweep (no actor)',
    event: event('threshold.lost', { actorName: null, before: { threshold: 'topDecisionMaker', passed: true }, after: { threshold: 'topDecisionMaker', passed: false } }),
    mentions: (t) => [t('threshold.topDecisionMaker')],
    namesActor: false,
  },
  { name: 'a threshold crossed by nobody', event: event('threshold.crossed', { actorName: null, after: { threshold: 'information', passed: true } }), mentions: (t) => [t('threshold.information')], namesActor: false },
  { name: 'threshold settings', event: event('settings.thresholdsUpdated', { before: { minAllies: 1 }, after: { minAllies: 2 } }), mentions: () => [ACTOR] },

  { name: 'a user added', event: event('user.created', { entityId: 5, after: { name: 'Sam Patel', email: 'sam@demo.test', role: 'rep' } }), mentions: (t) => ['Sam Patel', t('role.rep')] },
  { name: 'a user’s role', event: event('user.updated', { entityId: 5, before: { name: 'Sam Patel', role: 'rep' }, after: { name: 'Sam Patel', role: 'manager' } }), mentions: (t) => ['Sam Patel', t('role.rep'), t('role.manager')] },
  { name: 'a user’s language', event: event('user.updated', { entityId: 5, before: { name: 'Sam Patel', locale: 'en' }, after: { name: 'Sam Patel', locale: 'zh-CN' } }), mentions: (t) => ['Sam Patel', t('field.locale')] },
  { name: 'a user deactivated', event: event('user.deactivated', { entityId: 5, before: { name: 'Sam Patel', active: true }, after: { name: 'Sam Patel', active: false } }), mentions: () => ['Sam Patel'] },
  { name: 'a user reactivated', event: event('user.reactivated', { entityId: 5, before: { name: 'Sam Patel', active: false }, after: { name: 'Sam Patel', active: true } }), mentions: () => ['Sam Patel'] },
  { name: 'a user moved to another team', event: event('user.updated', { entityId: 5, before: { name: 'Sam Patel', teamId: 1 }, after: { name: 'Sam Patel', teamId: 2 } }), mentions: (t) => ['Sam Patel', t('field.teamId')] },
  { name: 'a team created', event: event('team.created', { entityId: 2, after: { name: 'Key Accounts — West' } }), mentions: () => ['Key Accounts — West'] },
  { name: 'a team renamed', event: event('team.updated', { entityId: 2, before: { name: 'West' }, after: { name: 'Key Accounts — West' } }), mentions: () => ['West', 'Key Accounts — West'] },
  { name: 'a team’s managers', event: event('team.updated', { entityId: 2, before: { name: 'West', managers: [] }, after: { name: 'West', managers: ['Morgan Lee', 'Sam Patel'] } }), mentions: () => ['West', 'Morgan Lee', 'Sam Patel'] },
  { name: 'a password reset', event: event('user.passwordReset', { entityId: 5, after: { name: 'Sam Patel', sessionsEnded: 2 } }), mentions: () => ['Sam Patel'] },
  { name: 'a stand-up held', event: event('standup.recorded', { after: { id: 1, at: '2030-03-02T09:00:00.000Z', recordedBy: 1 } }), mentions: () => [ACTOR] },
  { name: 'an account created', event: event('account.created', { after: { name: 'Harbour Bank', tier: 'A' } }), mentions: () => ['Harbour Bank'] },
  // The account level (SPEC §11).
  { name: 'an account’s facts changed', event: event('account.updated', { entityId: 1, before: { name: 'Harbour Bank', productFit: null }, after: { name: 'Harbour Bank', productFit: 4 } }), mentions: (t) => ['Harbour Bank', t('field.productFit')] },
  { name: 'a tier changed, with why', event: event('account.tierChanged', { entityId: 1, before: { name: 'Harbour Bank', tier: 'B' }, after: { name: 'Harbour Bank', tier: 'A', reason: 'Third order this year' } }), mentions: () => ['Harbour Bank', 'Third order this year'] },
  { name: 'a practice ticked', event: event('account.practiceTicked', { entityId: 1, after: { practice: 'regular_exec_meetings', phase: 'stabilize' } }), mentions: (t) => [t('accountPractice.regular_exec_meetings')] },
  { name: 'a practice unticked', event: event('account.practiceUnticked', { entityId: 1, before: { practice: 'joint_plan', phase: 'strengthen' } }), mentions: (t) => [t('accountPractice.joint_plan')] },
  { name: 'an account activity', event: event('account.activityLogged', { entityId: 2, after: { kind: 'executive_meeting', summary: 'Annual review with the CEO', contactIds: [1] } }), mentions: () => [], detail: 'Annual review with the CEO' },
  { name: 'a complaint recorded', event: event('complaint.added', { entityId: 3, after: { accountId: 1, summary: 'Late delivery', severity: 'high', openedAt: '2030-03-01T09:00:00.000Z', resolution: null, resolvedAt: null } }), mentions: (t) => [t('complaintSeverity.high')], detail: 'Late delivery' },
  { name: 'a complaint resolved', event: event('complaint.resolved', { entityId: 3, before: { resolution: null }, after: { resolution: 'Shipped by air', resolvedAt: '2030-03-04T09:00:00.000Z' } }), mentions: () => [], detail: 'Shipped by air' },
  { name: 'the account settings changed', event: event('settings.accountSettingsUpdated', { entityId: 1, before: {}, after: {} }), mentions: () => [ACTOR] },
];

/** A sentence a person can read: no key, no placeholder, no programmer's value. */
function expectReadable(text: string) {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/\b(history|standup|field|stage|stance|threshold|decisionRole|infoPoint)\.[A-Za-z_]/);
  expect(text).not.toMatch(/\{\{|\}\}|\$t\(|undefined|null|NaN|\[object/);
  // A raw field name (reportsToContactId) is a key that found no label.
  expect(text).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
}

describe.each(LOCALES)('the History tab’s sentences in %s', (locale) => {
  const ctx = context(locale);
  const t = ctx.t as ReturnType<typeof translator>;

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const sentence = describeEvent(c.event, ctx);
    expectReadable(sentence.text);
    for (const mention of c.mentions(t, ctx)) expect(sentence.text, `${c.event.kind}: ${sentence.text}`).toContain(mention);
    if (c.namesActor !== false) expect(sentence.text).toContain(c.event.actorName ?? t('history.someone'));
    if (c.detail) expect(sentence.detail).toBe(c.detail);
  });

  it('says “someone” when the person who made a change is gone', () => {
    const sentence = describeEvent(event('nextStep.added', { actorName: null, after: { title: 'Book the demo' } }), ctx);
    expectReadable(sentence.text);
    expect(sentence.text).toContain(t('history.someone'));
    expect(sentence.text).toContain('Book the demo');
  });

  it('still says something for a kind it does not know, naming the kind', () => {
    const sentence = describeEvent(event('widget.exploded', { after: { anything: 1 } }), ctx);
    expect(sentence.text).toContain('widget.exploded');
    expect(sentence.text).toContain(ACTOR);
    expect(sentence.text).not.toMatch(/\{\{|undefined|null|history\./);
  });

  it('reads a row whose before/after is not a document (a damaged row) without throwing', () => {
    for (const kind of ['stakeholder.updated', 'infoPoint.updated', 'activity.logged', 'relationship.removed', 'deal.updated']) {
      const sentence = describeEvent({ ...event(kind), before: 'not json' as never, after: [1, 2] as never }, ctx);
      expect(sentence.text, kind).not.toMatch(/\{\{|undefined|null|NaN|history\./);
    }
  });

  it('the two languages say different things (Chinese is really Chinese)', () => {
    const en = describeEvent(CASES[1]!.event, context('en')).text;
    const zh = describeEvent(CASES[1]!.event, context('zh-CN')).text;
    expect(zh).not.toBe(en);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('every kind the server writes has a sentence', () => {
  /** The event kinds named in the services and the seed: the log's whole vocabulary. */
  function writtenKinds(): string[] {
    const root = join(import.meta.dirname, '../..');
    const files = [...readdirSync(join(root, 'server/services')).map((f) => join(root, 'server/services', f)), join(root, 'server/db/seed.ts')].filter((f) => f.endsWith('.ts'));
    const families = 'deal|infoPoint|nextStep|competitor|successFactor|activity|stakeholder|relationship|contact|externalAlly|coachingNote|threshold|settings|user|standup|account|complaint';
    const pattern = new RegExp(`'((?:${families})\\.[A-Za-z]+)'`, 'g');
    const kinds = new Set<string>();
    for (const file of files) for (const match of readFileSync(file, 'utf8').matchAll(pattern)) kinds.add(match[1]!);
    return [...kinds].sort();
  }

  it('finds the kinds (a sanity check on the scan itself)', () => {
    expect(writtenKinds()).toEqual(expect.arrayContaining(['deal.created', 'stakeholder.stanceChanged', 'threshold.lost', 'user.passwordReset', 'standup.recorded']));
  });

  it.each(writtenKinds())('%s is covered here and not left to the fallback', (kind) => {
    expect(CASES.some((c) => c.event.kind === kind)).toBe(true);
    const fallback = translator('en')('history.event.unknown', { actor: ACTOR, kind });
    const sample = CASES.find((c) => c.event.kind === kind)!;
    expect(describeEvent(sample.event, context('en')).text).not.toBe(fallback);
  });
});

describe('groupOf', () => {
  it('files each family under the filter a rep would pick', () => {
    expect(groupOf('deal.stageChanged')).toBe('deal');
    expect(groupOf('infoPoint.updated')).toBe('information');
    expect(groupOf('relationship.added')).toBe('people');
    expect(groupOf('coachingNote.added')).toBe('activity');
    expect(groupOf('threshold.lost')).toBe('thresholds');
    expect(groupOf('user.created')).toBeUndefined();
  });
});
