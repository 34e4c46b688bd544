import { ZApiTokenCreateSchema, ZApiTokenRevokeSchema } from '../../shared/schemas/apiToken';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/apiTokens';
import { AppError } from '../errors';
import { protectedProcedure, router } from '../trpc/init';

/** A user's own API tokens (SPEC §15): every role may hold some, each acts with its owner's access. */
export const apiTokenRouter = router({
  list: protectedProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.user)),
  // A token never mints another: a leaked one must not be able to outlive its own revocation or expiry.
  create: protectedProcedure.input(ZApiTokenCreateSchema).mutation(({ ctx, input }) => {
    if (ctx.viaApiToken) throw new AppError('FORBIDDEN', 'API tokens are created in Settings, signed in with your password, not with another token');
    return createApiToken(ctx.db, ctx.user, input, ctx.now());
  }),
  revoke: protectedProcedure.input(ZApiTokenRevokeSchema).mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.user, input.id, ctx.now())),
});
