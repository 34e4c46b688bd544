import { and, asc, eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { users } from '../db/schema';

/** The people a user can assign deals to or see as owners: their team (admins: everyone). */
export function listTeamUsers(db: Db, user: SessionUser) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.active, true), user.role === 'admin' ? undefined : eq(users.teamId, user.teamId)))
    .orderBy(asc(users.name))
    .all();
}
