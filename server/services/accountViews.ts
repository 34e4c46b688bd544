/**
 * The account level as the screens read it (SPEC §11): `account.get`, `account.list` and
 * `account.portfolio`. Each scores its accounts in bulk (./accountFacts.ts): a fixed number of
 * queries whether a team has one account or a thousand.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AccountHealthStatus, AccountPhase, AccountPractice, PurchasePattern } from '../../shared/accounts';
import { ACCOUNT_HEALTH_ORDER, ACCOUNT_PHASES, PHASE_PRACTICES } from '../../shared/accounts';
import { ACCOUNT_TIERS, type AccountTier, type Currency, type DealStatus, type Level, type Stage, type Stance, type DecisionRole } from '../../shared/domain';
import type { AccountFlag, AccountHealth, Purchase, Scorecard } from '../../shared/scoring';
import { sumInBase } from '../../shared/scoring';
import type { TAccountList } from '../../shared/schemas/account';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { byteOrder } from '../db/dialect';
import { accountPractices, accounts, contacts, deals, events, stakeholders, users } from '../db/tables';
import { readableTeam, requireAccount, requireVisibleTeam, visibleAccounts, visibleDeals } from './access';
import { listAccountActivities, type AccountActivityDto } from './accountActivities';
import { scoreAccounts, type AccountScope } from './accountFacts';
import { getAccountSettings } from './accountSettings';
import { accountDto, accountQuery, mayEditAccount, type AccountDto } from './accounts';
import { listComplaints, type ComplaintDto } from './complaints';

/** A sum of amounts in the team's base currency; `leftOut` names the currencies with no rate, left out of it. */
export interface Money {
  amount: number;
  currency: Currency;
  leftOut: Currency[];
}

export interface AccountContact {
  id: number;
  name: string;
  title: string | null;
  department: string | null;
  level: Level;
  reportsToContactId: number | null;
  email: string | null;
  phone: string | null;
  leftAt: string | null;
  version: number;
  /** The deals (the user sees) this person is on, and their part in each. */
  deals: { dealId: number; stakeholderId: number; decisionRole: DecisionRole; stance: Stance; isCoach: boolean }[];
}

export interface AccountDeal {
  id: number;
  name: string;
  amount: number;
  currency: Currency;
  stage: Stage;
  status: DealStatus;
  closeDate: string;
  ownerId: number;
  ownerName: string;
  version: number;
}

export interface PracticeItem {
  phase: AccountPhase;
  practice: AccountPractice;
  done: boolean;
  doneAt: string | null;
  doneBy: number | null;
  doneByName: string | null;
}

export interface TierChange {
  at: string;
  from: AccountTier | null;
  to: AccountTier;
  reason: string;
  byId: number | null;
  byName: string | null;
}

/** `account.get {id}` (SPEC §11). */
export interface AccountDetail {
  account: AccountDto;
  /** The org chart, shared by all the account's deals. */
  contacts: AccountContact[];
  /** Every deal of the account the user may see (open, won, lost); `hiddenDeals` counts the others (a rep sees own and shared deals). */
  deals: AccountDeal[];
  hiddenDeals: number;
  /** Totals per status over all the account's deals, in the team's base currency. */
  dealTotals: Record<DealStatus, Money & { count: number }>;
  purchase: Purchase;
  pseudoKey: boolean;
  scorecard: Scorecard;
  /** The stored phase, the suggestion (SPEC §11) and the checklist of every phase (the current one first is the screen's choice). */
  phase: { current: AccountPhase; suggested: AccountPhase; practices: PracticeItem[] };
  health: AccountHealth;
  complaints: ComplaintDto[];
  /** Account-level activities, newest first (the deals' own stay in their rooms). */
  activities: AccountActivityDto[];
  /** Tier changes, newest first: who, when, why. */
  tierHistory: TierChange[];
  /** Whether this user may edit the facts and tick practices (key-account manager, team manager, admin). */
  canEdit: boolean;
}

/** `account.list` items (SPEC §11), plus the facts a list row shows. Money in the item's team's base currency. */
export interface AccountListItem {
  id: number;
  teamId: number;
  name: string;
  industry: string | null;
  tier: AccountTier;
  suggestedTier: AccountTier;
  score: number;
  phase: AccountPhase;
  suggestedPhase: AccountPhase;
  ownerId: number | null;
  ownerName: string | null;
  pattern: PurchasePattern;
  pseudoKey: boolean;
  wonTotal: number;
  openAmount: number;
  currency: Currency;
  /** Currencies with no rate, left out of wonTotal or openAmount. */
  leftOut: Currency[];
  lastOrderAt: string | null;
  healthStatus: AccountHealthStatus;
  flags: AccountFlag[];
  version: number;
}

/** `account.portfolio {teamId?}` (SPEC §11): the 80/20 check — how much of the won business each tier brings. */
export interface Portfolio {
  teamId: number;
  tiers: Record<AccountTier, { accounts: number; wonTotal: number; share: number }>;
  pseudoKey: number;
  /** All won business of the team, in `currency`. */
  wonTotal: number;
  currency: Currency;
  leftOut: Currency[];
}

