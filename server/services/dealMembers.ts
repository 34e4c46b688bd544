import { and, asc, eq } from 'drizzle-orm';
import type { TDealMember } from '../../shared/schemas/dealMember';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { dealMembers, users } from '../db/schema';
import { AppError, badInput, notFound } from '../errors';
import { requireDeal } from './access';
import { recordEvent } from './events';

/**
 * SPEC §7: a rep sees and edits the deals they were added to as a team member.
 * Whoever may edit a deal (its owner, a member, the team's manager, an admin)
 * may change who else is on it; access itself is enforced in ./access.
 */
export interface DealMemberDto {
  userId: number;
  name: string;
  role: (typeof users.$inferSelect)['role'];
  active: boolean;
}

function membersOf(db: Db | Tx, dealId: number): DealMemberDto[] {
  return db
    .select({ userId: users.id, name: users.name, role: users.role, active: users.active })
    .from(dealMembers)
    .innerJoin(users, eq(users.id, dealMembers.userId))
    .where(eq(dealMembers.dealId, dealId))
    .orderBy(asc(users.name))
    .all();
}

export function listDealMembers(db: Db, user: SessionUser, dealId: number): DealMemberDto[] {
  return membersOf(db, requireDeal(db, user, dealId).id);
}

export function addDealMember(db: Db, user: SessionUser, input: TDealMember, now: Date): DealMemberDto {
  return writeTransaction(db, (tx) => {
    const deal = requireDeal(tx, user, input.dealId);
    const member = tx
      .select({ userId: users.id, name: users.name, role: users.role, active: users.active, teamId: users.teamId })
      .from(users)
      .where(eq(users.id, input.userId))
      .get();
    if (!member || !member.active || member.teamId !== deal.teamId) {
      throw badInput('userId', 'a deal team member must be an active user of the deal’s team');
    }
    if (member.userId === deal.ownerId) throw badInput('userId', 'the owner is already on the deal');
    const existing = tx
      .select({ userId: dealMembers.userId })
      .from(dealMembers)
      .where(and(eq(dealMembers.dealId, deal.id), eq(dealMembers.userId, member.userId)))
      .get();
    if (existing) throw new AppError('CONFLICT', `userId: ${member.name} is already on the deal team`, { field: 'userId' });
    tx.insert(dealMembers).values({ dealId: deal.id, userId: member.userId, createdAt: now.toISOString() }).run();
    recordEvent(tx, {
      teamId: deal.teamId,
      dealId: deal.id,
      actorId: user.id,
      kind: 'deal.memberAdded',
      entity: 'dealMember',
      entityId: member.userId,
      after: { userId: member.userId, name: member.name },
      at: now,
    });
    return { userId: member.userId, name: member.name, role: member.role, active: member.active };
  });
}

export function removeDealMember(db: Db, user: SessionUser, input: TDealMember, now: Date): { ok: true } {
  return writeTransaction(db, (tx) => {
    const deal = requireDeal(tx, user, input.dealId);
    const member = membersOf(tx, deal.id).find((m) => m.userId === input.userId);
    if (!member) throw notFound('Deal team member');
    tx.delete(dealMembers)
      .where(and(eq(dealMembers.dealId, deal.id), eq(dealMembers.userId, member.userId)))
      .run();
    recordEvent(tx, {
      teamId: deal.teamId,
      dealId: deal.id,
      actorId: user.id,
      kind: 'deal.memberRemoved',
      entity: 'dealMember',
      entityId: member.userId,
      before: { userId: member.userId, name: member.name },
      at: now,
    });
    return { ok: true as const };
  });
}
