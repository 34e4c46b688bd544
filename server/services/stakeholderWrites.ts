/**
 * Writes to a deal's buying group: put a person on the map, change them, take
 * them off. Each is one transaction: access, version, rows, event, coverage.
 */
import { and, eq, or, sql } from 'drizzle-orm';
import type { TStakeholderAdd, TStakeholderUpdate } from '../../shared/schemas/stakeholder';
import type { EventKind } from '../../shared/events';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { prepared } from '../db/prepared';
import { first, single } from '../db/rows';
import { competitorFavouredBy, contacts, infoPoints, relationships, stakeholders } from '../db/tables';
import { AppError, assertVersion, badInput, notFound } from '../errors';
import { requireDeal, type DealRow } from './access';
import { assertReportsTo, contactPatchValues, patchContact, refreshDealsOfContact } from './contacts';
import { changedFields, recordEvent } from './events';
import { refreshHealthSnapshot } from './health';
import { getStakeholderDto, type StakeholderDto } from './stakeholders';

/** Fields whose change can move coverage or a threshold (§4). */
const COVERAGE_FIELDS = ['stance', 'influence', 'decisionRole', 'isCoach', 'level'] as const;

/** Who the person is, repeated in every event so history and stand-up can say it in a sentence. */
const who = (p: StakeholderDto) => ({ stakeholderId: p.id, name: p.name, title: p.title, level: p.level, decisionRole: p.decisionRole, influence: p.influence, stance: p.stance, isCoach: p.isCoach });

const orNull = (value: string | undefined) => (value === undefined ? undefined : value || null);

function partValues(input: Partial<TStakeholderUpdate>) {
  return {
    decisionRole: input.decisionRole,
    influence: input.influence,
    stance: input.stance,
    isCoach: input.isCoach,
    explicitNeeds: orNull(input.explicitNeeds),
    implicitNeeds: orNull(input.implicitNeeds),
    notes: orNull(input.notes),
    positionX: input.positionX,
    positionY: input.positionY,
  };
}

/** The existing contact to link, or a new one created on the deal's account. */
async function resolveContact(tx: Tx, deal: DealRow, input: TStakeholderAdd, stamp: string): Promise<{ contactId: number; created: boolean }> {
  if (input.contactId !== undefined) {
    const contact = first(await tx.select({ id: contacts.id, accountId: contacts.accountId, name: contacts.name }).from(contacts).where(eq(contacts.id, input.contactId)).limit(1));
    if (!contact || contact.accountId !== deal.accountId) throw badInput('contactId', 'must be a contact of this deal’s account');
    const onDeal = first(await tx.select({ id: stakeholders.id }).from(stakeholders).where(and(eq(stakeholders.dealId, deal.id), eq(stakeholders.contactId, contact.id))).limit(1));
    if (onDeal) {
      throw new AppError('CONFLICT', `contactId: ${contact.name} is already on this deal’s map`, { field: 'contactId', current: await getStakeholderDto(tx, onDeal.id) });
    }
    return { contactId: contact.id, created: false };
  }
  // The schema guarantees name and level when no contactId is given.
  const values = contactPatchValues(input);
  await assertReportsTo(tx, deal.accountId, null, values.reportsToContactId);
  const contact = single(
    await tx
      .insert(contacts)
      .values({ ...values, accountId: deal.accountId, name: values.name!, level: values.level!, createdAt: stamp, updatedAt: stamp })
      .returning({ id: contacts.id }),
  );
  return { contactId: contact.id, created: true };
}

export async function addStakeholder(db: Db, user: SessionUser, input: TStakeholderAdd, now: Date): Promise<StakeholderDto> {
  return writeTransaction(db, async (tx) => {
    const deal = await requireDeal(tx, user, input.dealId);
    const stamp = now.toISOString();
    const { contactId, created } = await resolveContact(tx, deal, input, stamp);
    const part = partValues(input);
    const row = single(
      await tx
        .insert(stakeholders)
        .values({
          dealId: deal.id,
          contactId,
          decisionRole: input.decisionRole,
          influence: input.influence,
          stance: input.stance ?? 'unknown',
          isCoach: input.isCoach ?? false,
          explicitNeeds: part.explicitNeeds ?? null,
          implicitNeeds: part.implicitNeeds ?? null,
          notes: part.notes ?? null,
          positionX: input.positionX ?? null,
          positionY: input.positionY ?? null,
          createdAt: stamp,
          updatedAt: stamp,
        })
        .returning({ id: stakeholders.id }),
    );
    const dto = await getStakeholderDto(tx, row.id);
    await recordEvent(tx, { teamId: deal.teamId, dealId: deal.id, actorId: user.id, kind: 'stakeholder.added', entity: 'stakeholder', entityId: dto.id, after: { ...dto, contactCreated: created }, at: now });
    await refreshHealthSnapshot(tx, deal.id, user.id, now);
    return dto;
  });
}

