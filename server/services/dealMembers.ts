import { and, asc, eq } from 'drizzle-orm';
import type { TDealMember } from '../../shared/schemas/dealMember';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { byteOrder } from '../db/dialect';
import { first } from '../db/rows';
import { dealMembers, users } from '../db/tables';
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

async function membersOf(db: Db | Tx, dealId: number): Promise<DealMemberDto[]> {
  return db
    .select({ userId: users.id, name: users.name, role: users.role, active: users.active })
    .from(dealMembers)
    .innerJoin(users, eq(users.id, dealMembers.userId))
    .where(eq(dealMembers.dealId, dealId))
    .orderBy(byteOrder(users.name), asc(users.id));
}

export async function listDealMembers(db: Db, user: SessionUser, dealId: number): Promise<DealMemberDto[]> {
  return membersOf(db, (await requireDeal(db, user, dealId)).id);
}

export async function addDealMember(db: Db, user: SessionUser, input: TDealMember, now: Date): Promise<DealMemberDto> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const member = first(
      await tx
        .select({ userId: users.id, name: users.name, role: users.role, active: users.active, teamId: users.teamId })
        .from(users)
        .where(eq(users.id, input.userId))
        .limit(1),
    );
    if (!member || !member.active || member.teamId !== deal.teamId) {
      throw badInput('userId', 'a deal team member must be an active user of the deal’s team');
    }
    if (member.userId === deal.ownerId) throw badInput('userId', 'the owner is already on the deal');
    const existing = first(
      await tx
        .select({ userId: dealMembers.userId })
        .from(dealMembers)
        .where(and(eq(dealMembers.dealId, deal.id), eq(dealMembers.userId, member.userId)))
        .limit(1),
    );
    if (existing) throw new AppError('CONFLICT', `userId: ${member.name} is already on the deal team`, { field: 'userId' });
    await tx.insert(dealMembers).values({ dealId: deal.id, userId: member.userId, createdAt: now.toISOString() });
    await recordEvent(tx, {
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

export async function removeDealMember(db: Db, user: SessionUser, input: TDealMember, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const member = (await membersOf(tx, deal.id)).find((m) => m.userId === input.userId);
    if (!member) throw notFound('Deal team member');
    await tx.delete(dealMembers).where(and(eq(dealMembers.dealId, deal.id), eq(dealMembers.userId, member.userId)));
    await recordEvent(tx, {
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
