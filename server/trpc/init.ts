import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Role } from '../../shared/domain';
import { AppError, fromDatabaseError } from '../errors';
import type { Context } from './context';

interface ValidationIssue {
  code?: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  message: string;
  /** For `unrecognized_keys`: the keys nobody asked for. */
  keys?: readonly string[];
}

function issuesOf(cause: unknown): ValidationIssue[] | null {
  if (typeof cause === 'object' && cause !== null && 'issues' in cause && Array.isArray(cause.issues)) {
    return cause.issues as ValidationIssue[];
  }
  return null;
}

function fieldOf(issue: ValidationIssue): string {
  const path = (issue.path ?? []).map((part) => (typeof part === 'object' ? part.key : part));
  return path.length > 0 ? path.map(String).join('.') : 'input';
}

/** The fields an issue is about: an unknown key names itself (`deal.update {stauts}` → `stauts`). */
function fieldsOf(issue: ValidationIssue): string[] {
  if (issue.code !== 'unrecognized_keys' || !issue.keys?.length) return [fieldOf(issue)];
  const prefix = fieldOf(issue) === 'input' ? '' : `${fieldOf(issue)}.`;
  return issue.keys.map((key) => `${prefix}${key}`);
}

// `meta.openapi` puts a procedure on the REST API too (SPEC §15, server/http/rest.ts).
const t = initTRPC.context<Context>().meta<OpenApiMeta>().create({
  errorFormatter({ shape, error }) {
    const issues = error.code === 'BAD_REQUEST' ? issuesOf(error.cause) : null;
    const cause = error.cause instanceof AppError ? error.cause : null;
    const message = issues
      ? issues.map((issue) => `${fieldsOf(issue).join(', ')}: ${issue.message}`).join('; ')
      : error.code === 'INTERNAL_SERVER_ERROR'
        ? 'Internal error'
        : shape.message;
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fields: issues ? issues.flatMap(fieldsOf) : cause?.details.field ? [cause.details.field] : undefined,
        current: cause?.details.current,
      },
    };
  },
});

/** Services throw AppError (or hit a constraint); this maps both to tRPC codes, in one place. */
const mapErrors = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    const appError = cause instanceof AppError ? cause : fromDatabaseError(cause);
    // Storage refusing writes is the operator's problem, not the user's: say so loudly in the log.
    if (appError?.code === 'SERVICE_UNAVAILABLE') ctx.log.error({ err: cause, path }, appError.message);
    if (appError) throw new TRPCError({ code: appError.code, message: appError.message, cause: appError });
    if (result.error.code === 'INTERNAL_SERVER_ERROR') ctx.log.error({ err: cause ?? result.error, path }, 'procedure failed');
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(mapErrors);

/** Logged in: `ctx.user` is non-null below this point. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please log in' });
  // Only what changes: tRPC merges it over the context itself (copying the whole context here copied it twice).
  return next({ ctx: { user: ctx.user } });
});

function roleProcedure(...roles: Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Only ${roles.join(' or ')} may do this` });
    }
    return next();
  });
}

export const managerProcedure = roleProcedure('manager', 'admin');
export const adminProcedure = roleProcedure('admin');
