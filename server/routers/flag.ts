import { ZFlagSnoozeSchema, ZFlagUnsnoozeSchema } from '../../shared/schemas/flag';
import { snoozeFlag, unsnoozeFlag } from '../services/flagSnoozes';
import { protectedProcedure, router } from '../trpc/init';

/** Snoozing a deal's risk flags (SPEC §10): whoever may edit the deal. */
export const flagRouter = router({
  snooze: protectedProcedure.input(ZFlagSnoozeSchema).mutation(({ ctx, input }) => snoozeFlag(ctx.db, ctx.user, input, ctx.now())),
  unsnooze: protectedProcedure.input(ZFlagUnsnoozeSchema).mutation(({ ctx, input }) => unsnoozeFlag(ctx.db, ctx.user, input, ctx.now())),
});
