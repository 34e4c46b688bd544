/**
 * The facts the account scoring reads (SPEC §11), gathered for many accounts at once: a
 * fixed handful of grouped queries for a whole team's accounts (no query per account), then
 * the pure scoring of shared/scoring/account.ts per account.
 */
import { and, eq, gt, inArray, isNotNull, isNull, lte, max, ne, or, type SQL } from 'drizzle-orm';
import type { AccountSettings } from '../../shared/accounts';
import { isoDay } from '../../shared/dates';
import { scoreAccount, teamBenchmarks, type AccountScore, type PurchaseOrder, type ScoredAccount, type TeamBenchmarks, type WatchFacts } from '../../shared/scoring';
import type { Currency } from '../../shared/domain';
import { together, type Db, type Tx } from '../db/client';
import { accountActivities, accountActivityContacts, accounts, activities, activityStakeholders, complaints, contacts, deals, stakeholders } from '../db/tables';
import { accountSettingsOfTeams } from './accountSettings';

/** Which accounts: one (`account.get`), a few (the flags a write may raise) or every account of some teams (`account.list`, `account.portfolio`, the sweep). */
export type AccountScope = { accountId: number } | { accountIds: number[] } | { teamIds: number[] };

/** A past moment the facts are read at (null: as they are), as a day and an instant. */
type Moment = { day: string; instant: string } | null;

const inScope = (scope: AccountScope): SQL => ('accountId' in scope ? eq(accounts.id, scope.accountId) : 'accountIds' in scope ? inArray(accounts.id, scope.accountIds) : inArray(accounts.teamId, scope.teamIds));

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

/** The later of two ISO instants (either may be missing). */
const later = (a: string | null | undefined, b: string | null | undefined) => (!a ? (b ?? null) : !b ? a : a > b ? a : b);

/** Every won deal of the teams: the orders, and the team's yardsticks (value, top fifth). */
async function ordersOfTeams(db: Db | Tx, teamIds: number[], asOf: Moment): Promise<Map<number, (PurchaseOrder & { accountId: number; teamId: number })[]>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .select({ dealId: deals.id, accountId: deals.accountId, teamId: deals.teamId, closeDate: deals.closeDate, amount: deals.amount, currency: deals.currency })
    .from(deals)
    .where(and(inArray(deals.teamId, teamIds), eq(deals.status, 'won'), asOf ? lte(deals.closeDate, asOf.day) : undefined));
  return groupBy(rows, (row) => row.accountId);
}

/** Latest contact with a present executive of the account: on its deals' activities and on its own. */
async function lastExecContacts(db: Db | Tx, scope: AccountScope, today: string, asOf: Moment): Promise<Map<number, string>> {
  const present = or(isNull(contacts.leftAt), gt(contacts.leftAt, today));
  const onDeals = await db
    .select({ accountId: contacts.accountId, at: max(activities.occurredAt) })
    .from(activities)
    .innerJoin(activityStakeholders, eq(activityStakeholders.activityId, activities.id))
    .innerJoin(stakeholders, eq(stakeholders.id, activityStakeholders.stakeholderId))
    .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(inScope(scope), eq(contacts.level, 'executive'), ne(activities.kind, 'note'), present, asOf ? lte(activities.occurredAt, asOf.instant) : undefined))
    .groupBy(contacts.accountId);
  const onAccount = await db
    .select({ accountId: accountActivities.accountId, at: max(accountActivities.occurredAt) })
    .from(accountActivities)
    .innerJoin(accountActivityContacts, eq(accountActivityContacts.activityId, accountActivities.id))
    .innerJoin(contacts, eq(contacts.id, accountActivityContacts.contactId))
    .innerJoin(accounts, eq(accounts.id, accountActivities.accountId))
    .where(and(inScope(scope), eq(contacts.level, 'executive'), ne(accountActivities.kind, 'note'), present, asOf ? lte(accountActivities.occurredAt, asOf.instant) : undefined))
    .groupBy(accountActivities.accountId);
  return latestByAccount([...onDeals, ...onAccount]);
}

/** Latest executive meeting on the account or one of its deals. */
async function lastExecMeetings(db: Db | Tx, scope: AccountScope, asOf: Moment): Promise<Map<number, string>> {
  const onDeals = await db
    .select({ accountId: deals.accountId, at: max(activities.occurredAt) })
    .from(activities)
    .innerJoin(deals, eq(deals.id, activities.dealId))
    .innerJoin(accounts, eq(accounts.id, deals.accountId))
    .where(and(inScope(scope), eq(activities.kind, 'executive_meeting'), asOf ? lte(activities.occurredAt, asOf.instant) : undefined))
    .groupBy(deals.accountId);
  const onAccount = await db
    .select({ accountId: accountActivities.accountId, at: max(accountActivities.occurredAt) })
    .from(accountActivities)
    .innerJoin(accounts, eq(accounts.id, accountActivities.accountId))
    .where(and(inScope(scope), eq(accountActivities.kind, 'executive_meeting'), asOf ? lte(accountActivities.occurredAt, asOf.instant) : undefined))
    .groupBy(accountActivities.accountId);
  return latestByAccount([...onDeals, ...onAccount]);
}

