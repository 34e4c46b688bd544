import { ZTeamListSchema } from '../../shared/schemas/team';
import { listTeams } from '../services/teams';
import { protectedProcedure, router } from '../trpc/init';

export const teamRouter = router({
  // The teams a user sees whole: what the team filters of the pipeline, review and stand-up offer.
  list: protectedProcedure.input(ZTeamListSchema).query(({ ctx }) => listTeams(ctx.db, ctx.user)),
});
