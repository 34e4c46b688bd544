import { ZDealCreateSchema, ZDealIdSchema, ZDealListSchema, ZDealUpdateSchema } from '../../shared/schemas/deal';
import { getDealRoom } from '../services/dealRoom';
import { createDeal, getDealHealth, listDeals, updateDeal } from '../services/deals';
import { protectedProcedure, router } from '../trpc/init';

export const dealRouter = router({
  list: protectedProcedure.input(ZDealListSchema).query(({ ctx, input }) => listDeals(ctx.db, ctx.user, input ?? {}, ctx.now())),
  get: protectedProcedure.input(ZDealIdSchema).query(({ ctx, input }) => getDealRoom(ctx.db, ctx.user, input.id, ctx.now())),
  health: protectedProcedure.input(ZDealIdSchema).query(({ ctx, input }) => getDealHealth(ctx.db, ctx.user, input.id, ctx.now())),
  create: protectedProcedure.input(ZDealCreateSchema).mutation(({ ctx, input }) => createDeal(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure.input(ZDealUpdateSchema).mutation(({ ctx, input }) => updateDeal(ctx.db, ctx.user, input, ctx.now())),
});