function latestByAccount(rows: readonly { accountId: number; at: string | null }[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const row of rows) {
    const at = later(out.get(row.accountId), row.at);
    if (at) out.set(row.accountId, at);
  }
  return out;
}

async function openComplaints(db: Db | Tx, scope: AccountScope, asOf: Moment) {
  const rows = await db
    .select({ accountId: complaints.accountId, openedAt: complaints.openedAt, severity: complaints.severity })
    .from(complaints)
    .innerJoin(accounts, eq(accounts.id, complaints.accountId))
    .where(and(inScope(scope), asOf ? and(lte(complaints.openedAt, asOf.instant), or(isNull(complaints.resolvedAt), gt(complaints.resolvedAt, asOf.instant))) : isNull(complaints.resolvedAt)));
  return groupBy(rows, (row) => row.accountId);
}

/** Coaches and allies on the account's open deals who have left the customer (SPEC §10). */
async function championsLeft(db: Db | Tx, scope: AccountScope, today: string): Promise<Map<number, string[]>> {
  const rows = await db
    .selectDistinct({ accountId: deals.accountId, contactId: contacts.id, name: contacts.name })
    .from(stakeholders)
    .innerJoin(deals, eq(deals.id, stakeholders.dealId))
    .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
    .innerJoin(accounts, eq(accounts.id, deals.accountId))
    .where(and(inScope(scope), eq(deals.status, 'open'), isNotNull(contacts.leftAt), lte(contacts.leftAt, today), or(eq(stakeholders.isCoach, true), eq(stakeholders.stance, 'ally'))));
  const out = new Map<number, string[]>();
  for (const [accountId, people] of groupBy(rows, (row) => row.accountId)) out.set(accountId, [...new Set(people.map((person) => person.name))].sort());
  return out;
}

export interface ScoredAccountRow extends ScoredAccount {
  id: number;
  teamId: number;
}

export interface AccountScores {
  scores: Map<number, AccountScore>;
  settings: Map<number, AccountSettings>;
  /** Open deals per account, for the open amount. */
  openDeals: Map<number, { amount: number; currency: Currency }[]>;
}

/**
 * Score these accounts (all of `scope`): each team's orders set its yardsticks, whoever asks.
 * With `past`, as they stood at `now`: only orders closed, activities held and complaints
 * open by then count (the stand-up compares two moments). The facts a person sets and the
 * open deals' maps are read as they are today.
 */
export async function scoreAccounts(db: Db | Tx, rows: readonly ScoredAccountRow[], scope: AccountScope, now: Date, past = false): Promise<AccountScores> {
  const teamIds = [...new Set(rows.map((row) => row.teamId))];
  const today = isoDay(now);
  const asOf: Moment = past ? { day: today, instant: now.toISOString() } : null;
  const [settings, orders, execContacts, execMeetings, complaintsOpen, champions, open] = await together(
    () => accountSettingsOfTeams(db, teamIds),
    () => ordersOfTeams(db, teamIds, asOf),
    () => lastExecContacts(db, scope, today, asOf),
    () => lastExecMeetings(db, scope, asOf),
    () => openComplaints(db, scope, asOf),
    () => championsLeft(db, scope, today),
    () => teamIds.length === 0
        ? Promise.resolve([])
        : db
            .select({ accountId: deals.accountId, amount: deals.amount, currency: deals.currency })
            .from(deals)
            .innerJoin(accounts, eq(accounts.id, deals.accountId))
            .where(and(inScope(scope), eq(deals.status, 'open'))),
  );
  const benchmarks = new Map<number, TeamBenchmarks>();
  for (const teamId of teamIds) {
    const teamOrders = [...orders.values()].filter((list) => list[0]?.teamId === teamId);
    benchmarks.set(teamId, teamBenchmarks(teamOrders, settings.get(teamId)!, now));
  }
  const scores = new Map<number, AccountScore>();
  for (const row of rows) {
    const watch: WatchFacts = {
      lastExecContactAt: execContacts.get(row.id) ?? null,
      lastExecMeetingAt: execMeetings.get(row.id) ?? null,
      openComplaints: complaintsOpen.get(row.id) ?? [],
      championsLeft: champions.get(row.id) ?? [],
    };
    const accountOrders = (orders.get(row.id) ?? []).map(({ dealId, closeDate, amount, currency }) => ({ dealId, closeDate, amount, currency }));
    scores.set(row.id, scoreAccount({ account: row, orders: accountOrders, team: benchmarks.get(row.teamId)!, watch, settings: settings.get(row.teamId)!, now }));
  }
  return { scores, settings, openDeals: groupBy(open, (deal) => deal.accountId) };
}
