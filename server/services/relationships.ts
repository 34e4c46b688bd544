/** Edges of the influence map besides reporting lines: who influences whom, who is allied, who are rivals. */
import { and, eq, or } from 'drizzle-orm';
import type { RelationshipKind } from '../../shared/domain';
import type { TRelationshipAdd } from '../../shared/schemas/relationship';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { contacts, relationships, stakeholders } from '../db/tables';
import { AppError, badInput, notFound } from '../errors';
import { requireDeal } from './access';
import { recordEvent } from './events';
import type { RelationshipDto } from './stakeholders';

/** `allied` and `rivals` go both ways; only `influences` has a direction. */
const SYMMETRIC_KINDS: readonly RelationshipKind[] = ['allied', 'rivals'];

async function personOfDeal(tx: Tx, dealId: number, stakeholderId: number, field: 'fromStakeholderId' | 'toStakeholderId') {
  const person = first(
    await tx
      .select({ id: stakeholders.id, dealId: stakeholders.dealId, name: contacts.name })
      .from(stakeholders)
      .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
      .where(eq(stakeholders.id, stakeholderId))
      .limit(1),
  );
  if (!person || person.dealId !== dealId) throw badInput(field, 'must be a stakeholder of this deal');
  return person;
}

function samePair(from: number, to: number, kind: RelationshipKind) {
  const forward = and(eq(relationships.fromStakeholderId, from), eq(relationships.toStakeholderId, to));
  const backward = and(eq(relationships.fromStakeholderId, to), eq(relationships.toStakeholderId, from));
  return and(eq(relationships.kind, kind), SYMMETRIC_KINDS.includes(kind) ? or(forward, backward) : forward);
}

export async function addRelationship(db: Db, user: SessionUser, input: TRelationshipAdd, now: Date): Promise<RelationshipDto> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    if (input.fromStakeholderId === input.toStakeholderId) throw badInput('toStakeholderId', 'a person cannot have a relationship with themselves');
    const from = await personOfDeal(tx, deal.id, input.fromStakeholderId, 'fromStakeholderId');
    const to = await personOfDeal(tx, deal.id, input.toStakeholderId, 'toStakeholderId');
    const existing = first(await tx.select().from(relationships).where(samePair(from.id, to.id, input.kind)).limit(1));
    if (existing) throw new AppError('CONFLICT', `${from.name} and ${to.name} already have this relationship`, { field: 'kind', current: existing });
    const row = single(
      await tx
        .insert(relationships)
        .values({ dealId: deal.id, fromStakeholderId: from.id, toStakeholderId: to.id, kind: input.kind, strength: input.strength ?? 2, createdAt: now.toISOString() })
        .returning(),
    );
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'relationship.added', entity: 'relationship', entityId: row.id, after: { ...row, fromName: from.name, toName: to.name }, at: now });
    return row;
  });
}

export async function removeRelationship(db: Db, user: SessionUser, id: number, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const row = first(await tx.select().from(relationships).where(eq(relationships.id, id)).limit(1));
    if (!row) throw notFound('Relationship');
    const deal = await requireDeal(tx, user, row.dealId);
    const name = async (stakeholderId: number) =>
      first(await tx.select({ name: contacts.name }).from(stakeholders).innerJoin(contacts, eq(contacts.id, stakeholders.contactId)).where(eq(stakeholders.id, stakeholderId)).limit(1))?.name ?? null;
    const before = { ...row, fromName: await name(row.fromStakeholderId), toName: await name(row.toStakeholderId) };
    await tx.delete(relationships).where(eq(relationships.id, row.id));
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'relationship.removed', entity: 'relationship', entityId: row.id, before, at: now });
    return { ok: true as const };
  });
}
