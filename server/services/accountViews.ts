/**
 * The account level as the screens read it (SPEC §11): `account.get`, `account.list` and
 * `account.portfolio`. Each scores its accounts in bulk (./accountFacts.ts): a fixed number of
 * queries whether a team has one account or a thousand.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AccountHealthStatus, AccountPhase, AccountPractice, PurchasePattern } from '../../shared/accounts';
import { ACCOUNT_HEALTH_ORDER, ACCOUNT_PHASES, PHASE_PRACTICES } from '../../shared/accounts';
import { ACCOUNT_TIERS, type AccountTier, type Currency, type DealStatus, type Level, type Stage, type Stance, type DecisionRole } from '../../shared/domain';
import type { AccountFlag, AccountHealth, Purchase, PurchaseOrder, Scorecard } from '../../shared/scoring';
import { purchaseOf, sumInBase } from '../../shared/scoring';
import type { TAccountList } from '../../shared/schemas/account';
import type { SessionUser } from '../auth/session';
import { together, type Db } from '../db/client';
import { byteOrder } from '../db/dialect';
import { accountPractices, accounts, contacts, deals, events, stakeholders, users } from '../db/tables';
import { readableTeam, requireAccount, requireVisibleTeam, seesWholeAccount, visibleAccounts, visibleDeals } from './access';
import { listAccountActivities, type AccountActivityDto } from './accountActivities';
import { scoreAccounts, type AccountScope } from './accountFacts';
import { getAccountSettings } from './accountSettings';
import { accountDto, accountQuery, containing, mayEditAccount, type AccountDto } from './accounts';
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
  /** Whether this user may open the deal (SPEC §7): a key-account manager sees every deal of the account, yet opens only their own and shared ones. */
  canOpen: boolean;
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
  /**
   * Every deal of the account (open, won, lost) — for a rep who is not its key-account manager,
   * only the deals they may see (own and shared); `hiddenDeals` counts the others (0029).
   */
  deals: AccountDeal[];
  hiddenDeals: number;
  /** Totals per status over `deals`, in the team's base currency. */
  dealTotals: Record<DealStatus, Money & { count: number }>;
  /** The pattern is the account's; the orders and their sums are those of `deals` (won ones). */
  purchase: Purchase;
  /** Judgements of the whole relationship, from all its facts, whoever reads them (0029). */
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
  const [{ scores, settings, openDeals }, partial] = await together(
    () => scoreAccounts(db, rows, scope, now),
    () => partialSums(db, user, rows, scope.teamIds),
  );
  const items = rows.map((row): AccountListItem => {
    const score = scores.get(row.id)!;
    const teamSettings = settings.get(row.teamId)!;
    // A rep who does not manage the account: its sums over the deals they may see only (0029).
    const own = seesWholeAccount(user, row) ? undefined : (partial?.get(row.id) ?? { won: [], open: [] });
    const won = own ? purchaseOf(own.won, teamSettings, now) : score.purchase;
    const open = sumInBase(own ? own.open : (openDeals.get(row.id) ?? []), teamSettings);
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
      wonTotal: won.wonTotal,
      openAmount: open.total,
      currency: score.purchase.currency,
      leftOut: [...new Set([...won.leftOut, ...open.leftOut])].sort(),
      lastOrderAt: won.lastOrderAt,
      healthStatus: score.health.status,
      flags: score.health.flags,
      version: row.version,
    };
  });
  return items.filter((item) => (input?.health === undefined || item.healthStatus === input.health) && (input?.pseudoKey === undefined || item.pseudoKey === input.pseudoKey));
}

/**
 * For a rep, the won and open deals they may see in the accounts they see but do not manage,
 * per account (0029); undefined when the user sees every listed account whole.
 */
async function partialSums(db: Db, user: SessionUser, rows: readonly AccountDto[], teamIds: number[]): Promise<Map<number, { won: PurchaseOrder[]; open: { amount: number; currency: Currency }[] }> | undefined> {
  const partialIds = new Set(rows.filter((row) => !seesWholeAccount(user, row)).map((row) => row.id));
  if (partialIds.size === 0) return undefined;
  // A rep's own and shared deals are few: read them all and keep those of the partial accounts.
  const mine = await db
    .select({ dealId: deals.id, accountId: deals.accountId, status: deals.status, closeDate: deals.closeDate, amount: deals.amount, currency: deals.currency })
    .from(deals)
    .where(and(inArray(deals.teamId, teamIds), inArray(deals.status, ['won', 'open']), visibleDeals(user, db)));
  const out = new Map<number, { won: PurchaseOrder[]; open: { amount: number; currency: Currency }[] }>();
  for (const deal of mine) {
    if (!partialIds.has(deal.accountId)) continue;
    const sums = out.get(deal.accountId) ?? { won: [], open: [] };
    if (deal.status === 'won') sums.won.push({ dealId: deal.dealId, closeDate: deal.closeDate, amount: deal.amount, currency: deal.currency });
    else sums.open.push({ amount: deal.amount, currency: deal.currency });
    out.set(deal.accountId, sums);
  }
  return out;
}

