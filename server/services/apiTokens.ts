/**
 * API tokens (SPEC §15): a script, a BI tool or an automation acts as one user, with that
 * user's access, by sending `Authorization: Bearer drk_…`. The token is 32 random bytes,
 * shown once; the table keeps its SHA-256 and its first characters (docs/decisions/0025).
 */
import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, isNull, or, gt, lt } from 'drizzle-orm';
import { API_TOKEN_MAX_DAYS, API_TOKEN_PREFIX, API_TOKEN_SHOWN_CHARS, API_TOKENS_PER_USER } from '../../shared/apiTokens';
import { addDays, isoDay } from '../../shared/dates';
import type { ApiTokenRecord } from '../../shared/events';
import type { TApiTokenCreate } from '../../shared/schemas/apiToken';
import { hashToken, sessionUserColumns, type SessionUser } from '../auth/session';
import { writeTransaction, type Db } from '../db/client';
import { first, single } from '../db/rows';
import { apiTokens, users } from '../db/tables';
import { AppError, badInput, notFound } from '../errors';
import { recordEvent } from './events';

export interface ApiTokenDto {
  id: number;
  name: string;
  /** The token's first characters (`drk_AbC12345`), enough to tell tokens apart. */
  prefix: string;
  createdAt: string;
  /** The instant the token stops working (the end of its last day, UTC), or null. */
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** The one time a token is seen: the caller must store it now. */
export interface CreatedApiToken extends ApiTokenDto {
  token: string;
}

/** `lastUsedAt` is written at most once a minute per token, not once per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const dtoColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
};

const record = (row: { name: string; prefix: string; expiresAt: string | null }): ApiTokenRecord => ({
  name: row.name,
  prefix: row.prefix,
  expiresAt: row.expiresAt,
});

const live = (now: Date) => and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now.toISOString())));

export async function createApiToken(db: Db, user: SessionUser, input: TApiTokenCreate, now: Date): Promise<CreatedApiToken> {
  let expiresAt: string | null = null;
  if (input.expiresAt !== undefined) {
    const today = isoDay(now);
    const latest = isoDay(addDays(now, API_TOKEN_MAX_DAYS));
    if (input.expiresAt < today) throw badInput('expiresAt', 'must be today or later');
    if (input.expiresAt > latest) throw badInput('expiresAt', `must be within ${API_TOKEN_MAX_DAYS} days (${latest} at the latest)`);
    // The token works through its last day (UTC): it stops at the next midnight.
    expiresAt = addDays(new Date(`${input.expiresAt}T00:00:00.000Z`), 1).toISOString();
  }
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const prefix = token.slice(0, API_TOKEN_SHOWN_CHARS);
  return writeTransaction(db, async (tx) => {
    const held = first(await tx.select({ n: count() }).from(apiTokens).where(and(eq(apiTokens.userId, user.id), live(now))))?.n ?? 0;
    if (Number(held) >= API_TOKENS_PER_USER) {
      throw new AppError('BAD_REQUEST', `You already have ${API_TOKENS_PER_USER} API tokens; revoke one you no longer use first`);
    }
    const row = single(
      await tx
        .insert(apiTokens)
        .values({ userId: user.id, name: input.name, tokenHash: hashToken(token), prefix, createdAt: now.toISOString(), expiresAt })
        .returning(dtoColumns),
    );
    await recordEvent(tx, { teamId: user.teamId, dealId: null, actorId: user.id, kind: 'apiToken.created', entity: 'apiToken', entityId: row.id, after: record(row), at: now });
    return { ...row, token };
  });
}

/** The user's own tokens that still work or have expired; revoked ones are gone from the list. Never a hash. */
export async function listApiTokens(db: Db, user: SessionUser): Promise<ApiTokenDto[]> {
  return db
    .select(dtoColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revoke one of the user's own tokens: someone else's is NOT_FOUND, as if it did not exist. */
export async function revokeApiToken(db: Db, user: SessionUser, id: number, now: Date): Promise<{ ok: true }> {
  return writeTransaction(db, async (tx) => {
    const row = first(
      await tx
        .select(dtoColumns)
        .from(apiTokens)
        .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt))),
    );
    if (!row) throw notFound('API token');
    await tx.update(apiTokens).set({ revokedAt: now.toISOString() }).where(eq(apiTokens.id, id));
    await recordEvent(tx, { teamId: user.teamId, dealId: null, actorId: user.id, kind: 'apiToken.revoked', entity: 'apiToken', entityId: id, before: record(row), at: now });
    return { ok: true as const };
  });
}

/** Why a Bearer token is refused: one clear sentence per case, all 401. */
const refused = (why: string) => new AppError('UNAUTHORIZED', why);

/**
 * The user a Bearer token acts as, or a 401 naming why not: unknown, revoked, expired,
 * or its user deactivated. Marks the token used (at most once a minute).
 */
export async function userOfApiToken(db: Db, token: string, now: Date): Promise<SessionUser> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) throw refused('This is not a Deal Room API token (they start with drk_)');
  const row = first(
    await db
      .select({ ...sessionUserColumns, active: users.active, tokenId: apiTokens.id, revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.tokenHash, hashToken(token))),
  );
  if (!row) throw refused('Unknown API token');
  if (row.revokedAt) throw refused('This API token was revoked');
  if (row.expiresAt && row.expiresAt <= now.toISOString()) throw refused('This API token has expired');
  if (!row.active) throw refused('The user of this API token is deactivated');
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
  if (!row.lastUsedAt || row.lastUsedAt < stale) {
    // Housekeeping, not a change anyone reviews: no event. The condition keeps concurrent requests to one write.
    await writeTransaction(db, async (tx) => {
      await tx
        .update(apiTokens)
        .set({ lastUsedAt: now.toISOString() })
        .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
    });
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, teamId: row.teamId, locale: row.locale };
}
