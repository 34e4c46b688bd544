import { ZComplaintAddSchema, ZComplaintResolveSchema } from '../../shared/schemas/complaint';
import { addComplaint, resolveComplaint } from '../services/complaints';
import { protectedProcedure, router } from '../trpc/init';

export const complaintRouter = router({
  add: protectedProcedure.input(ZComplaintAddSchema).mutation(({ ctx, input }) => addComplaint(ctx.db, ctx.user, input, ctx.now())),
  resolve: protectedProcedure.input(ZComplaintResolveSchema).mutation(({ ctx, input }) => resolveComplaint(ctx.db, ctx.user, input, ctx.now())),
});
