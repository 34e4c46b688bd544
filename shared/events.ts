/**
 * The event log's vocabulary, in one place: every kind the app writes and the
 * payload it carries, as one discriminated union. `recordEvent` accepts only
 * `DomainEvent`; the readers (history sentences, stand-up changes, later
 * webhooks) take `readEvent(row)` and switch on `kind` exhaustively, so a new
 * kind does not compile until each of them says what it means.
 *
 * Stored rows keep their shape (kind, entity, entity_id, before, after as JSON).
 * A payload names the fields its readers rely on; a record written whole (an
 * added or removed item) may carry more, which the readers ignore.
 */
import type { z } from 'zod';
import {
  ACCOUNT_PHASES,
  ACCOUNT_PRACTICES,
  COMPLAINT_SEVERITIES,
  SCORECARD_INDICATORS,
  type AccountPhase,
  type AccountPractice,
  type AccountSettings,
  type ComplaintSeverity,
  type ScorecardIndicator,
} from './accounts';
import {
  ACCOUNT_TIERS,
  ACTIVITY_KINDS,
  CURRENCIES,
  DEAL_STATUSES,
  DECISION_ROLES,
  INFO_POINT_STATUSES,
  LEVELS,
  LOCALES,
  LOSS_CAUSES,
  OPEN_STAGES,
  RELATIONSHIP_KINDS,
  ROLES,
  STAGES,
  STANCES,
  RISK_FLAG_CODES,
  THRESHOLD_KEYS,
  type ActivityKind,
  type Currency,
  type DealStatus,
  type DecisionRole,
  type Locale,
  type RelationshipKind,
  type RiskFlagCode,
  type Role,
  type Stage,
  type Stance,
  type ThresholdKey,
} from './domain';
import { fields, flag, listOf, num, oneOf, orNull, text, whole, type Read, type Spec } from './eventFields';
import type { TAccountUpdate } from './schemas/account';
import type { TContactPatch } from './schemas/contact';
import type { TDealUpdate } from './schemas/deal';
import type { TExternalAllyUpdate } from './schemas/externalAlly';
import type { TInfoPointUpdate, ZCompetitorUpdateSchema, ZNextStepUpdateSchema } from './schemas/infoPoint';
import type { TStakeholderUpdate } from './schemas/stakeholder';
import type { TUserUpdate } from './schemas/user';
import type { ThresholdSettings } from './settings';

/** What changed: each field as it was (before) or became (after); null is an empty value. */
type Diff<T> = { [K in keyof T]?: Exclude<T[K], undefined> | null };
type Editable<T> = Omit<T, 'id' | 'version'>;

