/**
 * standup.changes (SPEC §5, §6): per deal, what changed between two instants,
 * read from the event log, the contact log, the next steps and the coverage
 * snapshots. Only deals the user may see. The period is (since, until]: a
 * change at the very instant of a stand-up belongs to that stand-up, so
 * consecutive periods never report it twice.
 */
import { and, asc, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import { addDays, daysBefore, isoDay } from '../../shared/dates';
import { readEvent } from '../../shared/events';
import { groupBy } from '../../shared/groupBy';
import { describeChange, type StandupChangeKind, type StandupParams } from '../../shared/standup';
import { translator } from '../../shared/i18n/translator';
import type { TStandupChanges } from '../../shared/schemas/standup';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { byteOrder } from '../db/dialect';
import { accounts, activities, activityStakeholders, contacts, coverageSnapshots, deals, events, nextSteps, stakeholders, users } from '../db/tables';
import { readableTeam, visibleDeals } from './access';
import { healthForDeals } from './health';
import { changesOfEvent, STANDUP_EVENT_KINDS } from './standupEvents';

export interface StandupChange {
  at: string;
  kind: StandupChangeKind;
  summary: string;
  actor: string | null;
  params: StandupParams;
}

interface RawChange {
  dealId: number;
  at: string;
  kind: StandupChangeKind;
  actorId: number | null;
  params: StandupParams;
}

/** Coverage influence of each deal at an instant: the latest snapshot at or before it, 0 when none. */
function influenceAt(history: { at: string; influence: number }[], instant: string): number {
  let value = 0;
  for (const snapshot of history) {
    if (snapshot.at > instant) break;
    value = snapshot.influence;
  }
  return value;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export async function standupChanges(db: Db, user: SessionUser, input: TStandupChanges, now: Date) {
  const since = new Date(input.since).toISOString();
  const until = new Date(input.until ?? now.toISOString()).toISOString();
  // One team's stand-up: the user's own unless they name another team they see whole.
  const teamId = await readableTeam(db, user, input.teamId);
  const dealScope = and(visibleDeals(user, db), eq(deals.teamId, teamId), input.ownerId ? eq(deals.ownerId, input.ownerId) : undefined);
  const raw: RawChange[] = [];

  const logged = await db
    .select({ dealId: events.dealId, at: events.at, kind: events.kind, entity: events.entity, entityId: events.entityId, before: events.before, after: events.after, actorId: events.actorId })
    .from(events)
    .innerJoin(deals, eq(deals.id, events.dealId))
    .where(and(dealScope, gt(events.at, since), lte(events.at, until), inArray(events.kind, [...STANDUP_EVENT_KINDS])))
    .orderBy(asc(events.at), asc(events.id));
  const stakeholderIds = [...new Set(logged.filter((event) => event.kind.startsWith('stakeholder.') && event.entityId !== null).map((event) => event.entityId!))];
  const names = new Map(
    stakeholderIds.length === 0
      ? []
      : (
          await db
            .select({ id: stakeholders.id, name: contacts.name })
            .from(stakeholders)
            .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
            .where(inArray(stakeholders.id, stakeholderIds))
        ).map((row) => [row.id, row.name]),
  );
  const seen = new Set<string>();
  for (const event of logged) {
    for (const change of changesOfEvent(readEvent(event), (id) => (id === null ? null : (names.get(id) ?? null)), event.dealId)) {
      // A stance change may be logged both as an update and as a stanceChanged event: report it once.
      const key = `${event.dealId}|${event.entityId}|${event.at}|${change.kind}|${JSON.stringify(change.params)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      raw.push({ dealId: event.dealId!, at: event.at, kind: change.kind, actorId: event.actorId, params: change.params });
    }
  }

  // Contacts made in the period, by when they happened.
  const contactsMade = await db
    .select({ id: activities.id, dealId: activities.dealId, at: activities.occurredAt, kind: activities.kind, summary: activities.summary, actorId: activities.createdBy })
    .from(activities)
    .innerJoin(deals, eq(deals.id, activities.dealId))
    .where(and(dealScope, gt(activities.occurredAt, since), lte(activities.occurredAt, until)));
  let participants = new Map<number, { activityId: number; name: string }[]>();
  if (contactsMade.length > 0) {
    const rows = await db
      .select({ activityId: activityStakeholders.activityId, name: contacts.name })
      .from(activityStakeholders)
      .innerJoin(stakeholders, eq(stakeholders.id, activityStakeholders.stakeholderId))
      .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
      .where(inArray(activityStakeholders.activityId, contactsMade.map((activity) => activity.id)))
      .orderBy(byteOrder(contacts.name), asc(contacts.id));
    participants = groupBy(rows, (row) => row.activityId);
  }
  for (const activity of contactsMade) {
    raw.push({ dealId: activity.dealId, at: activity.at, kind: 'activity', actorId: activity.actorId, params: { activityKind: activity.kind, summary: activity.summary, people: (participants.get(activity.id) ?? []).map((row) => row.name) } });
  }

  // A step due on day D goes overdue at the end of D (UTC): report it if that moment falls in the period.
  const firstDue = isoDay(daysBefore(new Date(since), 1));
  const steps = await db
    .select({ dealId: nextSteps.dealId, title: nextSteps.title, owner: nextSteps.owner, dueDate: nextSteps.dueDate })
    .from(nextSteps)
    .innerJoin(deals, eq(deals.id, nextSteps.dealId))
    .where(and(dealScope, eq(nextSteps.done, false), gte(nextSteps.dueDate, firstDue), lte(nextSteps.dueDate, until.slice(0, 10))));
  for (const step of steps) {
    const overdueAt = addDays(new Date(`${step.dueDate}T00:00:00.000Z`), 1).toISOString();
    if (overdueAt <= since || overdueAt > until) continue;
    raw.push({ dealId: step.dealId, at: overdueAt, kind: 'nextStepOverdue', actorId: null, params: { title: step.title, dueDate: step.dueDate, owner: step.owner } });
  }

  // Coverage at both ends of the period, for every deal that changed or whose coverage did.
  const snapshotDeals = (
    await db
      .selectDistinct({ dealId: coverageSnapshots.dealId })
      .from(coverageSnapshots)
      .innerJoin(deals, eq(deals.id, coverageSnapshots.dealId))
      .where(and(dealScope, gt(coverageSnapshots.at, since), lte(coverageSnapshots.at, until)))
  ).map((row) => row.dealId);
  const dealIds = [...new Set([...raw.map((change) => change.dealId), ...snapshotDeals])];
  if (dealIds.length === 0) return [];
  const history = groupBy(
    await db
      .select({ dealId: coverageSnapshots.dealId, at: coverageSnapshots.at, influence: coverageSnapshots.influence })
      .from(coverageSnapshots)
      .where(and(inArray(coverageSnapshots.dealId, dealIds), lte(coverageSnapshots.at, until)))
      .orderBy(asc(coverageSnapshots.at), asc(coverageSnapshots.id)),
    (row) => row.dealId,
  );
  const changesByDeal = groupBy(raw, (change) => change.dealId);

  const dealRows = await db
    .select({ id: deals.id, teamId: deals.teamId, name: deals.name, accountName: accounts.name, ownerId: deals.ownerId, ownerName: users.name, stage: deals.stage, status: deals.status, closeDate: deals.closeDate, amount: deals.amount, currency: deals.currency })
    .from(deals)
    .innerJoin(accounts, eq(accounts.id, deals.accountId))
    .innerJoin(users, eq(users.id, deals.ownerId))
    .where(inArray(deals.id, dealIds));
  const health = await healthForDeals(db, dealRows, now);
  const actorIds = [...new Set(raw.map((change) => change.actorId).filter((id): id is number => id !== null))];
  const actors = new Map(actorIds.length === 0 ? [] : (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds))).map((row) => [row.id, row.name]));
  const t = translator('en');
  const english = { date: (iso: string) => iso.slice(0, 10), money: (amount: number, currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount) };

  const result = dealRows.map((deal) => {
    const coverage = history.get(deal.id) ?? [];
    const atSince = influenceAt(coverage, since);
    const atUntil = influenceAt(coverage, until);
    const changes: StandupChange[] = (changesByDeal.get(deal.id) ?? [])
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((change) => ({
        at: change.at,
        kind: change.kind,
        summary: describeChange(t, change, english),
        actor: change.actorId === null ? null : (actors.get(change.actorId) ?? null),
        params: change.params,
      }));
    return {
      dealId: deal.id,
      dealName: deal.name,
      accountName: deal.accountName,
      ownerId: deal.ownerId,
      ownerName: deal.ownerName,
      stage: deal.stage,
      status: deal.status,
      closeDate: deal.closeDate,
      amount: deal.amount,
      currency: deal.currency,
      changes,
      coverage: { since: atSince, until: atUntil },
      coverageDelta: round(atUntil - atSince),
      health: health.get(deal.id)!,
    };
  });
  return result
    .filter((deal) => deal.changes.length > 0 || deal.coverageDelta !== 0)
    .sort((a, b) => a.ownerName.localeCompare(b.ownerName) || a.ownerId - b.ownerId || a.dealName.localeCompare(b.dealName) || a.dealId - b.dealId);
}
export type StandupDeal = Awaited<ReturnType<typeof standupChanges>>[number];
