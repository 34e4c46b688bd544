import { ZAccountCreateSchema } from '../../shared/schemas/account';
import { createAccount, listAccounts } from '../services/accounts';
import { protectedProcedure, router } from '../trpc/init';

export const accountRouter = router({
  list: protectedProcedure.query(({ ctx }) => listAccounts(ctx.db, ctx.user)),
  create: protectedProcedure
    .input(ZAccountCreateSchema)
    .mutation(({ ctx, input }) => createAccount(ctx.db, ctx.user, input, ctx.now())),
});