export type DealOpened = { name: string; stage: Stage };
/** A close (won or lost) also records the thresholds crossed at that moment; reopening clears them with the loss analysis. */
export type DealChange = Diff<Editable<TDealUpdate> & { status: DealStatus; closedThresholds: Record<ThresholdKey, boolean> }>;
export type DealMember = { userId: number; name: string };
export type AccountOpened = { name: string };
/** The facts that changed (SPEC §11), with the account's name on both sides; a tier change carries its reason on the after side. */
export type AccountChange = Diff<Omit<TAccountUpdate, 'id' | 'version' | 'reason'>> & { name: string };
export type AccountTierChange = AccountChange & { reason?: string };
/** A practice of the phase checklist ticked or unticked. */
export type AccountPracticeRecord = { practice: AccountPractice; phase: AccountPhase };
/** An activity with the account's contacts, not on a deal (SPEC §11). */
export type AccountActivityRecord = { kind: ActivityKind; summary: string; contactIds: number[] };
export type ComplaintRecord = { accountId: number; summary: string; severity: ComplaintSeverity; openedAt: string; resolution: string | null; resolvedAt: string | null };
export type ActivityRecord = { kind: ActivityKind; summary: string; stakeholderIds: number[] };
export type CoachingNoteRecord = { body: string };
type CompetitorFields = Diff<Editable<z.infer<typeof ZCompetitorUpdateSchema>>>;
export type CompetitorRecord = CompetitorFields & { name: string };
export type ContactChange = Diff<TContactPatch> & { name: string };
/** A person left the customer (SPEC §10): `championOf` lists the open deals where they were a coach or an ally then. */
export type ContactLeft = { name: string; leftAt: string; championOf: number[] };
/** Before leaving: `leftAt` null while they were there, a day when only the day is corrected. */
export type ContactLeftBefore = { name: string; leftAt: string | null };
export type ContactReturned = { name: string; leftAt: string };
type AllyFields = Diff<Editable<TExternalAllyUpdate>>;
/** A risk flag's snooze (SPEC §10); a first snooze's `before` names only the code. */
export type FlagSnoozeRecord = { code: RiskFlagCode; until: string; reason: string };
export type FlagSnoozeBefore = Pick<FlagSnoozeRecord, 'code'> & Partial<FlagSnoozeRecord>;
export type ExternalAllyRecord = AllyFields & { name: string; accountId: number; accountName: string };
export type InfoPointChange = Diff<Pick<TInfoPointUpdate, 'status' | 'summary' | 'sourceStakeholderId' | 'verifiedAt'>> & { point: number };
type NextStepFields = Diff<Editable<z.infer<typeof ZNextStepUpdateSchema>>>;
export type NextStepRecord = NextStepFields & { title: string };
export type RelationshipRecord = { fromStakeholderId: number; toStakeholderId: number; kind: RelationshipKind; strength: number; fromName: string | null; toName: string | null };
type StakeholderFields = Diff<Omit<TStakeholderUpdate, 'id' | 'version' | 'contactVersion'>>;
/** A person on the map: who they are on both sides, and the fields that changed. */
export type StakeholderChange = StakeholderFields & { stakeholderId: number; name: string };
export type StakeholderRecord = { name: string; decisionRole: DecisionRole; influence: number; stance: Stance; isCoach: boolean };
export type StakeholderAdded = StakeholderRecord & { contactCreated: boolean };
export type StakeholderRemoved = StakeholderRecord & {
  relationships: { fromStakeholderId: number; toStakeholderId: number; kind: RelationshipKind }[];
  sourceOfInfoPoints: number[];
  favoursCompetitorIds: number[];
};
export type StandupRecord = { heldAt: string; recordedBy: number };
/** The ranking before and after; `title` names the factor added, removed or renamed (none on a reorder). */
export type SuccessFactorRanking = { top: string[]; ranking: string[]; title?: string; previousTitle?: string };
export type ThresholdFlag = { threshold: ThresholdKey; passed: boolean };
export type UserCreated = { name: string; email: string; role: Role; locale: Locale; active: boolean };
export type UserChange = Diff<Editable<TUserUpdate>> & { name: string };
export type PasswordReset = { name: string; sessionsEnded: number };
export type TeamCreated = { name: string };
/** A team renamed or given other managers: `name` on both sides; `managers` (names, sorted) only when they changed. */
export type TeamChange = { name: string; managers?: string[] };

