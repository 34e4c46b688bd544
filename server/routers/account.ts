import { ZAccountCreateSchema } from '../../shared/schemas/account';
import { z } from 'zod';
import { documented, ZAccountOutput } from '../../shared/schemas/outputs';
import { createAccount, listAccounts, type AccountDto } from '../services/accounts';
import { protectedProcedure, router } from '../trpc/init';

export const accountRouter = router({
  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/accounts', tags: ['accounts'], summary: 'The accounts you see' } })
    .output(documented<AccountDto[]>(z.array(ZAccountOutput)))
    .query(({ ctx }) => listAccounts(ctx.db, ctx.user)),
  create: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/accounts', tags: ['accounts'], summary: 'Create an account' } })
    .input(ZAccountCreateSchema)
    .output(documented<AccountDto>(ZAccountOutput))
    .mutation(({ ctx, input }) => createAccount(ctx.db, ctx.user, input, ctx.now())),
});
