import { asc, eq } from 'drizzle-orm';
import type { TContactPatch, TContactUpdate } from '../../shared/schemas/contact';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { byteOrder } from '../db/dialect';
import { first } from '../db/rows';
import { contacts } from '../db/tables';
import { assertVersion, badInput, notFound } from '../errors';
import { requireAccount } from './access';
import { assertLeftAt, recordLeaving } from './contactLeft';
import { syncAccountFlags } from './accountFlags';
import { changedFields, recordEvent } from './events';
import { dealFactsOfContact, recordHealthSnapshots } from './health';

export type ContactRow = typeof contacts.$inferSelect;

const contactColumns = {
  id: contacts.id,
  accountId: contacts.accountId,
  name: contacts.name,
  title: contacts.title,
  department: contacts.department,
  level: contacts.level,
  reportsToContactId: contacts.reportsToContactId,
  email: contacts.email,
  phone: contacts.phone,
  leftAt: contacts.leftAt,
  version: contacts.version,
  updatedAt: contacts.updatedAt,
};
export type ContactDto = Pick<ContactRow, keyof typeof contactColumns>;

/**
 * Contacts belong to the account, not to a deal: anyone on the account's team
 * may read and correct them (requireAccount), so every deal with the account
 * shares one org chart. See docs/decisions/0006-stakeholder-map-api.md.
 */
export async function listContacts(db: Db, user: SessionUser, accountId: number): Promise<ContactDto[]> {
  const account = await requireAccount(db, user, accountId);
  return db.select(contactColumns).from(contacts).where(eq(contacts.accountId, account.id)).orderBy(byteOrder(contacts.name), asc(contacts.id));
}

async function getContactDto(db: Db | Tx, id: number): Promise<ContactDto> {
  const row = first(await db.select(contactColumns).from(contacts).where(eq(contacts.id, id)).limit(1));
  if (!row) throw notFound('Contact');
  return row;
}

/** Empty text means "none", stored as null, so '' and null never count as a change. */
const orNull = (value: string | undefined) => (value === undefined ? undefined : value || null);

/** The contact fields of a patch as column values (undefined = leave alone). */
export function contactPatchValues(patch: TContactPatch) {
  return {
    name: patch.name,
    title: orNull(patch.title),
    department: orNull(patch.department),
    level: patch.level,
    reportsToContactId: patch.reportsToContactId,
    email: orNull(patch.email),
    phone: orNull(patch.phone),
  };
}

/**
 * A reporting line must stay inside the account and must not loop back:
 * walking up from the new manager must never reach the contact itself.
 */
export async function assertReportsTo(tx: Tx, accountId: number, contactId: number | null, reportsToContactId: number | null | undefined): Promise<void> {
  if (reportsToContactId === null || reportsToContactId === undefined) return;
  if (reportsToContactId === contactId) throw badInput('reportsToContactId', 'a person cannot report to themselves');
  const manager = first(await tx.select({ id: contacts.id, accountId: contacts.accountId }).from(contacts).where(eq(contacts.id, reportsToContactId)).limit(1));
  if (!manager || manager.accountId !== accountId) throw badInput('reportsToContactId', 'must be a contact of the same account');
  if (contactId === null) return;
  const seen = new Set<number>();
  let cursor: number | null = reportsToContactId;
  while (cursor !== null && !seen.has(cursor)) {
    if (cursor === contactId) throw badInput('reportsToContactId', 'this reporting line would make a loop');
    seen.add(cursor);
    cursor = first(await tx.select({ up: contacts.reportsToContactId }).from(contacts).where(eq(contacts.id, cursor)).limit(1))?.up ?? null;
  }
}

/**
 * Apply a patch to a contact row (validated, version bumped once). Returns the diff,
 * or null when nothing changed. The caller logs it in its own event(s).
 */
export async function patchContact(tx: Tx, contact: ContactRow, patch: TContactPatch, now: Date, leaving: { leftAt?: string | null } = {}): Promise<ReturnType<typeof changedFields<ContactRow>>> {
  const values = { ...contactPatchValues(patch), ...leaving };
  if (values.reportsToContactId !== undefined && values.reportsToContactId !== contact.reportsToContactId) {
    await assertReportsTo(tx, contact.accountId, contact.id, values.reportsToContactId);
  }
  const diff = changedFields(contact, values);
  if (!diff) return null;
  await tx
    .update(contacts)
    .set({ ...diff.after, version: contact.version + 1, updatedAt: now.toISOString() })
    .where(eq(contacts.id, contact.id));
  return diff;
}

/** A contact's level counts in the coverage of every deal they are on, and their name in its flags and reasons. */
export async function refreshDealsOfContact(tx: Tx, contactId: number, actorId: number, now: Date): Promise<void> {
  await recordHealthSnapshots(tx, await dealFactsOfContact(tx, contactId), actorId, now);
}

export async function updateContact(db: Db, user: SessionUser, input: TContactUpdate, now: Date): Promise<ContactDto> {
  return writeTransaction(db, async (tx) => {
    const contact = first(await tx.select().from(contacts).where(eq(contacts.id, input.id)).limit(1));
    if (!contact) throw notFound('Contact');
    const account = await requireAccount(tx, user, contact.accountId);
    await assertVersion('Contact', contact, input.version, (row) => getContactDto(tx, row.id));
    const { id, version, leftAt, ...patch } = input;
    void version;
    if (leftAt !== contact.leftAt) assertLeftAt(leftAt, now);
    const diff = await patchContact(tx, contact, patch, now, { leftAt });
    if (!diff) return getContactDto(tx, id);
    // Leaving (or coming back) has events of its own; any other field is a plain correction.
    const { leftAt: leftBefore, ...before } = diff.before;
    const { leftAt: leftAfter, ...after } = diff.after;
    const name = after.name ?? contact.name;
    if (Object.keys(after).length > 0) {
      await recordEvent(tx, { teamId: account.teamId, dealId: null, actorId: user.id, kind: 'contact.updated', entity: 'contact', entityId: id, before: { name: contact.name, ...before }, after: { name, ...after }, at: now });
    }
    if (leftAfter !== undefined) {
      await recordLeaving(tx, { contactId: id, name, accountTeamId: account.teamId, before: leftBefore ?? null, after: leftAfter, actorId: user.id, now });
    }
    // Their level, or whether they still count at all, moves the coverage of every deal they are on; the flags and reasons name them.
    if (after.level !== undefined || after.name !== undefined || leftAfter !== undefined) await refreshDealsOfContact(tx, id, user.id, now);
    // A champion leaving raises CHAMPION_LEFT on the account in this transaction (SPEC §11, §15); an executive's level moves KEY_CONTACT_SILENT.
    if (after.level !== undefined || leftAfter !== undefined) await syncAccountFlags(tx, { accountIds: [contact.accountId] }, now);
    return getContactDto(tx, id);
  });
}
