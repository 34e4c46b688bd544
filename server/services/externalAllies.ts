/**
 * External allies (外部联盟): non-competing suppliers who sell to the same
 * account. They belong to the account, so every deal there shares them; anyone
 * on the account's team may keep them (requireAccount). See docs/decisions/0006.
 */
import { asc, eq } from 'drizzle-orm';
import type { TExternalAllyAdd, TExternalAllyUpdate } from '../../shared/schemas/externalAlly';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { byteOrder } from '../db/dialect';
import { first, single } from '../db/rows';
import { externalAllies } from '../db/tables';
import { assertVersion, notFound } from '../errors';
import { requireAccount } from './access';
import { changedFields, recordEvent } from './events';

export type ExternalAllyDto = typeof externalAllies.$inferSelect;

export async function listExternalAllies(db: Db, user: SessionUser, accountId: number): Promise<ExternalAllyDto[]> {
  const account = await requireAccount(db, user, accountId);
  return db.select().from(externalAllies).where(eq(externalAllies.accountId, account.id)).orderBy(byteOrder(externalAllies.name), asc(externalAllies.id));
}

const orNull = (value: string | undefined) => (value === undefined ? undefined : value || null);

async function requireExternalAlly(tx: Tx, user: SessionUser, id: number) {
  const ally = first(await tx.select().from(externalAllies).where(eq(externalAllies.id, id)).limit(1));
  if (!ally) throw notFound('External ally');
  return { ally, account: await requireAccount(tx, user, ally.accountId) };
}

export async function addExternalAlly(db: Db, user: SessionUser, input: TExternalAllyAdd, now: Date): Promise<ExternalAllyDto> {
  return writeTransaction(db, async (tx) => {
    const account = await requireAccount(tx, user, input.accountId);
    const stamp = now.toISOString();
    const ally = single(
      await tx
        .insert(externalAllies)
        .values({
          accountId: account.id,
          name: input.name,
          offering: input.offering ?? '',
          contribution: input.contribution ?? '',
          contactName: orNull(input.contactName) ?? null,
          contactInfo: orNull(input.contactInfo) ?? null,
          createdAt: stamp,
          updatedAt: stamp,
        })
        .returning(),
    );
    await recordEvent(tx, { teamId: account.teamId, dealId: null, actorId: user.id, kind: 'externalAlly.added', entity: 'externalAlly', entityId: ally.id, after: { ...ally, accountName: account.name }, at: now });
    return ally;
  });
}

export async function updateExternalAlly(db: Db, user: SessionUser, input: TExternalAllyUpdate, now: Date): Promise<ExternalAllyDto> {
  return writeTransaction(db, async (tx) => {
    const { ally, account } = await requireExternalAlly(tx, user, input.id);
    await assertVersion('External ally', ally, input.version, (row) => row);
    const diff = changedFields(ally, {
      name: input.name,
      offering: input.offering,
      contribution: input.contribution,
      contactName: orNull(input.contactName),
      contactInfo: orNull(input.contactInfo),
    });
    if (!diff) return ally;
    const updated = single(
      await tx
        .update(externalAllies)
        .set({ ...diff.after, version: ally.version + 1, updatedAt: now.toISOString() })
        .where(eq(externalAllies.id, ally.id))
        .returning(),
    );
    await recordEvent(tx, {
      teamId: account.teamId,
      dealId: null,
      actorId: user.id,
      kind: 'externalAlly.updated',
      entity: 'externalAlly',
      entityId: ally.id,
      before: { name: ally.name, accountId: account.id, accountName: account.name, ...diff.before },
      after: { name: updated.name, accountId: account.id, accountName: account.name, ...diff.after },
      at: now,
    });
    return updated;
  });
}

export async function removeExternalAlly(db: Db, user: SessionUser, id: number, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const { ally, account } = await requireExternalAlly(tx, user, id);
    await tx.delete(externalAllies).where(eq(externalAllies.id, ally.id));
    await recordEvent(tx, { teamId: account.teamId, dealId: null, actorId: user.id, kind: 'externalAlly.removed', entity: 'externalAlly', entityId: ally.id, before: { ...ally, accountName: account.name }, at: now });
    return { ok: true as const };
  });
}
