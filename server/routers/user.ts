import { ZUserCreateSchema, ZUserListSchema, ZUserResetPasswordSchema, ZUserUpdateSchema } from '../../shared/schemas/user';
import { createUser, listTeamUsers, resetPassword, updateUser } from '../services/users';
import { adminProcedure, protectedProcedure, router } from '../trpc/init';

export const userRouter = router({
  list: protectedProcedure.input(ZUserListSchema).query(({ ctx, input }) => listTeamUsers(ctx.db, ctx.user, input)),
  create: adminProcedure.input(ZUserCreateSchema).mutation(({ ctx, input }) => createUser(ctx.db, ctx.user, input, ctx.now())),
  update: adminProcedure.input(ZUserUpdateSchema).mutation(({ ctx, input }) => updateUser(ctx.db, ctx.user, input, ctx.now())),
  resetPassword: adminProcedure
    .input(ZUserResetPasswordSchema)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.user, input, ctx.now(), ctx.sessionTokenHash)),
});
