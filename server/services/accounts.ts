/**
 * Accounts (SPEC §3, §11): the facts a person sets, written through one versioned service.
 * Everything derived — purchase pattern, pseudo key, scorecard, phase suggestion, health —
 * lives in ./accountViews.ts on top of shared/scoring/account.ts.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { phaseOfPractice } from '../../shared/accounts';
import { ACCOUNT_OPTIONS_MAX, type TAccountCreate, type TAccountOptions, type TAccountPractice, type TAccountUpdate } from '../../shared/schemas/account';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first } from '../db/rows';
import { accountPractices, accounts, users } from '../db/tables';
import { AppError, assertVersion, badInput, notFound } from '../errors';
import { byteOrder } from '../db/dialect';
import { readableTeam, requireAccount, requireVisibleTeam, seesWholeAccount, teamAccounts } from './access';
import { syncAccountFlags } from './accountFlags';
import { changedFields, recordEvent } from './events';

export const accountColumns = () => ({
  id: accounts.id,
  teamId: accounts.teamId,
  name: accounts.name,
  industry: accounts.industry,
  tier: accounts.tier,
  phase: accounts.phase,
  ownerId: accounts.ownerId,
  ownerName: users.name,
  strategicValue: accounts.strategicValue,
  creditStanding: accounts.creditStanding,
  productFit: accounts.productFit,
  centralPurchasing: accounts.centralPurchasing,
  version: accounts.version,
  createdAt: accounts.createdAt,
  updatedAt: accounts.updatedAt,
});

/** An account's facts as the API carries them. `ownerId` is the key-account manager; `updatedAt` is `createdAt` until the first edit. */
export interface AccountDto {
  id: number;
  teamId: number;
  name: string;
  industry: string | null;
  tier: 'A' | 'B' | 'C';
  phase: (typeof accounts.$inferSelect)['phase'];
  ownerId: number | null;
  ownerName: string | null;
  strategicValue: number | null;
  creditStanding: number | null;
  productFit: number | null;
  centralPurchasing: boolean | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type AccountRow = Omit<AccountDto, 'updatedAt'> & { updatedAt: string | null };
export const accountDto = (row: AccountRow): AccountDto => ({ ...row, updatedAt: row.updatedAt ?? row.createdAt });

export function accountQuery(db: Db | Tx) {
  return db.select(accountColumns()).from(accounts).leftJoin(users, eq(users.id, accounts.ownerId));
}

export async function getAccountDto(db: Db | Tx, id: number): Promise<AccountDto> {
  const row = first(await accountQuery(db).where(eq(accounts.id, id)).limit(1));
  if (!row) throw notFound('Account');
  return accountDto(row);
}

/**
 * Who may change an account's facts and tick its practices (docs/decisions/0024): its
 * key-account manager, a manager of its team, an admin. A rep who sees the account but
 * does not manage it may log activities and complaints on it, not edit it.
 */
export const mayEditAccount = (user: SessionUser, account: { ownerId: number | null }): boolean => seesWholeAccount(user, account);

/** `like` with the user's text taken literally: % and _ are escaped (as in dealList.ts). */
export const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `account.options`: names only, for the new-deal picker (0029). A rep may open a deal on any
 * account of their team, including ones they do not see yet, so the picker cannot use
 * `account.list`; it learns the name and nothing else.
 */
export async function accountOptions(db: Db, user: SessionUser, input: TAccountOptions): Promise<{ id: number; name: string }[]> {
  if (input?.teamId !== undefined) await requireVisibleTeam(db, user, input.teamId);
  return db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(and(teamAccounts(user, db), input?.teamId === undefined ? undefined : eq(accounts.teamId, input.teamId), input?.q ? sql`lower(${accounts.name}) like ${containing(input.q)} escape '\\'` : undefined))
    .orderBy(byteOrder(accounts.name), asc(accounts.id))
    .limit(input?.limit ?? ACCOUNT_OPTIONS_MAX);
}

/** The account if the user may edit it: NOT_FOUND when they do not see it, FORBIDDEN when they only see it. */
export async function requireEditableAccount(tx: Db | Tx, user: SessionUser, accountId: number) {
  const account = await requireAccount(tx, user, accountId);
  if (!mayEditAccount(user, account)) throw new AppError('FORBIDDEN', 'Only the key-account manager, a manager of the team or an admin may change this account');
  return account;
}

/** The key-account manager must be an active member of the account's team (a rep may name only themselves on a new account). */
async function resolveKeyAccountManager(tx: Tx, ownerId: number | null, teamId: number): Promise<number | null> {
  if (ownerId === null) return null;
  const owner = first(await tx.select({ id: users.id, teamId: users.teamId, active: users.active }).from(users).where(eq(users.id, ownerId)).limit(1));
  if (!owner || !owner.active || owner.teamId !== teamId) throw badInput('ownerId', 'the key-account manager must be an active member of the account’s team');
  return owner.id;
}

export async function createAccount(db: Db, user: SessionUser, input: TAccountCreate, now: Date): Promise<AccountDto> {
  return writeTransaction(db, async (tx) => {
    const teamId = await readableTeam(tx, user, input.teamId);
    if (user.role === 'rep' && input.ownerId !== undefined && input.ownerId !== null && input.ownerId !== user.id) {
      throw new AppError('FORBIDDEN', 'A rep can name only themselves as key-account manager', { field: 'ownerId' });
    }
    // A rep who opens an account manages it until someone hands it over.
    const ownerId = await resolveKeyAccountManager(tx, input.ownerId === undefined ? (user.role === 'rep' ? user.id : null) : input.ownerId, teamId);
    const stamp = now.toISOString();
    // Absent when the name is taken (ON CONFLICT DO NOTHING returns no row).
    const row = first(
      await tx
        .insert(accounts)
        .values({
          teamId,
          name: input.name,
          industry: input.industry || null,
          tier: input.tier ?? 'B',
          phase: input.phase ?? 'prospect',
          ownerId,
          strategicValue: input.strategicValue ?? null,
          creditStanding: input.creditStanding ?? null,
          productFit: input.productFit ?? null,
          centralPurchasing: input.centralPurchasing ?? null,
          createdAt: stamp,
          updatedAt: stamp,
        })
        .onConflictDoNothing()
        .returning({ id: accounts.id }),
    );
    if (!row) throw new AppError('CONFLICT', `An account named "${input.name}" already exists`, { field: 'name' });
    const dto = await getAccountDto(tx, row.id);
    await recordEvent(tx, { teamId, dealId: null, actorId: user.id, kind: 'account.created', entity: 'account', entityId: row.id, after: dto, at: now });
    // Opened as tier A in stabilize or strengthen, with no executive meeting yet: NO_EXEC_MEETING at once (SPEC §11, §15).
    await syncAccountFlags(tx, { accountIds: [row.id] }, now);
    return dto;
  });
}

/** Versioned: a stale version is CONFLICT with the current account; a tier change is kept with who, when and why. */
export async function updateAccount(db: Db, user: SessionUser, input: TAccountUpdate, now: Date): Promise<AccountDto> {
  return writeTransaction(db, async (tx) => {
    const current = await requireEditableAccount(tx, user, input.id);
    await assertVersion('Account', current, input.version, () => getAccountDto(tx, current.id));
    const { id, version: _version, reason, ...patch } = input;
    const ownerId = patch.ownerId === undefined ? undefined : await resolveKeyAccountManager(tx, patch.ownerId, current.teamId);
    const diff = changedFields(current, { ...patch, industry: patch.industry === undefined ? undefined : patch.industry || null, ownerId });
    if (!diff) return getAccountDto(tx, id);
    // A name another account of the team has is refused by the unique index: CONFLICT (errors.ts).
    await tx
      .update(accounts)
      .set({ ...diff.after, version: current.version + 1, updatedAt: now.toISOString() })
      .where(eq(accounts.id, id));
    const name = diff.after.name ?? current.name;
    const before = { ...diff.before, name: current.name };
    if (diff.after.tier !== undefined) {
      await recordEvent(tx, { teamId: current.teamId, dealId: null, actorId: user.id, kind: 'account.tierChanged', entity: 'account', entityId: id, before, after: { ...diff.after, name, reason: reason! }, at: now });
    } else {
      await recordEvent(tx, { teamId: current.teamId, dealId: null, actorId: user.id, kind: 'account.updated', entity: 'account', entityId: id, before, after: { ...diff.after, name }, at: now });
    }
    // The tier and phase raise PSEUDO_KEY_ACCOUNT and NO_EXEC_MEETING at once (SPEC §11, §15).
    if (diff.after.tier !== undefined || diff.after.phase !== undefined) await syncAccountFlags(tx, { accountIds: [id] }, now);
    return getAccountDto(tx, id);
  });
}

/** Tick or untick a practice of the phase checklist: idempotent (ticking a ticked practice changes nothing, logs nothing). */
export async function setPractice(db: Db, user: SessionUser, input: TAccountPractice, now: Date): Promise<{ practice: TAccountPractice['practice']; done: boolean; changed: boolean }> {
  return writeTransaction(db, async (tx) => {
    const account = await requireEditableAccount(tx, user, input.accountId);
    const where = and(eq(accountPractices.accountId, account.id), eq(accountPractices.practice, input.practice));
    const ticked = first(await tx.select({ practice: accountPractices.practice }).from(accountPractices).where(where).limit(1));
    const record = { practice: input.practice, phase: phaseOfPractice(input.practice) };
    if (input.done === Boolean(ticked)) return { practice: input.practice, done: input.done, changed: false };
    if (input.done) {
      await tx.insert(accountPractices).values({ accountId: account.id, practice: input.practice, doneBy: user.id, doneAt: now.toISOString() }).onConflictDoNothing();
      await recordEvent(tx, { teamId: account.teamId, dealId: null, actorId: user.id, kind: 'account.practiceTicked', entity: 'accountPractice', entityId: account.id, after: record, at: now });
    } else {
      await tx.delete(accountPractices).where(where);
      await recordEvent(tx, { teamId: account.teamId, dealId: null, actorId: user.id, kind: 'account.practiceUnticked', entity: 'accountPractice', entityId: account.id, before: record, at: now });
    }
    return { practice: input.practice, done: input.done, changed: true };
  });
}
