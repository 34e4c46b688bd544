import { ZAccountSettingsUpdateSchema, ZThresholdQuerySchema, ZThresholdUpdateSchema } from '../../shared/schemas/settings';
import { getAccountSettings, updateAccountSettings } from '../services/accountSettings';
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
  /** The account settings of SPEC §11 (weights, tier cut-offs, windows, base currency and rates): anyone on the team reads them, admins edit. */
  accountSettings: protectedProcedure
    .input(ZThresholdQuerySchema)
    .query(async ({ ctx, input }) => getAccountSettings(ctx.db, await readableTeam(ctx.db, ctx.user, input?.teamId))),
  updateAccountSettings: adminProcedure
    .input(ZAccountSettingsUpdateSchema)
    .mutation(({ ctx, input }) => updateAccountSettings(ctx.db, ctx.user, input, ctx.now())),
});
