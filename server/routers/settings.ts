import { ZThresholdQuerySchema, ZThresholdUpdateSchema } from '../../shared/schemas/settings';
import { readableTeam, updateThresholds } from '../services/settings';
import { getThresholds } from '../services/teamThresholds';
import { adminProcedure, protectedProcedure, router } from '../trpc/init';

export const settingsRouter = router({
  thresholds: protectedProcedure
    .input(ZThresholdQuerySchema)
    .query(({ ctx, input }) => getThresholds(ctx.db, readableTeam(ctx.user, input?.teamId))),
  updateThresholds: adminProcedure
    .input(ZThresholdUpdateSchema)
    .mutation(({ ctx, input }) => updateThresholds(ctx.db, ctx.user, input, ctx.now())),
});
