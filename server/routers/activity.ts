import { ZActivityListSchema, ZActivityLogSchema, ZActivityRemoveSchema } from '../../shared/schemas/activity';
import { requireDeal } from '../services/access';
import { listActivities, logActivity, removeActivity } from '../services/activities';
import { protectedProcedure, router } from '../trpc/init';

export const activityRouter = router({
  log: protectedProcedure.input(ZActivityLogSchema).mutation(({ ctx, input }) => logActivity(ctx.db, ctx.user, input, ctx.now())),
  list: protectedProcedure.input(ZActivityListSchema).query(async ({ ctx, input }) => listActivities(ctx.db, (await requireDeal(ctx.db, ctx.user, input.dealId)).id)),
  remove: protectedProcedure.input(ZActivityRemoveSchema).mutation(({ ctx, input }) => removeActivity(ctx.db, ctx.user, input.id, ctx.now())),
});
