import { desc, eq, inArray } from 'drizzle-orm';
import type { TCoachingNoteAdd } from '../../shared/schemas/review';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { coachingNotes, users } from '../db/tables';
import { forbidden } from '../errors';
import { requireDeal } from './access';
import { recordEvent } from './events';

const noteColumns = {
  id: coachingNotes.id,
  dealId: coachingNotes.dealId,
  body: coachingNotes.body,
  authorId: coachingNotes.authorId,
  authorName: users.name,
  createdAt: coachingNotes.createdAt,
};

function noteQuery(db: Db | Tx) {
  return db.select(noteColumns).from(coachingNotes).innerJoin(users, eq(users.id, coachingNotes.authorId));
}

export type CoachingNoteDto = Awaited<ReturnType<typeof noteQuery>>[number];

/** Newest first: the rep reads the latest advice at the top. */
export async function listCoachingNotes(db: Db | Tx, user: SessionUser, dealId: number): Promise<CoachingNoteDto[]> {
  const deal = await requireDeal(db, user, dealId);
  return noteQuery(db).where(eq(coachingNotes.dealId, deal.id)).orderBy(desc(coachingNotes.createdAt), desc(coachingNotes.id));
}

/** The latest note of each deal, for the review list: one query for any number of deals. */
export async function latestCoachingNotes(db: Db | Tx, dealIds: readonly number[]): Promise<Map<number, CoachingNoteDto>> {
  const latest = new Map<number, CoachingNoteDto>();
  if (dealIds.length === 0) return latest;
  const rows = await noteQuery(db)
    .where(inArray(coachingNotes.dealId, [...dealIds]))
    .orderBy(desc(coachingNotes.createdAt), desc(coachingNotes.id));
  for (const row of rows) if (!latest.has(row.dealId)) latest.set(row.dealId, row);
  return latest;
}

/** Coaching is the manager's job (SPEC §1): reps read notes but cannot write them. */
export async function addCoachingNote(db: Db, user: SessionUser, input: TCoachingNoteAdd, now: Date): Promise<CoachingNoteDto> {
  if (user.role === 'rep') throw forbidden('Only a manager or an admin can leave a coaching note');
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const row = single(
      await tx
        .insert(coachingNotes)
        .values({ dealId: deal.id, authorId: user.id, body: input.body, createdAt: now.toISOString() })
        .returning({ id: coachingNotes.id }),
    );
    const dto = first(await noteQuery(tx).where(eq(coachingNotes.id, row.id)).limit(1))!;
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'coachingNote.added', entity: 'coachingNote', entityId: row.id, after: dto, at: now });
    return dto;
  });
}
