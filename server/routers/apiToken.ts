import { ZApiTokenCreateSchema, ZApiTokenRevokeSchema } from '../../shared/schemas/apiToken';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/apiTokens';
import { protectedProcedure, router } from '../trpc/init';

/** A user's own API tokens (SPEC §15): every role may hold some, each acts with its owner's access. */
export const apiTokenRouter = router({
  list: protectedProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.user)),
  create: protectedProcedure.input(ZApiTokenCreateSchema).mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.user, input, ctx.now())),
  revoke: protectedProcedure.input(ZApiTokenRevokeSchema).mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.user, input.id, ctx.now())),
});
