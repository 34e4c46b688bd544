import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { TUserCreate, TUserList, TUserResetPassword, TUserUpdate } from '../../shared/schemas/user';
import { hashPassword } from '../auth/password';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { byteOrder } from '../db/dialect';
import { first, single } from '../db/rows';
import { sessions, teams, users } from '../db/tables';
import { AppError, assertVersion, badInput, notFound } from '../errors';
import { requireVisibleTeam } from './access';
import { changedFields, recordEvent } from './events';

/** What the API shows of a user: never the password hash. */
const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  teamId: users.teamId,
  locale: users.locale,
  active: users.active,
  version: users.version,
};
export type UserDto = {
  [K in keyof typeof userColumns]: (typeof userColumns)[K]['_']['data'];
};

/**
 * The people a user can assign deals to or see as owners: their team, or another team
 * they see whole when named (an admin with no team named: everyone). Settings asks for inactive users too.
 */
export async function listTeamUsers(db: Db, user: SessionUser, input: TUserList = {}): Promise<UserDto[]> {
  const teamId = input?.teamId;
  // A manager of several teams lists any of them (a deal of that team is given to its people).
  if (teamId !== undefined) await requireVisibleTeam(db, user, teamId);
  const team = teamId ?? (user.role === 'admin' ? undefined : user.teamId);
  return db
    .select(userColumns)
    .from(users)
    .where(and(input?.includeInactive ? undefined : eq(users.active, true), team === undefined ? undefined : eq(users.teamId, team)))
    .orderBy(byteOrder(users.name), asc(users.id));
}

async function userDto(db: Db | Tx, id: number): Promise<UserDto> {
  const row = first(await db.select(userColumns).from(users).where(eq(users.id, id)).limit(1));
  if (!row) throw notFound('User');
  return row;
}

const emailTaken = () => new AppError('CONFLICT', 'email: a user with this email already exists', { field: 'email' });

/** An admin adds a user to any team (their own unless told otherwise) with a temporary password. */
export async function createUser(db: Db, actor: SessionUser, input: TUserCreate, now: Date): Promise<UserDto> {
  const email = input.email.toLowerCase();
  const teamId = input.teamId ?? actor.teamId;
  // Cheap refusals first, so a bad request never pays for a hash.
  if (!first(await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).limit(1))) throw badInput('teamId', 'no such team');
  if (first(await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, async (tx) => {
    // Checked again inside the write lock: another admin may have taken the email while we hashed.
    if (first(await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))) throw emailTaken();
    const row = single(
      await tx
        .insert(users)
        .values({ email, name: input.name, passwordHash, role: input.role, teamId, locale: input.locale ?? 'en', createdAt: now.toISOString() })
        .returning({ id: users.id }),
    );
    const dto = await userDto(tx, row.id);
    await recordEvent(tx, { teamId, dealId: null, actorId: actor.id, kind: 'user.created', entity: 'user', entityId: row.id, after: dto, at: now });
    return dto;
  });
}

async function activeAdminsOtherThan(tx: Tx, userId: number): Promise<number> {
  return first(
    await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, userId))),
  )!.n;
}

/**
 * Role, status, name, locale and team, with the version check. A move leaves the user's
 * deals with the team they belong to (a deal is the team's), and keeps the teams a
 * manager was given: those are chosen on the team, not on the person. Guard rails: the last
 * active admin stays an active admin, and no admin demotes or deactivates
 * themselves (someone else must, so the team never locks itself out by a slip).
 * Deactivating ends the user's sessions in the same transaction.
 */
export async function updateUser(db: Db, actor: SessionUser, input: TUserUpdate, now: Date): Promise<UserDto> {
  return writeTransaction(db, async (tx) => {
    const current = await userDto(tx, input.id);
    await assertVersion('User', current, input.version, (row) => row);
    const { id, version, ...patch } = input;
    void version;
    const diff = changedFields(current, patch);
    if (!diff) return current;
    const losesAdmin = current.role === 'admin' && current.active && ((diff.after.role !== undefined && diff.after.role !== 'admin') || diff.after.active === false);
    const field = diff.after.active === false ? 'active' : 'role';
    if (losesAdmin && (await activeAdminsOtherThan(tx, id)) === 0) throw badInput(field, 'the last active admin cannot be demoted or deactivated');
    if (id === actor.id && diff.after.role !== undefined && diff.after.role !== 'admin') throw badInput('role', 'you cannot change your own role; ask another admin');
    if (id === actor.id && diff.after.active === false) throw badInput('active', 'you cannot deactivate yourself; ask another admin');
    if (diff.after.teamId != null && !first(await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, diff.after.teamId)).limit(1))) throw badInput('teamId', 'no such team');
    await tx
      .update(users)
      .set({ ...diff.after, version: current.version + 1 })
      .where(eq(users.id, id));
    if (diff.after.active === false) await tx.delete(sessions).where(eq(sessions.userId, id));
    const kind = diff.after.active === false ? 'user.deactivated' : diff.after.active === true ? 'user.reactivated' : 'user.updated';
    await recordEvent(tx, {
      teamId: current.teamId,
      dealId: null,
      actorId: actor.id,
      kind,
      entity: 'user',
      entityId: id,
      before: { name: current.name, ...diff.before },
      after: { name: diff.after.name ?? current.name, ...diff.after },
      at: now,
    });
    return userDto(tx, id);
  });
}

/**
 * A new password set by an admin ends every session of that user, so a leaked
 * or forgotten login stops working at once; the admin's own current session
 * survives a reset of their own password.
 */
export async function resetPassword(db: Db, actor: SessionUser, input: TUserResetPassword, now: Date, keepTokenHash: string | null): Promise<{ ok: true }> {
  await userDto(db, input.id);
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, async (tx) => {
    const target = await userDto(tx, input.id);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, target.id));
    const keep = target.id === actor.id && keepTokenHash ? ne(sessions.tokenHash, keepTokenHash) : undefined;
    // The rows deleted, counted from what `returning` gives: the same on every engine.
    const ended = (await tx.delete(sessions).where(and(eq(sessions.userId, target.id), keep)).returning({ tokenHash: sessions.tokenHash })).length;
    await recordEvent(tx, {
      teamId: target.teamId,
      dealId: null,
      actorId: actor.id,
      kind: 'user.passwordReset',
      entity: 'user',
      entityId: target.id,
      after: { name: target.name, sessionsEnded: ended },
      at: now,
    });
    return { ok: true as const };
  });
}
