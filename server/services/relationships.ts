/** Edges of the influence map besides reporting lines: who influences whom, who is allied, who are rivals. */
import { and, eq, or } from 'drizzle-orm';
import type { RelationshipKind } from '../../shared/domain';
import type { TRelationshipAdd } from '../../shared/schemas/relationship';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { contacts, relationships, stakeholders } from '../db/schema';
import { AppError, badInput, notFound } from '../errors';
import { requireDeal } from './access';
import { recordEvent } from './events';
import type { RelationshipDto } from './stakeholders';

/** `allied` and `rivals` go both ways; only `influences` has a direction. */
const SYMMETRIC_KINDS: readonly RelationshipKind[] = ['allied', 'rivals'];

function personOfDeal(tx: Tx, dealId: number, stakeholderId: number, field: 'fromStakeholderId' | 'toStakeholderId') {
  const person = tx
    .select({ id: stakeholders.id, dealId: stakeholders.dealId, name: contacts.name })
    .from(stakeholders)
    .innerJoin(contacts, eq(contacts.id, stakeholders.contactId))
    .where(eq(stakeholders.id, stakeholderId))
    .get();
  if (!person || person.dealId !== dealId) throw badInput(field, 'must be a stakeholder of this deal');
  return person;
}

function samePair(from: number, to: number, kind: RelationshipKind) {
  const forward = and(eq(relationships.fromStakeholderId, from), eq(relationships.toStakeholderId, to));
  const backward = and(eq(relationships.fromStakeholderId, to), eq(relationships.toStakeholderId, from));
  return and(eq(relationships.kind, kind), SYMMETRIC_KINDS.includes(kind) ? or(forward, backward) : forward);
}

export function addRelationship(db: Db, user: SessionUser, input: TRelationshipAdd, now: Date): RelationshipDto {
  return writeTransaction(db, (tx) => {
    const deal = requireDeal(tx, user, input.dealId);
    if (input.fromStakeholderId === input.toStakeholderId) throw badInput('toStakeholderId', 'a person cannot have a relationship with themselves');
    const from = personOfDeal(tx, deal.id, input.fromStakeholderId, 'fromStakeholderId');
    const to = personOfDeal(tx, deal.id, input.toStakeholderId, 'toStakeholderId');
    const existing = tx.select().from(relationships).where(samePair(from.id, to.id, input.kind)).get();
    if (existing) throw new AppError('CONFLICT', `${from.name} and ${to.name} already have this relationship`, { field: 'kind', current: existing });
    const row = tx
      .insert(relationships)
      .values({ dealId: deal.id, fromStakeholderId: from.id, toStakeholderId: to.id, kind: input.kind, strength: input.strength ?? 2, createdAt: now.toISOString() })
      .returning()
      .get();
    recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'relationship.added', entity: 'relationship', entityId: row.id, after: { ...row, fromName: from.name, toName: to.name }, at: now });
    return row;
  });
}

export function removeRelationship(db: Db, user: SessionUser, id: number, now: Date): { ok: true } {
  return writeTransaction(db, (tx) => {
    const row = tx.select().from(relationships).where(eq(relationships.id, id)).get();
    if (!row) throw notFound('Relationship');
    const deal = requireDeal(tx, user, row.dealId);
    const name = (stakeholderId: number) =>
      tx.select({ name: contacts.name }).from(stakeholders).innerJoin(contacts, eq(contacts.id, stakeholders.contactId)).where(eq(stakeholders.id, stakeholderId)).get()?.name ?? null;
    const before = { ...row, fromName: name(row.fromStakeholderId), toName: name(row.toStakeholderId) };
    tx.delete(relationships).where(eq(relationships.id, row.id)).run();
    recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'relationship.removed', entity: 'relationship', entityId: row.id, before, at: now });
    return { ok: true as const };
  });
}