/** Every kind, its entity and its payload. A side a kind never writes is absent. */
interface EventPayloads {
  'account.created': { entity: 'account'; after: AccountOpened };
  'account.updated': { entity: 'account'; before: AccountChange; after: AccountChange };
  /** A tier change (with any other facts changed in the same write): its `after` carries the reason — the tier history. */
  'account.tierChanged': { entity: 'account'; before: AccountChange; after: AccountTierChange };
  'account.practiceTicked': { entity: 'accountPractice'; after: AccountPracticeRecord };
  'account.practiceUnticked': { entity: 'accountPractice'; before: AccountPracticeRecord };
  'account.activityLogged': { entity: 'accountActivity'; after: AccountActivityRecord };
  'complaint.added': { entity: 'complaint'; after: ComplaintRecord };
  'complaint.resolved': { entity: 'complaint'; before: ComplaintRecord; after: ComplaintRecord };
  'settings.accountSettingsUpdated': { entity: 'teamSettings'; before: AccountSettings; after: AccountSettings };
  'activity.logged': { entity: 'activity'; after: ActivityRecord };
  'activity.removed': { entity: 'activity'; before: ActivityRecord };
  'coachingNote.added': { entity: 'coachingNote'; after: CoachingNoteRecord };
  'competitor.added': { entity: 'competitor'; after: CompetitorRecord };
  'competitor.updated': { entity: 'competitor'; before: CompetitorRecord; after: CompetitorRecord };
  'competitor.removed': { entity: 'competitor'; before: CompetitorRecord };
  'contact.updated': { entity: 'contact'; before: ContactChange; after: ContactChange };
  'contact.left': { entity: 'contact'; before: ContactLeftBefore; after: ContactLeft };
  'contact.returned': { entity: 'contact'; before: ContactReturned };
  'deal.created': { entity: 'deal'; after: DealOpened };
  'deal.stageChanged': { entity: 'deal'; before: DealChange; after: DealChange };
  'deal.updated': { entity: 'deal'; before: DealChange; after: DealChange };
  'deal.memberAdded': { entity: 'dealMember'; after: DealMember };
  'deal.memberRemoved': { entity: 'dealMember'; before: DealMember };
  'externalAlly.added': { entity: 'externalAlly'; after: ExternalAllyRecord };
  'flag.snoozed': { entity: 'flag'; before: FlagSnoozeBefore; after: FlagSnoozeRecord };
  'flag.unsnoozed': { entity: 'flag'; before: FlagSnoozeRecord };
  /** The health sweep ending an expired snooze, by nobody. */
  'flag.woke': { entity: 'flag'; before: FlagSnoozeRecord };
  'externalAlly.updated': { entity: 'externalAlly'; before: ExternalAllyRecord; after: ExternalAllyRecord };
  'externalAlly.removed': { entity: 'externalAlly'; before: ExternalAllyRecord };
  'infoPoint.updated': { entity: 'infoPoint'; before: InfoPointChange; after: InfoPointChange };
  'nextStep.added': { entity: 'nextStep'; after: NextStepRecord };
  'nextStep.updated': { entity: 'nextStep'; before: NextStepRecord; after: NextStepRecord };
  'nextStep.done': { entity: 'nextStep'; before: NextStepRecord; after: NextStepRecord };
  'nextStep.removed': { entity: 'nextStep'; before: NextStepRecord };
  'relationship.added': { entity: 'relationship'; after: RelationshipRecord };
  'relationship.removed': { entity: 'relationship'; before: RelationshipRecord };
  'settings.thresholdsUpdated': { entity: 'teamSettings'; before: ThresholdSettings; after: ThresholdSettings };
  'stakeholder.added': { entity: 'stakeholder'; after: StakeholderAdded };
  'stakeholder.updated': { entity: 'stakeholder'; before: StakeholderChange; after: StakeholderChange };
  'stakeholder.stanceChanged': { entity: 'stakeholder'; before: StakeholderChange; after: StakeholderChange };
  /** Dragging a card: housekeeping, kept out of the stand-up and (unless asked) the history. */
  'stakeholder.moved': { entity: 'stakeholder'; before: StakeholderChange; after: StakeholderChange };
  'stakeholder.removed': { entity: 'stakeholder'; before: StakeholderRemoved };
  'standup.recorded': { entity: 'standup'; after: StandupRecord };
  'successFactor.added': { entity: 'successFactor'; before: SuccessFactorRanking; after: SuccessFactorRanking };
  'successFactor.updated': { entity: 'successFactor'; before: SuccessFactorRanking; after: SuccessFactorRanking };
  'successFactor.removed': { entity: 'successFactor'; before: SuccessFactorRanking; after: SuccessFactorRanking };
  'successFactor.reordered': { entity: 'successFactor'; before: SuccessFactorRanking; after: SuccessFactorRanking };
  'team.created': { entity: 'team'; after: TeamCreated };
  'team.updated': { entity: 'team'; before: TeamChange; after: TeamChange };
  'threshold.crossed': { entity: 'threshold'; before: ThresholdFlag; after: ThresholdFlag };
  'threshold.lost': { entity: 'threshold'; before: ThresholdFlag; after: ThresholdFlag };
  'user.created': { entity: 'user'; after: UserCreated };
  'user.updated': { entity: 'user'; before: UserChange; after: UserChange };
  'user.deactivated': { entity: 'user'; before: UserChange; after: UserChange };
  'user.reactivated': { entity: 'user'; before: UserChange; after: UserChange };
  'user.passwordReset': { entity: 'user'; after: PasswordReset };
}

