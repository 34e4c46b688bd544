import { TRPCError } from '@trpc/server';
import type { Request, Response } from 'express';
import { fromDatabaseError } from '../errors';
import type { Db } from '../db/client';
import type { Env } from '../env';
import type { Logger } from '../logger';
import type { LoginLimiter } from '../auth/rate-limit';
import { readSessionUser, type SessionUser } from '../auth/session';

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
  /** Every call arrives over HTTP (tests too: docs/decisions/0011), so there is always a request. */
  req: Request;
  res: Response;
}

export function createContextFactory(deps: AppDeps) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<Context> => {
    const session = await readSessionUser(deps.db, req, deps.now()).catch((error: unknown) => {
      // The session lookup runs before any procedure, outside the error mapping of init.ts:
      // a database that cannot answer is the same clear error here as in a procedure.
      const mapped = fromDatabaseError(error);
      if (!mapped) throw error;
      deps.log.error({ err: error, path: req.path }, mapped.message);
      throw new TRPCError({ code: mapped.code, message: mapped.message, cause: mapped });
    });
    return { ...deps, user: session?.user ?? null, sessionTokenHash: session?.tokenHash ?? null, req, res };
  };
}
