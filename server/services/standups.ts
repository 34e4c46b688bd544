/** Stand-up records: when the team last walked its pipeline, so the next one starts there. */
import { desc, eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { standups, users } from '../db/tables';
import { forbidden } from '../errors';
import { recordEvent } from './events';
import { readableTeam } from './access';

const standupColumns = {
  id: standups.id,
  teamId: standups.teamId,
  heldAt: standups.heldAt,
  recordedBy: standups.recordedBy,
  recordedByName: users.name,
};

async function lastOf(db: Db | Tx, teamId: number) {
  return (
    first(
      await db
        .select(standupColumns)
        .from(standups)
        .innerJoin(users, eq(users.id, standups.recordedBy))
        .where(eq(standups.teamId, teamId))
        .orderBy(desc(standups.heldAt), desc(standups.id))
        .limit(1),
    ) ?? null
  );
}
export type StandupDto = NonNullable<Awaited<ReturnType<typeof lastOf>>>;

/** The team's last stand-up, or null before the first. Anyone who sees the team may ask. */
export async function lastStandup(db: Db, user: SessionUser, teamId: number | undefined): Promise<StandupDto | null> {
  return lastOf(db, await readableTeam(db, user, teamId));
}

/** Managers run the stand-up for any team they manage; admins for any team. */
export async function recordStandup(db: Db, user: SessionUser, teamId: number | undefined, now: Date): Promise<StandupDto> {
  if (user.role === 'rep') throw forbidden('Only a manager or an admin can mark a stand-up as held');
  return writeTransaction(db, async (tx) => {
    const team = await readableTeam(tx, user, teamId);
    const row = single(await tx.insert(standups).values({ teamId: team, heldAt: now.toISOString(), recordedBy: user.id, createdAt: now.toISOString() }).returning({ id: standups.id }));
    const dto = first(await tx.select(standupColumns).from(standups).innerJoin(users, eq(users.id, standups.recordedBy)).where(eq(standups.id, row.id)).limit(1))!;
    await recordEvent(tx, { teamId: team, dealId: null, actorId: user.id, kind: 'standup.recorded', entity: 'standup', entityId: row.id, after: dto, at: now });
    return dto;
  });
}