export type EventKind = keyof EventPayloads;
type FamilyOf<K> = K extends `${infer F}.${string}` ? F : never;
/** The part of a kind before the dot ("stakeholder"): what the History tab's filters group. */
export type EventFamily = FamilyOf<EventKind>;

/** One event as the app writes it. */
export type DomainEvent = { [K in EventKind]: { kind: K; entityId: number | null } & EventPayloads[K] }[EventKind];

type Before<K extends EventKind> = EventPayloads[K] extends { before: infer B } ? B : null;
type After<K extends EventKind> = EventPayloads[K] extends { after: infer A } ? A : null;
/** A stored side: any field may be missing from an old or odd row; a side the kind never writes is empty. */
type Stored<T> = [T] extends [null] ? Record<never, never> : Partial<T>;

/** One event as a reader sees it: the kind's payload, every field optional. */
export type StoredEvent = { [K in EventKind]: { kind: K; entity: EventPayloads[K]['entity']; entityId: number | null; before: Stored<Before<K>>; after: Stored<After<K>> } }[EventKind];
/** A kind this build does not know (a newer server, a retired kind): readers still say something. */
export interface UnknownEvent {
  kind: 'unknown';
  storedKind: string;
  entity: string;
  entityId: number | null;
  before: Record<never, never>;
  after: Record<never, never>;
}
export type ReadEvent = StoredEvent | UnknownEvent;

