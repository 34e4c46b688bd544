import { ZStakeholderAddSchema, ZStakeholderRemoveSchema, ZStakeholderUpdateSchema } from '../../shared/schemas/stakeholder';
import { addStakeholder, removeStakeholder, updateStakeholder } from '../services/stakeholderWrites';
import { protectedProcedure, router } from '../trpc/init';

/** The buying group of one deal: access is the deal's (requireDeal inside each service). */
export const stakeholderRouter = router({
  add: protectedProcedure.input(ZStakeholderAddSchema).mutation(({ ctx, input }) => addStakeholder(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure.input(ZStakeholderUpdateSchema).mutation(({ ctx, input }) => updateStakeholder(ctx.db, ctx.user, input, ctx.now())),
  remove: protectedProcedure.input(ZStakeholderRemoveSchema).mutation(({ ctx, input }) => removeStakeholder(ctx.db, ctx.user, input.id, ctx.now())),
});