/** `like` with the user's text taken literally: % and _ are escaped (as in dealList.ts). */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function teamScope(db: Db, user: SessionUser, teamId: number | undefined): Promise<number[] | 'all'> {
  if (teamId !== undefined) {
    await requireVisibleTeam(db, user, teamId);
    return [teamId];
  }
  return 'all';
}

export async function listAccounts(db: Db, user: SessionUser, input: TAccountList, now: Date): Promise<AccountListItem[]> {
  const teams = await teamScope(db, user, input?.teamId);
  const rows = (
    await accountQuery(db)
      .where(and(visibleAccounts(user, db), teams === 'all' ? undefined : eq(accounts.teamId, teams[0]!), input?.tier ? eq(accounts.tier, input.tier) : undefined, input?.phase ? eq(accounts.phase, input.phase) : undefined, input?.ownerId ? eq(accounts.ownerId, input.ownerId) : undefined, input?.q ? sql`lower(${accounts.name}) like ${containing(input.q)} escape '\\'` : undefined))
      .orderBy(byteOrder(accounts.name), asc(accounts.id))
  ).map(accountDto);
  if (rows.length === 0) return [];
  const scope: AccountScope = { teamIds: [...new Set(rows.map((row) => row.teamId))] };
  const { scores, settings, openDeals } = await scoreAccounts(db, rows, scope, now);
  const items = rows.map((row): AccountListItem => {
    const score = scores.get(row.id)!;
    const open = sumInBase(openDeals.get(row.id) ?? [], settings.get(row.teamId)!);
    return {
      id: row.id,
      teamId: row.teamId,
      name: row.name,
      industry: row.industry,
      tier: row.tier,
      suggestedTier: score.scorecard.suggestedTier,
      score: score.scorecard.score,
      phase: row.phase,
      suggestedPhase: score.phase.suggested,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      pattern: score.purchase.pattern,
      pseudoKey: score.pseudoKey,
      wonTotal: score.purchase.wonTotal,
      openAmount: open.total,
      currency: score.purchase.currency,
      leftOut: [...new Set([...score.purchase.leftOut, ...open.leftOut])].sort(),
      lastOrderAt: score.purchase.lastOrderAt,
      healthStatus: score.health.status,
      flags: score.health.flags,
      version: row.version,
    };
  });
  return items.filter((item) => (input?.health === undefined || item.healthStatus === input.health) && (input?.pseudoKey === undefined || item.pseudoKey === input.pseudoKey));
}

export async function getAccount(db: Db, user: SessionUser, id: number, now: Date): Promise<AccountDetail> {
  const row = await requireAccount(db, user, id);
  const account = accountDto((await accountQuery(db).where(eq(accounts.id, row.id)).limit(1))[0]!);
  const [{ scores, settings }, allDeals, visible, people, parts, ticked, complaintList, activityList, tierEvents] = await Promise.all([
    scoreAccounts(db, [account], { accountId: account.id }, now),
    db
      .select({ id: deals.id, name: deals.name, amount: deals.amount, currency: deals.currency, stage: deals.stage, status: deals.status, closeDate: deals.closeDate, ownerId: deals.ownerId, ownerName: users.name, version: deals.version })
      .from(deals)
      .innerJoin(users, eq(users.id, deals.ownerId))
      .where(eq(deals.accountId, account.id))
      .orderBy(desc(deals.closeDate), desc(deals.id)),
    db.select({ id: deals.id }).from(deals).where(and(eq(deals.accountId, account.id), visibleDeals(user, db))),
    db
      .select({ id: contacts.id, name: contacts.name, title: contacts.title, department: contacts.department, level: contacts.level, reportsToContactId: contacts.reportsToContactId, email: contacts.email, phone: contacts.phone, leftAt: contacts.leftAt, version: contacts.version })
      .from(contacts)
      .where(eq(contacts.accountId, account.id))
      .orderBy(byteOrder(contacts.name), asc(contacts.id)),
    db
      .select({ contactId: stakeholders.contactId, dealId: stakeholders.dealId, stakeholderId: stakeholders.id, decisionRole: stakeholders.decisionRole, stance: stakeholders.stance, isCoach: stakeholders.isCoach })
      .from(stakeholders)
      .innerJoin(deals, eq(deals.id, stakeholders.dealId))
      .where(eq(deals.accountId, account.id)),
    db.select({ practice: accountPractices.practice, doneAt: accountPractices.doneAt, doneBy: accountPractices.doneBy, doneByName: users.name }).from(accountPractices).innerJoin(users, eq(users.id, accountPractices.doneBy)).where(eq(accountPractices.accountId, account.id)),
    listComplaints(db, account.id),
    listAccountActivities(db, account.id),
    db
      .select({ at: events.at, before: events.before, after: events.after, byId: events.actorId, byName: users.name })
      .from(events)
      .leftJoin(users, eq(users.id, events.actorId))
      .where(and(eq(events.teamId, account.teamId), eq(events.kind, 'account.tierChanged'), eq(events.entityId, account.id)))
      .orderBy(desc(events.at), desc(events.id)),
  ]);
  const score = scores.get(account.id)!;
  const teamSettings = settings.get(account.teamId)!;
  const seen = new Set(visible.map((deal) => deal.id));
  const shownDeals = allDeals.filter((deal) => seen.has(deal.id));
  const totals = Object.fromEntries(
    (['open', 'won', 'lost'] as const).map((status) => {
      const of = allDeals.filter((deal) => deal.status === status);
      const sum = sumInBase(of, teamSettings);
      return [status, { count: of.length, amount: sum.total, currency: teamSettings.baseCurrency, leftOut: sum.leftOut }];
    }),
  ) as AccountDetail['dealTotals'];
  const tickedBy = new Map(ticked.map((item) => [item.practice, item]));
  return {
    account,
    contacts: people.map((person) => ({ ...person, deals: parts.filter((part) => part.contactId === person.id && seen.has(part.dealId)).map(({ contactId: _c, ...part }) => part) })),
    deals: shownDeals,
    hiddenDeals: allDeals.length - shownDeals.length,
    dealTotals: totals,
    purchase: score.purchase,
    pseudoKey: score.pseudoKey,
    scorecard: score.scorecard,
    phase: {
      ...score.phase,
      practices: ACCOUNT_PHASES.flatMap((phase) =>
        PHASE_PRACTICES[phase].map((practice): PracticeItem => {
          const done = tickedBy.get(practice);
          return { phase, practice, done: Boolean(done), doneAt: done?.doneAt ?? null, doneBy: done?.doneBy ?? null, doneByName: done?.doneByName ?? null };
        }),
      ),
    },
    health: score.health,
    complaints: complaintList,
    activities: activityList,
    tierHistory: tierEvents.map((event) => {
      const before = (event.before ?? {}) as { tier?: AccountTier };
      const after = (event.after ?? {}) as { tier?: AccountTier; reason?: string };
      return { at: event.at, from: before.tier ?? null, to: after.tier ?? account.tier, reason: after.reason ?? '', byId: event.byId, byName: event.byName };
    }),
    canEdit: mayEditAccount(user, account),
  };
}

