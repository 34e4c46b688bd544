import {
  ZExternalAllyAddSchema,
  ZExternalAllyListSchema,
  ZExternalAllyRemoveSchema,
  ZExternalAllyUpdateSchema,
} from '../../shared/schemas/externalAlly';
import { addExternalAlly, listExternalAllies, removeExternalAlly, updateExternalAlly } from '../services/externalAllies';
import { protectedProcedure, router } from '../trpc/init';

/** Non-competing suppliers on an account (外部联盟). */
export const externalAllyRouter = router({
  list: protectedProcedure.input(ZExternalAllyListSchema).query(({ ctx, input }) => listExternalAllies(ctx.db, ctx.user, input.accountId)),
  add: protectedProcedure.input(ZExternalAllyAddSchema).mutation(({ ctx, input }) => addExternalAlly(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure.input(ZExternalAllyUpdateSchema).mutation(({ ctx, input }) => updateExternalAlly(ctx.db, ctx.user, input, ctx.now())),
  remove: protectedProcedure.input(ZExternalAllyRemoveSchema).mutation(({ ctx, input }) => removeExternalAlly(ctx.db, ctx.user, input.id, ctx.now())),
});
