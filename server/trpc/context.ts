import { TRPCError } from '@trpc/server';
import type { Request, Response } from 'express';
import { AppError, fromDatabaseError } from '../errors';
import type { Db } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../logger';
import type { LoginLimiter } from '../auth/rate-limit';
import { readSessionUser, type SessionUser } from '../auth/session';
import { userOfApiToken } from '../services/apiTokens';

/** What every procedure can reach besides the request: created once at start. */
export interface AppDeps {
  db: Db;
  env: Env;
  log: Logger;
  loginLimiter: LoginLimiter;
  /** The clock, injectable so tests can move time (stale info, overdue steps). */
  now: () => Date;
}

export interface Context extends AppDeps {
  user: SessionUser | null;
  sessionTokenHash: string | null;
  /** The request authenticated with an API token (SPEC §15), not a password session. */
  viaApiToken: boolean;
  /** Every call arrives over HTTP (tests too: docs/decisions/0011), so there is always a request. */
  req: Request;
  res: Response;
}

/** The token of an `Authorization: Bearer …` header; null without the header, '' for another scheme. */
export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}

/**
 * Who the request acts as: an API token (SPEC §15) when it sends `Authorization`, else
 * the session cookie. A token that does not work is a 401 naming why, never a silent
 * fall-back to the cookie; bad tokens count against the client's address like bad logins.
 */
export async function requestUser(deps: AppDeps, req: Request): Promise<{ user: SessionUser; tokenHash: string | null; viaApiToken: boolean } | null> {
  const token = bearerToken(req);
  if (token === null) {
    const session = await readSessionUser(deps.db, req, deps.now());
    return session && { ...session, viaApiToken: false };
  }
  try {
    if (token === '') throw new AppError('UNAUTHORIZED', 'The Authorization header must be "Bearer <API token>"');
    return { user: await userOfApiToken(deps.db, token, deps.now()), tokenHash: null, viaApiToken: true };
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHORIZED') await deps.loginLimiter.consume(req.ip ?? 'unknown', `api-token@${req.ip ?? 'unknown'}`);
    throw error;
  }
}

export function createContextFactory(deps: AppDeps) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<Context> => {
    const session = await requestUser(deps, req).catch((error: unknown) => {
      if (error instanceof AppError) throw new TRPCError({ code: error.code, message: error.message, cause: error });
      // The session lookup runs before any procedure, outside the error mapping of init.ts:
      // a database that cannot answer is the same clear error here as in a procedure.
      const mapped = fromDatabaseError(error);
      if (!mapped) throw error;
      deps.log.error({ err: error, path: req.path }, mapped.message);
      throw new TRPCError({ code: mapped.code, message: mapped.message, cause: mapped });
    });
    return { ...deps, user: session?.user ?? null, sessionTokenHash: session?.tokenHash ?? null, viaApiToken: session?.viaApiToken ?? false, req, res };
  };
}