export async function getPortfolio(db: Db, user: SessionUser, teamIdInput: number | undefined, now: Date): Promise<Portfolio> {
  const teamId = await readableTeam(db, user, teamIdInput);
  const rows = (await accountQuery(db).where(eq(accounts.teamId, teamId))).map(accountDto);
  const { scores } = await scoreAccounts(db, rows, { teamIds: [teamId] }, now);
  const base = await getAccountSettings(db, teamId);
  const tiers = Object.fromEntries(ACCOUNT_TIERS.map((tier) => [tier, { accounts: 0, wonTotal: 0, share: 0 }])) as Portfolio['tiers'];
  const leftOut = new Set<Currency>();
  let pseudoKey = 0;
  for (const row of rows) {
    const score = scores.get(row.id)!;
    tiers[row.tier].accounts += 1;
    tiers[row.tier].wonTotal += score.purchase.wonTotal;
    score.purchase.leftOut.forEach((currency) => leftOut.add(currency));
    if (score.pseudoKey) pseudoKey += 1;
  }
  const wonTotal = ACCOUNT_TIERS.reduce((sum, tier) => sum + tiers[tier].wonTotal, 0);
  for (const tier of ACCOUNT_TIERS) {
    tiers[tier].wonTotal = Math.round(tiers[tier].wonTotal * 100) / 100;
    tiers[tier].share = wonTotal === 0 ? 0 : Math.round((tiers[tier].wonTotal / wonTotal) * 1000) / 1000;
  }
  return { teamId, tiers, pseudoKey, wonTotal: Math.round(wonTotal * 100) / 100, currency: base.baseCurrency, leftOut: [...leftOut].sort() };
}

/** `review.accounts {teamId?}`: the Review's accounts section — at risk first, then on watch; most flags, then most won business, first. */
export interface ReviewAccounts {
  items: AccountListItem[];
  counts: Record<AccountHealthStatus, number>;
}

export async function reviewAccounts(db: Db, user: SessionUser, teamId: number | undefined, now: Date): Promise<ReviewAccounts> {
  const all = await listAccounts(db, user, teamId === undefined ? undefined : { teamId }, now);
  const counts: ReviewAccounts['counts'] = { healthy: 0, watch: 0, at_risk: 0 };
  for (const item of all) counts[item.healthStatus] += 1;
  const items = all
    .filter((item) => item.healthStatus !== 'healthy')
    .sort((a, b) => ACCOUNT_HEALTH_ORDER[a.healthStatus] - ACCOUNT_HEALTH_ORDER[b.healthStatus] || b.flags.length - a.flags.length || b.wonTotal - a.wonTotal || a.id - b.id);
  return { items, counts };
}
