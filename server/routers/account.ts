import { ZAccountCreateSchema, ZAccountHistorySchema, ZAccountIdSchema, ZAccountListSchema, ZAccountPortfolioSchema, ZAccountPracticeSchema, ZAccountUpdateSchema } from '../../shared/schemas/account';
import { accountHistory } from '../services/accountHistory';
import { createAccount, setPractice, updateAccount } from '../services/accounts';
import { getAccount, getPortfolio, listAccounts } from '../services/accountViews';
import { protectedProcedure, router } from '../trpc/init';

export const accountRouter = router({
  list: protectedProcedure.input(ZAccountListSchema).query(({ ctx, input }) => listAccounts(ctx.db, ctx.user, input, ctx.now())),
  get: protectedProcedure.input(ZAccountIdSchema).query(({ ctx, input }) => getAccount(ctx.db, ctx.user, input.id, ctx.now())),
  history: protectedProcedure.input(ZAccountHistorySchema).query(({ ctx, input }) => accountHistory(ctx.db, ctx.user, input)),
  portfolio: protectedProcedure.input(ZAccountPortfolioSchema).query(({ ctx, input }) => getPortfolio(ctx.db, ctx.user, input?.teamId, ctx.now())),
  create: protectedProcedure.input(ZAccountCreateSchema).mutation(({ ctx, input }) => createAccount(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure.input(ZAccountUpdateSchema).mutation(({ ctx, input }) => updateAccount(ctx.db, ctx.user, input, ctx.now())),
  practice: protectedProcedure.input(ZAccountPracticeSchema).mutation(({ ctx, input }) => setPractice(ctx.db, ctx.user, input, ctx.now())),
});
