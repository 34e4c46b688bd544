/**
 * A deal's history: coverage over time, the thresholds it crossed and lost,
 * and its event log — newest first, filtered by kind, actor or person.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { ThresholdKey } from '../../shared/domain';
import { readEvent, type EventKind } from '../../shared/events';
import { HISTORY_DEFAULT_LIMIT, HISTORY_KIND_GROUPS } from '../../shared/history';
import type { THistoryGet } from '../../shared/schemas/history';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { byteOrder, jsonArrayHas, jsonOf, jsonText, jsonValue, startsWith } from '../db/dialect';
import { first } from '../db/rows';
import { contacts, coverageSnapshots, events, stakeholders, users } from '../db/tables';
import { badInput } from '../errors';
import { requireDeal, type DealRow } from './access';

/** Enough points for years of daily changes; the chart shows the newest if a deal ever has more. */
const MAX_SNAPSHOTS = 5000;

/** Dragging a card on the map is housekeeping, not history: shown only when asked for by name. */
const HOUSEKEEPING_KINDS: EventKind[] = ['stakeholder.moved'];
const THRESHOLD_KINDS: EventKind[] = ['threshold.crossed', 'threshold.lost'];

/** The event's record before and after; the dialect's JSON helpers never fail on a bad row. */
type JsonColumn = typeof events.after | typeof events.before;

/**
 * Events of this deal, plus the team- and account-level ones that touch it:
 * edits to its people's contact records, its account's external allies, and
 * threshold settings changed while it was open.
 */
async function dealScope(db: Db, deal: DealRow): Promise<SQL> {
  const contactIds = (
    await db
      .select({ id: stakeholders.contactId })
      .from(stakeholders)
      .where(eq(stakeholders.dealId, deal.id))
  ).map((row) => row.id);
  const related = [
    eq(events.kind, 'settings.thresholdsUpdated' satisfies EventKind),
    and(eq(events.entity, 'externalAlly'), sql`coalesce(${jsonValue(events.after, 'accountId')}, ${jsonValue(events.before, 'accountId')}) = ${jsonOf(deal.accountId)}`),
  ];
  if (contactIds.length > 0) related.push(and(eq(events.entity, 'contact'), inArray(events.entityId, contactIds)));
  return or(eq(events.dealId, deal.id), and(isNull(events.dealId), eq(events.teamId, deal.teamId), gte(events.at, deal.createdAt), or(...related)))!;
}

/** A group name, a family ("stakeholder") or one exact kind. */
function kindFilter(kind: string | undefined): SQL | undefined {
  if (kind === undefined) return notInArray(events.kind, HOUSEKEEPING_KINDS);
  if (kind.includes('.')) return eq(events.kind, kind);
  // Own keys only: a kind such as "constructor" must not find Object.prototype.
  const families: readonly string[] = Object.hasOwn(HISTORY_KIND_GROUPS, kind) ? HISTORY_KIND_GROUPS[kind as keyof typeof HISTORY_KIND_GROUPS] : [kind];
  // Case-sensitive on both engines, like the exact kind above (SQLite's LIKE would ignore case).
  return and(or(...families.map((family) => startsWith(events.kind, `${family}.`))), notInArray(events.kind, HOUSEKEEPING_KINDS));
}

/** Events about one person: their own record, or a change that names them (activity, source, edge, competitor). */
async function aboutStakeholder(db: Db, stakeholderId: number): Promise<SQL> {
  const contactId = first(await db.select({ id: stakeholders.contactId }).from(stakeholders).where(eq(stakeholders.id, stakeholderId)).limit(1))?.id;
  const mentions = (column: JsonColumn) =>
    or(
      ...['stakeholderId', 'sourceStakeholderId', 'fromStakeholderId', 'toStakeholderId'].map((key) => sql`${jsonValue(column, key)} = ${jsonOf(stakeholderId)}`),
      jsonArrayHas(column, 'stakeholderIds', stakeholderId),
      jsonArrayHas(column, 'favouredByStakeholderIds', stakeholderId),
    );
  return or(
    and(eq(events.entity, 'stakeholder'), eq(events.entityId, stakeholderId)),
    contactId === undefined ? undefined : and(eq(events.entity, 'contact'), eq(events.entityId, contactId)),
    mentions(events.after),
    mentions(events.before),
  )!;
}

