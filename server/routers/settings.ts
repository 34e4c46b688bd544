import { ZThresholdQuerySchema, ZThresholdUpdateSchema } from '../../shared/schemas/settings';
import { readableTeam } from '../services/access';
import { updateThresholds } from '../services/settings';
import { getThresholds } from '../services/teamThresholds';
import { adminProcedure, protectedProcedure, router } from '../trpc/init';

export const settingsRouter = router({
  thresholds: protectedProcedure
    .input(ZThresholdQuerySchema)
    .query(async ({ ctx, input }) => getThresholds(ctx.db, await readableTeam(ctx.db, ctx.user, input?.teamId))),
  updateThresholds: adminProcedure
    .input(ZThresholdUpdateSchema)
    .mutation(({ ctx, input }) => updateThresholds(ctx.db, ctx.user, input, ctx.now())),
});
