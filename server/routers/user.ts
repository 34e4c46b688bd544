import { listTeamUsers } from '../services/users';
import { protectedProcedure, router } from '../trpc/init';

export const userRouter = router({
  list: protectedProcedure.query(({ ctx }) => listTeamUsers(ctx.db, ctx.user)),
});