/** A row of the `events` table, as stored (or as the API carries it, where a null side may be left out). */
export interface EventRow {
  kind: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

// Readers for each payload, checked field by field against the types above.
const nullableText = orNull(text);
const nullableId = orNull(num);
const ids = listOf(num);
const titles = listOf(text);
const dealOpened: Spec<DealOpened> = { name: text, stage: oneOf(STAGES) };
const dealChange: Spec<DealChange> = {
  name: nullableText,
  amount: orNull(num),
  currency: orNull(oneOf(CURRENCIES)),
  stage: orNull(oneOf(STAGES)),
  status: orNull(oneOf(DEAL_STATUSES)),
  closeDate: nullableText,
  ownerId: nullableId,
  lossReason: nullableText,
  lossCause: orNull(oneOf(LOSS_CAUSES)),
  lostTo: nullableText,
  closedThresholds: orNull(whole({ information: flag, relationships: flag, topDecisionMaker: flag })),
};
const dealMember: Spec<DealMember> = { userId: num, name: text };
const activityRecord: Spec<ActivityRecord> = { kind: oneOf(ACTIVITY_KINDS), summary: text, stakeholderIds: ids };
const competitorRecord: Spec<CompetitorRecord> = { name: text, strengths: nullableText, weaknesses: nullableText, favouredByStakeholderIds: orNull(ids) };
const contactFields = { title: nullableText, department: nullableText, level: orNull(oneOf(LEVELS)), reportsToContactId: nullableId, email: nullableText, phone: nullableText };
const contactChange: Spec<ContactChange> = { name: text, ...contactFields };
const allyRecord: Spec<ExternalAllyRecord> = { name: text, accountId: num, accountName: text, offering: nullableText, contribution: nullableText, contactName: nullableText, contactInfo: nullableText };
const flagSnooze: Spec<FlagSnoozeRecord> = { code: oneOf(RISK_FLAG_CODES), until: text, reason: text };
const infoPointChange: Spec<InfoPointChange> = { point: num, status: orNull(oneOf(INFO_POINT_STATUSES)), summary: nullableText, sourceStakeholderId: nullableId, verifiedAt: nullableText };
const nextStepRecord: Spec<NextStepRecord> = { title: text, owner: nullableText, dueDate: nullableText, done: orNull(flag) };
const relationshipRecord: Spec<RelationshipRecord> = { fromStakeholderId: num, toStakeholderId: num, kind: oneOf(RELATIONSHIP_KINDS), strength: num, fromName: nullableText, toName: nullableText };
const stageOfThreshold = oneOf(OPEN_STAGES);
const settings: Spec<ThresholdSettings> = {
  minConfirmed: num,
  requiredPoints: ids,
  staleDays: num,
  keyInfluence: num,
  minCoaches: num,
  minAllies: num,
  minCoverage: num,
  contactDays: num,
  coachSilentDays: num,
  stageExpectations: whole({ information: stageOfThreshold, relationships: stageOfThreshold, topDecisionMaker: stageOfThreshold }),
};
const rating = orNull(num);
const accountChange: Spec<AccountChange> = {
  name: text,
  industry: nullableText,
  tier: orNull(oneOf(ACCOUNT_TIERS)),
  phase: orNull(oneOf(ACCOUNT_PHASES)),
  ownerId: nullableId,
  strategicValue: rating,
  creditStanding: rating,
  productFit: rating,
  centralPurchasing: orNull(flag),
};
const accountPractice: Spec<AccountPracticeRecord> = { practice: oneOf(ACCOUNT_PRACTICES), phase: oneOf(ACCOUNT_PHASES) };
const complaintRecord: Spec<ComplaintRecord> = { accountId: num, summary: text, severity: oneOf(COMPLAINT_SEVERITIES), openedAt: text, resolution: nullableText, resolvedAt: nullableText };
const indicatorWeights = whole(Object.fromEntries(SCORECARD_INDICATORS.map((key) => [key, num])) as Spec<Record<ScorecardIndicator, number>>);
const rates: Read<Partial<Record<Currency, number>>> = (value) =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter(([key, rate]) => CURRENCIES.includes(key as Currency) && num(rate) !== undefined))
    : undefined;
const accountSettings: Spec<AccountSettings> = {
  weights: indicatorWeights,
  tierCutoffs: whole({ A: num, B: num }),
  repeatWindowMonths: num,
  silentDays: num,
  complaintDays: num,
  execMeetingDays: num,
  baseCurrency: oneOf(CURRENCIES),
  exchangeRates: rates,
};
const stakeholderRecord: Spec<StakeholderRecord> = { name: text, decisionRole: oneOf(DECISION_ROLES), influence: num, stance: oneOf(STANCES), isCoach: flag };
const stakeholderChange: Spec<StakeholderChange> = {
  ...contactFields,
  stakeholderId: num,
  name: text,
  decisionRole: orNull(oneOf(DECISION_ROLES)),
  influence: orNull(num),
  stance: orNull(oneOf(STANCES)),
  isCoach: orNull(flag),
  explicitNeeds: nullableText,
  implicitNeeds: nullableText,
  notes: nullableText,
  positionX: orNull(num),
  positionY: orNull(num),
};
const edge = whole({ fromStakeholderId: num, toStakeholderId: num, kind: oneOf(RELATIONSHIP_KINDS) });
const stakeholderRemoved: Spec<StakeholderRemoved> = { ...stakeholderRecord, relationships: listOf(edge), sourceOfInfoPoints: ids, favoursCompetitorIds: ids };
const ranking: Spec<SuccessFactorRanking> = { top: titles, ranking: titles, title: text, previousTitle: text };
const thresholdFlag: Spec<ThresholdFlag> = { threshold: oneOf(THRESHOLD_KEYS), passed: flag };
const userChange: Spec<UserChange> = { name: text, role: orNull(oneOf(ROLES)), active: orNull(flag), locale: orNull(oneOf(LOCALES)), teamId: nullableId };
const teamChange: Spec<TeamChange> = { name: text, managers: titles };

