import { ZActivityListSchema, ZActivityLogSchema, ZActivityRemoveSchema } from '../../shared/schemas/activity';
import { z } from 'zod';
import { documented, ZActivityOutput } from '../../shared/schemas/outputs';
import { requireDeal } from '../services/access';
import { listActivities, logActivity, removeActivity, type ActivityDto } from '../services/activities';
import { protectedProcedure, router } from '../trpc/init';

export const activityRouter = router({
  log: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/activities',
        tags: ['activities'],
        summary: 'Log a meeting, call or note',
        description: 'On a deal (`dealId` with `stakeholderIds`) or with an account’s people (`accountId` with `contactIds`). A `clientId` (UUID) makes a retry safe: the same activity is never logged twice.',
      },
    })
    .input(ZActivityLogSchema)
    .output(documented<ActivityDto>(ZActivityOutput))
    .mutation(({ ctx, input }) => logActivity(ctx.db, ctx.user, input, ctx.now())),
  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/deals/{dealId}/activities', tags: ['activities'], summary: 'A deal’s activities, newest first' } })
    .input(ZActivityListSchema)
    .output(documented<ActivityDto[]>(z.array(ZActivityOutput)))
    .query(async ({ ctx, input }) => listActivities(ctx.db, (await requireDeal(ctx.db, ctx.user, input.dealId)).id)),
  remove: protectedProcedure.input(ZActivityRemoveSchema).mutation(({ ctx, input }) => removeActivity(ctx.db, ctx.user, input.id, ctx.now())),
});
