import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { parse as parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import { addDays } from '../../shared/dates';
import type { Locale, Role } from '../../shared/domain';
import { writeTransaction, type Db } from '../db/client';
import { prepared } from '../db/prepared';
import { first } from '../db/rows';
import { sessions, users } from '../db/tables';

export const SESSION_COOKIE = 'dr_session';

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  teamId: number;
  locale: Locale;
}

export const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  teamId: users.teamId,
  locale: users.locale,
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Create a session row and return the raw token for the cookie; only its hash is stored. */
export async function createSession(db: Db, userId: number, now: Date, days: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = addDays(now, days);
  await writeTransaction(db, async (tx) => {
    await tx
      .insert(sessions)
      .values({ tokenHash: hashToken(token), userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  });
  return { token, expiresAt };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  });
}

/** Every request reads its session: prepared once per connection. */
const sessionLookup = prepared((db) =>
  db
    .select(sessionUserColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.active, true)))
    .prepare(),
);

export async function readSessionUser(db: Db, req: Request, now: Date): Promise<{ user: SessionUser; tokenHash: string } | null> {
  const header = req.headers.cookie;
  if (!header) return null;
  const token = parseCookie(header)[SESSION_COOKIE];
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const user = first(await sessionLookup(db).execute({ tokenHash, now: now.toISOString() }));
  return user ? { user, tokenHash } : null;
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