type Reader<K extends EventKind> = (row: EventRow) => Extract<StoredEvent, { kind: K }>;
const empty: Record<never, never> = {};

function both<K extends EventKind>(kind: K, entity: EventPayloads[K]['entity'], before: Spec<Before<K>>, after: Spec<After<K>>) {
  return (row: EventRow) => ({ kind, entity, entityId: row.entityId, before: fields(row.before, before), after: fields(row.after, after) });
}
function afterOnly<K extends EventKind>(kind: K, entity: EventPayloads[K]['entity'], after: Spec<After<K>>) {
  return (row: EventRow) => ({ kind, entity, entityId: row.entityId, before: empty, after: fields(row.after, after) });
}
function beforeOnly<K extends EventKind>(kind: K, entity: EventPayloads[K]['entity'], before: Spec<Before<K>>) {
  return (row: EventRow) => ({ kind, entity, entityId: row.entityId, before: fields(row.before, before), after: empty });
}

/** The reader of each kind: the compiler checks each against the kind's payload. */
const READERS: { [K in EventKind]: Reader<K> } = {
  'account.created': afterOnly('account.created', 'account', { name: text }),
  'account.updated': both('account.updated', 'account', accountChange, accountChange),
  'account.tierChanged': both('account.tierChanged', 'account', accountChange, { ...accountChange, reason: text }),
  'account.practiceTicked': afterOnly('account.practiceTicked', 'accountPractice', accountPractice),
  'account.practiceUnticked': beforeOnly('account.practiceUnticked', 'accountPractice', accountPractice),
  'account.activityLogged': afterOnly('account.activityLogged', 'accountActivity', { kind: oneOf(ACTIVITY_KINDS), summary: text, contactIds: ids }),
  'complaint.added': afterOnly('complaint.added', 'complaint', complaintRecord),
  'complaint.resolved': both('complaint.resolved', 'complaint', complaintRecord, complaintRecord),
  'settings.accountSettingsUpdated': both('settings.accountSettingsUpdated', 'teamSettings', accountSettings, accountSettings),
  'activity.logged': afterOnly('activity.logged', 'activity', activityRecord),
  'activity.removed': beforeOnly('activity.removed', 'activity', activityRecord),
  'coachingNote.added': afterOnly('coachingNote.added', 'coachingNote', { body: text }),
  'competitor.added': afterOnly('competitor.added', 'competitor', competitorRecord),
  'competitor.updated': both('competitor.updated', 'competitor', competitorRecord, competitorRecord),
  'competitor.removed': beforeOnly('competitor.removed', 'competitor', competitorRecord),
  'contact.updated': both('contact.updated', 'contact', contactChange, contactChange),
  'contact.left': both('contact.left', 'contact', { name: text, leftAt: nullableText }, { name: text, leftAt: text, championOf: ids }),
  'contact.returned': beforeOnly('contact.returned', 'contact', { name: text, leftAt: text }),
  'deal.created': afterOnly('deal.created', 'deal', dealOpened),
  'deal.stageChanged': both('deal.stageChanged', 'deal', dealChange, dealChange),
  'deal.updated': both('deal.updated', 'deal', dealChange, dealChange),
  'deal.memberAdded': afterOnly('deal.memberAdded', 'dealMember', dealMember),
  'deal.memberRemoved': beforeOnly('deal.memberRemoved', 'dealMember', dealMember),
  'externalAlly.added': afterOnly('externalAlly.added', 'externalAlly', allyRecord),
  'externalAlly.updated': both('externalAlly.updated', 'externalAlly', allyRecord, allyRecord),
  'externalAlly.removed': beforeOnly('externalAlly.removed', 'externalAlly', allyRecord),
  'flag.snoozed': both('flag.snoozed', 'flag', flagSnooze, flagSnooze),
  'flag.unsnoozed': beforeOnly('flag.unsnoozed', 'flag', flagSnooze),
  'flag.woke': beforeOnly('flag.woke', 'flag', flagSnooze),
  'infoPoint.updated': both('infoPoint.updated', 'infoPoint', infoPointChange, infoPointChange),
  'nextStep.added': afterOnly('nextStep.added', 'nextStep', nextStepRecord),
  'nextStep.updated': both('nextStep.updated', 'nextStep', nextStepRecord, nextStepRecord),
  'nextStep.done': both('nextStep.done', 'nextStep', nextStepRecord, nextStepRecord),
  'nextStep.removed': beforeOnly('nextStep.removed', 'nextStep', nextStepRecord),
  'relationship.added': afterOnly('relationship.added', 'relationship', relationshipRecord),
  'relationship.removed': beforeOnly('relationship.removed', 'relationship', relationshipRecord),
  'settings.thresholdsUpdated': both('settings.thresholdsUpdated', 'teamSettings', settings, settings),
  'stakeholder.added': afterOnly('stakeholder.added', 'stakeholder', { ...stakeholderRecord, contactCreated: flag }),
  'stakeholder.updated': both('stakeholder.updated', 'stakeholder', stakeholderChange, stakeholderChange),
  'stakeholder.stanceChanged': both('stakeholder.stanceChanged', 'stakeholder', stakeholderChange, stakeholderChange),
  'stakeholder.moved': both('stakeholder.moved', 'stakeholder', stakeholderChange, stakeholderChange),
  'stakeholder.removed': beforeOnly('stakeholder.removed', 'stakeholder', stakeholderRemoved),
  'standup.recorded': afterOnly('standup.recorded', 'standup', { heldAt: text, recordedBy: num }),
  'successFactor.added': both('successFactor.added', 'successFactor', ranking, ranking),
  'successFactor.updated': both('successFactor.updated', 'successFactor', ranking, ranking),
  'successFactor.removed': both('successFactor.removed', 'successFactor', ranking, ranking),
  'successFactor.reordered': both('successFactor.reordered', 'successFactor', ranking, ranking),
  'team.created': afterOnly('team.created', 'team', { name: text }),
  'team.updated': both('team.updated', 'team', teamChange, teamChange),
  'threshold.crossed': both('threshold.crossed', 'threshold', thresholdFlag, thresholdFlag),
  'threshold.lost': both('threshold.lost', 'threshold', thresholdFlag, thresholdFlag),
  'user.created': afterOnly('user.created', 'user', { name: text, email: text, role: oneOf(ROLES), locale: oneOf(LOCALES), active: flag }),
  'user.updated': both('user.updated', 'user', userChange, userChange),
  'user.deactivated': both('user.deactivated', 'user', userChange, userChange),
  'user.reactivated': both('user.reactivated', 'user', userChange, userChange),
  'user.passwordReset': afterOnly('user.passwordReset', 'user', { name: text, sessionsEnded: num }),
};

/** Every kind the app writes, in one list (tests walk it; SQL filters name kinds from it). */
export const EVENT_KINDS = Object.keys(READERS) as EventKind[];

const isKind = (kind: string): kind is EventKind => Object.hasOwn(READERS, kind);

/**
 * A stored row as the union. Tolerates old and odd rows — null or non-document
 * sides, missing, extra or ill-typed fields — and reads an unknown kind as
 * `{ kind: 'unknown' }`. Never throws.
 */
export function readEvent(row: EventRow): ReadEvent {
  if (!isKind(row.kind)) return { kind: 'unknown', storedKind: row.kind, entity: row.entity, entityId: row.entityId, before: empty, after: empty };
  return READERS[row.kind](row);
}
