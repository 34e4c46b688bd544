import { ZTeamCreateSchema, ZTeamListSchema, ZTeamUpdateSchema } from '../../shared/schemas/team';
import { createTeam, listTeams, updateTeam } from '../services/teams';
import { adminProcedure, protectedProcedure, router } from '../trpc/init';

export const teamRouter = router({
  // The teams a user sees whole: what the team filters of the pipeline, review and stand-up offer.
  list: protectedProcedure.input(ZTeamListSchema).query(({ ctx }) => listTeams(ctx.db, ctx.user)),
  create: adminProcedure.input(ZTeamCreateSchema).mutation(({ ctx, input }) => createTeam(ctx.db, ctx.user, input, ctx.now())),
  update: adminProcedure.input(ZTeamUpdateSchema).mutation(({ ctx, input }) => updateTeam(ctx.db, ctx.user, input, ctx.now())),
});