export async function getHistory(db: Db, user: SessionUser, input: THistoryGet) {
  const deal = await requireDeal(db, user, input.dealId);
  const scope = await dealScope(db, deal);

  const snapshots = (
    await db
      .select({
        at: coverageSnapshots.at,
        influence: coverageSnapshots.influence,
        headcount: coverageSnapshots.headcount,
        net: coverageSnapshots.net,
        opposition: coverageSnapshots.opposition,
        crossed: coverageSnapshots.crossed,
        thresholds: coverageSnapshots.thresholds,
      })
      .from(coverageSnapshots)
      .where(eq(coverageSnapshots.dealId, deal.id))
      .orderBy(desc(coverageSnapshots.at), desc(coverageSnapshots.id))
      .limit(MAX_SNAPSHOTS)
  )
    .reverse()
    .map((snapshot) => ({ ...snapshot, thresholds: thresholdFlags(snapshot.thresholds) }));

  const thresholdChanges = (
    await db
      .select({ at: events.at, kind: events.kind, entity: events.entity, entityId: events.entityId, before: events.before, after: events.after, actorName: users.name })
      .from(events)
      .leftJoin(users, eq(users.id, events.actorId))
      .where(and(eq(events.dealId, deal.id), inArray(events.kind, THRESHOLD_KINDS)))
      .orderBy(desc(events.at), desc(events.id))
  ).flatMap(({ at, actorName, ...row }) => {
    const event = readEvent(row);
    if (event.kind !== 'threshold.crossed' && event.kind !== 'threshold.lost') return [];
    const { threshold, passed } = event.after;
    return threshold === undefined ? [] : [{ at, threshold, passed: passed === true, actorName }];
  });

  const limit = input.limit ?? HISTORY_DEFAULT_LIMIT;
  const about = input.stakeholderId === undefined ? undefined : await aboutStakeholder(db, input.stakeholderId);
  const older = input.cursor == null ? undefined : await olderThan(db, scope, input.cursor);
  const eventRows = await db
    .select({
      id: events.id,
      at: events.at,
      kind: events.kind,
      entity: events.entity,
      entityId: events.entityId,
      actorId: events.actorId,
      actorName: users.name,
      before: events.before,
      after: events.after,
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(
      and(
        scope,
        kindFilter(input.kind),
        input.actorId === undefined ? undefined : eq(events.actorId, input.actorId),
        about,
        older,
      ),
    )
    .orderBy(desc(events.at), desc(events.id))
    // One more than asked for says whether an older page exists, without a count query.
    .limit(limit + 1);
  const page = eventRows.slice(0, limit);
  const nextCursor = eventRows.length > limit ? page.at(-1)!.id : null;

  // Everyone who ever changed this deal, for the "by person" filter, whatever is filtered now.
  // Grouped rather than DISTINCT: with DISTINCT, PostgreSQL orders only by selected expressions.
  const actors = await db
    .select({ id: users.id, name: users.name })
    .from(events)
    .innerJoin(users, eq(users.id, events.actorId))
    .where(scope)
    .groupBy(users.id, users.name)
    .orderBy(byteOrder(users.name), asc(users.id));

  return { snapshots, thresholdChanges, events: page, nextCursor, actors, people: await peopleOf(db, deal.id) };
}

/**
 * Events after `cursor` in the log's order (newest first: by time, then id).
 * The cursor must be an event of this deal's history, so it says nothing about other deals.
 */
async function olderThan(db: Db, scope: SQL, cursor: number): Promise<SQL> {
  const from = first(await db.select({ at: events.at, id: events.id }).from(events).where(and(scope, eq(events.id, cursor))).limit(1));
  if (!from) throw badInput('cursor', 'not an event of this deal’s history');
  return or(lt(events.at, from.at), and(eq(events.at, from.at), lt(events.id, from.id)))!;
}

function thresholdFlags(value: unknown): Record<ThresholdKey, boolean> {
  const flags = (value ?? {}) as Partial<Record<ThresholdKey, unknown>>;
  return { information: flags.information === true, relationships: flags.relationships === true, topDecisionMaker: flags.topDecisionMaker === true };
}

/**
 * Names of everyone who was ever on this deal's map — people since removed
 * included, from the names their events carry — so every sentence can say who.
 */
async function peopleOf(db: Db, dealId: number): Promise<{ id: number; name: string }[]> {
  const names = new Map<number, string>();
  const fromEvents = await db
    .select({
      id: events.entityId,
      name: sql<string | null>`coalesce(${jsonText(events.after, 'name')}, ${jsonText(events.before, 'name')})`,
    })
    .from(events)
    .where(and(eq(events.dealId, dealId), eq(events.entity, 'stakeholder')))
    .orderBy(asc(events.at), asc(events.id));
  for (const { id, name } of fromEvents) if (id !== null && typeof name === 'string') names.set(id, name);
  const current = await db
    .select({ id: stakeholders.id, name: contacts.name })
    .from(stakeholders)
    .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
    .where(eq(stakeholders.dealId, dealId));
  for (const { id, name } of current) names.set(id, name);
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

export type HistoryDto = Awaited<ReturnType<typeof getHistory>>;
