import { z } from 'zod';
import { ZAccountCreateSchema, ZAccountHistorySchema, ZAccountIdSchema, ZAccountListSchema, ZAccountOptionsSchema, ZAccountPortfolioSchema, ZAccountPracticeSchema, ZAccountUpdateSchema } from '../../shared/schemas/account';
import { documented, ZAccountDetailOutput, ZAccountListItemOutput, ZAccountOutput } from '../../shared/schemas/outputs';
import { accountHistory } from '../services/accountHistory';
import { accountOptions, createAccount, setPractice, updateAccount, type AccountDto } from '../services/accounts';
import { getAccount, getPortfolio, listAccounts, type AccountDetail, type AccountListItem } from '../services/accountViews';
import { protectedProcedure, router } from '../trpc/init';

export const accountRouter = router({
  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/accounts', tags: ['accounts'], summary: 'The accounts you see, with tier, phase, pattern and defection watch' } })
    .input(ZAccountListSchema)
    .output(documented<AccountListItem[]>(z.array(ZAccountListItemOutput)))
    .query(({ ctx, input }) => listAccounts(ctx.db, ctx.user, input, ctx.now())),
  get: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/accounts/{id}', tags: ['accounts'], summary: 'The room of one account' } })
    .input(ZAccountIdSchema)
    .output(documented<AccountDetail>(ZAccountDetailOutput))
    .query(({ ctx, input }) => getAccount(ctx.db, ctx.user, input.id, ctx.now())),
  /** Names only: every account the user may open a deal on, seen or not (the new-deal picker; docs/decisions/0029). */
  options: protectedProcedure.input(ZAccountOptionsSchema).query(({ ctx, input }) => accountOptions(ctx.db, ctx.user, input)),
  history: protectedProcedure.input(ZAccountHistorySchema).query(({ ctx, input }) => accountHistory(ctx.db, ctx.user, input)),
  portfolio: protectedProcedure.input(ZAccountPortfolioSchema).query(({ ctx, input }) => getPortfolio(ctx.db, ctx.user, input?.teamId, ctx.now())),
  create: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/accounts', tags: ['accounts'], summary: 'Create an account' } })
    .input(ZAccountCreateSchema)
    .output(documented<AccountDto>(ZAccountOutput))
    .mutation(({ ctx, input }) => createAccount(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure
    .meta({ openapi: { method: 'PATCH', path: '/accounts/{id}', tags: ['accounts'], summary: 'Change an account’s facts', description: 'Send the `version` you read: a stale one is refused with 409 and the current account. A tier change needs a `reason`.' } })
    .input(ZAccountUpdateSchema)
    .output(documented<AccountDto>(ZAccountOutput))
    .mutation(({ ctx, input }) => updateAccount(ctx.db, ctx.user, input, ctx.now())),
  practice: protectedProcedure.input(ZAccountPracticeSchema).mutation(({ ctx, input }) => setPractice(ctx.db, ctx.user, input, ctx.now())),
});
