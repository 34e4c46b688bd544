import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import { prepared } from '../db/prepared';
import { accounts, dealMembers, deals } from '../db/schema';
import { notFound } from '../errors';

/**
 * SPEC §7: a rep sees and edits their own deals and deals they were added to;
 * a manager every deal of their team; an admin everything. Seeing and editing
 * are the same right, so one condition serves reads and writes.
 */
export function visibleDeals(user: SessionUser, db: Db | Tx): SQL | undefined {
  if (user.role === 'admin') return undefined;
  if (user.role === 'manager') return eq(deals.teamId, user.teamId);
  return or(
    eq(deals.ownerId, user.id),
    exists(
      db
        .select({ one: dealMembers.userId })
        .from(dealMembers)
        .where(and(eq(dealMembers.dealId, deals.id), eq(dealMembers.userId, user.id))),
    ),
  );
}

export type DealRow = typeof deals.$inferSelect;

/** The deal if this user may see it; NOT_FOUND otherwise, so other teams' deals stay invisible. */
/** The same rule as visibleDeals, with the user as placeholders, so each role's lookup is prepared once. */
const dealForRole = {
  admin: prepared((db) => db.select().from(deals).where(eq(deals.id, sql.placeholder('dealId'))).prepare()),
  manager: prepared((db) =>
    db
      .select()
      .from(deals)
      .where(and(eq(deals.id, sql.placeholder('dealId')), eq(deals.teamId, sql.placeholder('teamId'))))
      .prepare(),
  ),
  rep: prepared((db) =>
    db
      .select()
      .from(deals)
      .where(
        and(
          eq(deals.id, sql.placeholder('dealId')),
          or(
            eq(deals.ownerId, sql.placeholder('userId')),
            exists(
              db
                .select({ one: dealMembers.userId })
                .from(dealMembers)
                .where(and(eq(dealMembers.dealId, deals.id), eq(dealMembers.userId, sql.placeholder('userId')))),
            ),
          ),
        ),
      )
      .prepare(),
  ),
};

export function requireDeal(db: Db | Tx, user: SessionUser, dealId: number): DealRow {
  const deal = dealForRole[user.role](db).get({ dealId, teamId: user.teamId, userId: user.id });
  if (!deal) throw notFound('Deal');
  return deal;
}

export function visibleAccounts(user: SessionUser): SQL | undefined {
  return user.role === 'admin' ? undefined : eq(accounts.teamId, user.teamId);
}

export function requireAccount(db: Db | Tx, user: SessionUser, accountId: number) {
  const account = db
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, accountId), visibleAccounts(user)))
    .get();
  if (!account) throw notFound('Account');
  return account;
}
