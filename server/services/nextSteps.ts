import { asc, eq, sql } from 'drizzle-orm';
import { ascNullsFirst } from '../db/dialect';
import { prepared } from '../db/prepared';
import type { z } from 'zod';
import type { ZNextStepAddSchema, ZNextStepUpdateSchema } from '../../shared/schemas/infoPoint';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { nextSteps } from '../db/tables';
import { assertVersion, notFound } from '../errors';
import { requireDeal } from './access';
import { changedFields, recordEvent } from './events';

export type NextStepDto = typeof nextSteps.$inferSelect;

const nextStepsOfDeal = prepared((db) =>
  db
    .select()
    .from(nextSteps)
    .where(eq(nextSteps.dealId, sql.placeholder('dealId')))
    .orderBy(asc(nextSteps.done), ascNullsFirst(nextSteps.dueDate), asc(nextSteps.id))
    .prepare(),
);

export async function listNextSteps(db: Db | Tx, dealId: number): Promise<NextStepDto[]> {
  return nextStepsOfDeal(db).execute({ dealId });
}

async function requireNextStep(tx: Tx, user: SessionUser, id: number) {
  const step = first(await tx.select().from(nextSteps).where(eq(nextSteps.id, id)).limit(1));
  if (!step) throw notFound('Next step');
  return { step, deal: await requireDeal(tx, user, step.dealId) };
}

export async function addNextStep(db: Db, user: SessionUser, input: z.infer<typeof ZNextStepAddSchema>, now: Date): Promise<NextStepDto> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const stamp = now.toISOString();
    const step = single(
      await tx
        .insert(nextSteps)
        .values({ dealId: deal.id, title: input.title, owner: input.owner || null, dueDate: input.dueDate ?? null, createdAt: stamp, updatedAt: stamp })
        .returning(),
    );
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'nextStep.added', entity: 'nextStep', entityId: step.id, after: step, at: now });
    return step;
  });
}

export async function updateNextStep(db: Db, user: SessionUser, input: z.infer<typeof ZNextStepUpdateSchema>, now: Date): Promise<NextStepDto> {
  return writeTransaction(db, async (tx) => {
    const { step, deal } = await requireNextStep(tx, user, input.id);
    await assertVersion('Next step', step, input.version, (row) => row);
    const diff = changedFields(step, {
      title: input.title,
      owner: input.owner === undefined ? undefined : input.owner || null,
      dueDate: input.dueDate,
      done: input.done,
    });
    if (!diff) return step;
    const updated = single(
      await tx
        .update(nextSteps)
        .set({ ...diff.after, version: step.version + 1, updatedAt: now.toISOString() })
        .where(eq(nextSteps.id, step.id))
        .returning(),
    );
    await recordEvent(tx, {
      teamId: deal.teamId,
      dealId: deal.id,
      actorId: user.id,
      kind: diff.after.done === true ? 'nextStep.done' : 'nextStep.updated',
      entity: 'nextStep',
      entityId: step.id,
      before: { title: step.title, ...diff.before },
      after: { title: updated.title, ...diff.after },
      at: now,
    });
    return updated;
  });
}

export async function removeNextStep(db: Db, user: SessionUser, id: number, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const { step, deal } = await requireNextStep(tx, user, id);
    await tx.delete(nextSteps).where(eq(nextSteps.id, step.id));
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'nextStep.removed', entity: 'nextStep', entityId: step.id, before: step, at: now });
    return { ok: true as const };
  });
}
