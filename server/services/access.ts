import { and, eq, exists, inArray, ne, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ROLES, type Role } from '../../shared/domain';
import type { SessionUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import { prepared } from '../db/prepared';
import { first } from '../db/rows';
import { accounts, dealMembers, deals, teamManagers, teams } from '../db/tables';
import { notFound } from '../errors';

/**
 * SPEC §7: a rep sees and edits their own deals and deals they were added to;
 * a manager every deal of their team; an admin everything. Seeing and editing
 * are the same right, so one condition serves reads and writes.
 *
 * `who` is the user as values, or — by default — as placeholders (`userId`,
 * `teamId`), so a query built on it can be prepared once per role and connection.
 */
export function visibleDealsFor(role: Role, db: Db | Tx, who: { userId: number | SQLWrapper; teamId: number | SQLWrapper } = placeholders): SQL | undefined {
  if (role === 'admin') return undefined;
  if (role === 'manager') return managedTeam(deals.teamId, db, who);
  return or(
    eq(deals.ownerId, who.userId),
    exists(
      db
        .select({ one: dealMembers.userId })
        .from(dealMembers)
        .where(and(eq(dealMembers.dealId, deals.id), eq(dealMembers.userId, who.userId))),
    ),
  );
}
const placeholders = { userId: sql.placeholder('userId'), teamId: sql.placeholder('teamId') };

/** SPEC §13: a manager manages their own team and any team they were made a manager of. */
function managedTeam(teamColumn: SQLiteColumn, db: Db | Tx, who: { userId: number | SQLWrapper; teamId: number | SQLWrapper }): SQL | undefined {
  return or(eq(teamColumn, who.teamId), inArray(teamColumn, db.select({ id: teamManagers.teamId }).from(teamManagers).where(eq(teamManagers.userId, who.userId))));
}

/**
 * A rep's deals as arms an index serves each (ADR 33): the deals they own
 * (`deals_owner_close_idx`, `deals_owner_review_idx`, led by the owner) and, apart from those,
 * the deals they were added to (`deal_members_user_idx`). Their union is visibleDealsFor's
 * rule; the `or exists` there suits one deal by id, but no index serves it for a list, so
 * both engines walked a list's order over the whole organisation to find the rep's deals.
 */
export function repDealArms(user: SessionUser, db: Db | Tx): [owned: SQL, shared: SQL] {
  const shared = db.select({ id: dealMembers.dealId }).from(dealMembers).where(eq(dealMembers.userId, user.id));
  return [eq(deals.ownerId, user.id), and(inArray(deals.id, shared), ne(deals.ownerId, user.id))!];
}

/** The same rule with this user's values, for queries built on the fly. */
export const visibleDeals = (user: SessionUser, db: Db | Tx) => visibleDealsFor(user.role, db, { userId: user.id, teamId: user.teamId });

/** The placeholder values of visibleDealsFor for this user. */
export const viewer = (user: SessionUser) => ({ userId: user.id, teamId: user.teamId });

/** One prepared query per role. */
export function perRole<P>(build: (role: Role, db: Db | Tx) => P): (role: Role, db: Db | Tx) => P {
  const byRole = Object.fromEntries(ROLES.map((role) => [role, prepared((db) => build(role, db))])) as Record<Role, (db: Db | Tx) => P>;
  return (role, db) => byRole[role](db);
}

export type DealRow = typeof deals.$inferSelect;

const dealForRole = perRole((role, db) =>
  db
    .select()
    .from(deals)
    .where(and(eq(deals.id, sql.placeholder('dealId')), visibleDealsFor(role, db)))
    .prepare(),
);

/** The deal if this user may see it; NOT_FOUND otherwise, so other teams' deals stay invisible. */
export async function requireDeal(db: Db | Tx, user: SessionUser, dealId: number): Promise<DealRow> {
  const deal = first(await dealForRole(user.role, db).execute({ dealId, ...viewer(user) }));
  if (!deal) throw notFound('Deal');
  return deal;
}

/** The accounts of the teams the user belongs to or manages; every account for an admin. Names only for a rep: the new-deal picker (`account.options`) and `deal.create`. */
export function teamAccounts(user: SessionUser, db: Db | Tx): SQL | undefined {
  if (user.role === 'admin') return undefined;
  if (user.role === 'manager') return managedTeam(accounts.teamId, db, viewer(user));
  return eq(accounts.teamId, user.teamId);
}

/**
 * The accounts a user sees (issue #15, docs/decisions/0029): a manager their teams', an admin
 * all; a rep an account of their team they manage (`accounts.ownerId`) or where they may see
 * at least one deal (own or shared, SPEC §7). Another is NOT_FOUND to them.
 */
export function visibleAccounts(user: SessionUser, db: Db | Tx): SQL | undefined {
  if (user.role !== 'rep') return teamAccounts(user, db);
  return and(
    eq(accounts.teamId, user.teamId),
    or(
      eq(accounts.ownerId, user.id),
      exists(
        db
          .select({ one: deals.id })
          .from(deals)
          .where(and(eq(deals.accountId, accounts.id), visibleDeals(user, db))),
      ),
    ),
  );
}

/**
 * Whether this user sees the whole of an account they see: its key-account manager, a
 * manager, an admin. Any other rep sees in it only the deals they may see (0029).
 */
export const seesWholeAccount = (user: SessionUser, account: { ownerId: number | null }): boolean => user.role !== 'rep' || account.ownerId === user.id;

/** The teams a user sees whole: an admin every team, a manager the ones they manage, a rep their own. */
export async function visibleTeamIds(db: Db | Tx, user: SessionUser): Promise<number[] | 'all'> {
  if (user.role === 'admin') return 'all';
  if (user.role === 'rep') return [user.teamId];
  const managed = await db.select({ id: teamManagers.teamId }).from(teamManagers).where(eq(teamManagers.userId, user.id));
  return [...new Set([user.teamId, ...managed.map((row) => row.id)])];
}

/** A team filter the user may apply: an unknown team, or one they do not see, is NOT_FOUND. */
export async function requireVisibleTeam(db: Db | Tx, user: SessionUser, teamId: number): Promise<void> {
  const visible = await visibleTeamIds(db, user);
  const exists = first(await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).limit(1));
  if (!exists || (visible !== 'all' && !visible.includes(teamId))) throw notFound('Team');
}

/**
 * The team a team-level read or write is about: the user's own unless they name another,
 * which must be one they see whole (an admin any, a manager the teams they manage).
 */
export async function readableTeam(db: Db | Tx, user: SessionUser, teamId: number | undefined): Promise<number> {
  if (teamId === undefined || teamId === user.teamId) return user.teamId;
  await requireVisibleTeam(db, user, teamId);
  return teamId;
}

async function accountWhere(db: Db | Tx, accountId: number, scope: SQL | undefined) {
  const account = first(
    await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.id, accountId), scope))
      .limit(1),
  );
  if (!account) throw notFound('Account');
  return account;
}

/** The account if the user sees it (visibleAccounts); NOT_FOUND otherwise. */
export const requireAccount = (db: Db | Tx, user: SessionUser, accountId: number) => accountWhere(db, accountId, visibleAccounts(user, db));

/** An account of a team the user works in (teamAccounts), seen or not: where a rep may open a deal. NOT_FOUND otherwise. */
export const requireTeamAccount = (db: Db | Tx, user: SessionUser, accountId: number) => accountWhere(db, accountId, teamAccounts(user, db));