export async function getAccount(db: Db, user: SessionUser, id: number, now: Date): Promise<AccountDetail> {
  const row = await requireAccount(db, user, id);
  const account = accountDto((await accountQuery(db).where(eq(accounts.id, row.id)).limit(1))[0]!);
  const [{ scores, settings }, allDeals, visible, people, parts, ticked, complaintList, activityList, tierEvents] = await together(
    () => scoreAccounts(db, [account], { accountId: account.id }, now),
    () => db
        .select({ id: deals.id, name: deals.name, amount: deals.amount, currency: deals.currency, stage: deals.stage, status: deals.status, closeDate: deals.closeDate, ownerId: deals.ownerId, ownerName: users.name, version: deals.version })
        .from(deals)
        .innerJoin(users, eq(users.id, deals.ownerId))
        .where(eq(deals.accountId, account.id))
        .orderBy(desc(deals.closeDate), desc(deals.id)),
    () => db.select({ id: deals.id }).from(deals).where(and(eq(deals.accountId, account.id), visibleDeals(user, db))),
    () => db
        .select({ id: contacts.id, name: contacts.name, title: contacts.title, department: contacts.department, level: contacts.level, reportsToContactId: contacts.reportsToContactId, email: contacts.email, phone: contacts.phone, leftAt: contacts.leftAt, version: contacts.version })
        .from(contacts)
        .where(eq(contacts.accountId, account.id))
        .orderBy(byteOrder(contacts.name), asc(contacts.id)),
    () => db
        .select({ contactId: stakeholders.contactId, dealId: stakeholders.dealId, stakeholderId: stakeholders.id, decisionRole: stakeholders.decisionRole, stance: stakeholders.stance, isCoach: stakeholders.isCoach })
        .from(stakeholders)
        .innerJoin(deals, eq(deals.id, stakeholders.dealId))
        .where(eq(deals.accountId, account.id)),
    () => db.select({ practice: accountPractices.practice, doneAt: accountPractices.doneAt, doneBy: accountPractices.doneBy, doneByName: users.name }).from(accountPractices).innerJoin(users, eq(users.id, accountPractices.doneBy)).where(eq(accountPractices.accountId, account.id)),
    () => listComplaints(db, account.id),
    () => listAccountActivities(db, account.id),
    () => db
        .select({ at: events.at, before: events.before, after: events.after, byId: events.actorId, byName: users.name })
        .from(events)
        .leftJoin(users, eq(users.id, events.actorId))
        .where(and(eq(events.teamId, account.teamId), eq(events.kind, 'account.tierChanged'), eq(events.entityId, account.id)))
        .orderBy(desc(events.at), desc(events.id)),
  );
  const score = scores.get(account.id)!;
  const teamSettings = settings.get(account.teamId)!;
  const seen = new Set(visible.map((deal) => deal.id));
  // The key-account manager, managers and admins see every deal of the account; another rep only the ones they may open (0029).
  const whole = seesWholeAccount(user, account);
  const shownDeals = allDeals.filter((deal) => whole || seen.has(deal.id)).map((deal) => ({ ...deal, canOpen: seen.has(deal.id) }));
  const shown = new Set(shownDeals.map((deal) => deal.id));
  const totals = Object.fromEntries(
    (['open', 'won', 'lost'] as const).map((status) => {
      const of = shownDeals.filter((deal) => deal.status === status);
      const sum = sumInBase(of, teamSettings);
      return [status, { count: of.length, amount: sum.total, currency: teamSettings.baseCurrency, leftOut: sum.leftOut }];
    }),
  ) as AccountDetail['dealTotals'];
  const tickedBy = new Map(ticked.map((item) => [item.practice, item]));
  return {
    account,
    contacts: people.map((person) => ({ ...person, deals: parts.filter((part) => part.contactId === person.id && shown.has(part.dealId)).map(({ contactId: _c, ...part }) => part) })),
    deals: shownDeals,
    hiddenDeals: allDeals.length - shownDeals.length,
    dealTotals: totals,
    // The pattern stays the account's; the orders, their sum and dates are those of the deals shown.
    purchase: whole ? score.purchase : { ...purchaseOf(score.purchase.orders.filter((order) => shown.has(order.dealId)), teamSettings, now), pattern: score.purchase.pattern },
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