/** The rows a stakeholder write starts from, prepared once per connection (the map's drags are the busiest write). */
// By primary key, so at most one row without a LIMIT: drizzle binds a limit as a parameter, which costs SQLite more per call than the read itself (ADR 35).
const stakeholderRow = prepared((db) => db.select().from(stakeholders).where(eq(stakeholders.id, sql.placeholder('id'))).prepare());
const contactRow = prepared((db) => db.select().from(contacts).where(eq(contacts.id, sql.placeholder('id'))).prepare());

async function requireStakeholder(tx: Tx, user: SessionUser, id: number) {
  const row = first(await stakeholderRow(tx).execute({ id }));
  if (!row) throw notFound('Stakeholder');
  // Another rep's deal answers NOT_FOUND, exactly like a missing row.
  return { row, deal: await requireDeal(tx, user, row.dealId) };
}

/** Position-only changes are map housekeeping; their own kind keeps them out of stand-up sentences. */
function updateKind(changed: string[]): Extract<EventKind, 'stakeholder.stanceChanged' | 'stakeholder.moved' | 'stakeholder.updated'> {
  if (changed.includes('stance')) return 'stakeholder.stanceChanged';
  if (changed.every((key) => key === 'positionX' || key === 'positionY')) return 'stakeholder.moved';
  return 'stakeholder.updated';
}

export async function updateStakeholder(db: Db, user: SessionUser, input: TStakeholderUpdate, now: Date): Promise<StakeholderDto> {
  return writeTransaction(db, async (tx) => {
    const { row, deal } = await requireStakeholder(tx, user, input.id);
    await assertVersion('Stakeholder', row, input.version, () => getStakeholderDto(tx, row.id));
    const contact = first(await contactRow(tx).execute({ id: row.contactId }))!;
    if (input.contactVersion !== undefined) await assertVersion('Contact', contact, input.contactVersion, () => getStakeholderDto(tx, row.id));
    const before = await getStakeholderDto(tx, row.id);
    const contactDiff = await patchContact(tx, contact, input, now);
    const partDiff = changedFields(row, partValues(input));
    if (!contactDiff && !partDiff) return before;
    // The stakeholder's version covers the whole record the map shows, contact facts included.
    await tx
      .update(stakeholders)
      .set({ ...partDiff?.after, version: row.version + 1, updatedAt: now.toISOString() })
      .where(eq(stakeholders.id, row.id));
    const after = await getStakeholderDto(tx, row.id);
    const changed = [...Object.keys(contactDiff?.after ?? {}), ...Object.keys(partDiff?.after ?? {})];
    await recordEvent(tx, {
      teamId: deal.teamId,
      dealId: deal.id,
      actorId: user.id,
      kind: updateKind(changed),
      entity: 'stakeholder',
      entityId: row.id,
      before: { ...who(before), ...contactDiff?.before, ...partDiff?.before },
      after: { ...who(after), ...contactDiff?.after, ...partDiff?.after },
      at: now,
    });
    if (contactDiff?.after.level !== undefined || contactDiff?.after.name !== undefined) await refreshDealsOfContact(tx, contact.id, user.id, now);
    else if (changed.some((key) => (COVERAGE_FIELDS as readonly string[]).includes(key))) await refreshHealthSnapshot(tx, deal.id, user.id, now);
    return after;
  });
}

/** Taking a person off the map drops their relationship edges too; the event keeps all of it. */
export async function removeStakeholder(db: Db, user: SessionUser, id: number, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const { row, deal } = await requireStakeholder(tx, user, id);
    const before = await getStakeholderDto(tx, row.id);
    const edges = await tx
      .select()
      .from(relationships)
      .where(or(eq(relationships.fromStakeholderId, row.id), eq(relationships.toStakeholderId, row.id)));
    // Info points sourced from this person lose their source: say so with a new version, not silently.
    const sourced = await tx
      .update(infoPoints)
      .set({ sourceStakeholderId: null, version: sql`${infoPoints.version} + 1`, updatedAt: now.toISOString() })
      .where(eq(infoPoints.sourceStakeholderId, row.id))
      .returning({ point: infoPoints.point });
    const favours = await tx.select({ competitorId: competitorFavouredBy.competitorId }).from(competitorFavouredBy).where(eq(competitorFavouredBy.stakeholderId, row.id));
    await tx.delete(stakeholders).where(eq(stakeholders.id, row.id));
    await recordEvent(tx, {
      teamId: deal.teamId,
      dealId: deal.id,
      actorId: user.id,
      kind: 'stakeholder.removed',
      entity: 'stakeholder',
      entityId: row.id,
      before: { ...before, relationships: edges, sourceOfInfoPoints: sourced.map((p) => p.point), favoursCompetitorIds: favours.map((f) => f.competitorId) },
      at: now,
    });
    await refreshHealthSnapshot(tx, deal.id, user.id, now);
    return { ok: true as const };
  });
}
