import { ZStandupChangesSchema, ZStandupTeamSchema } from '../../shared/schemas/standup';
import { standupAccountChanges } from '../services/accountStandup';
import { standupChanges } from '../services/standupChanges';
import { lastStandup, recordStandup } from '../services/standups';
import { managerProcedure, protectedProcedure, router } from '../trpc/init';

export const standupRouter = router({
  changes: protectedProcedure.input(ZStandupChangesSchema).query(({ ctx, input }) => standupChanges(ctx.db, ctx.user, input, ctx.now())),
  /** Account flags raised and cleared in the period (SPEC §11), for the team's accounts the user sees; `ownerId` is the key-account manager. */
  accountChanges: protectedProcedure.input(ZStandupChangesSchema).query(({ ctx, input }) => standupAccountChanges(ctx.db, ctx.user, input, ctx.now())),
  last: protectedProcedure.input(ZStandupTeamSchema).query(({ ctx, input }) => lastStandup(ctx.db, ctx.user, input?.teamId)),
  record: managerProcedure.input(ZStandupTeamSchema).mutation(({ ctx, input }) => recordStandup(ctx.db, ctx.user, input?.teamId, ctx.now())),
});
