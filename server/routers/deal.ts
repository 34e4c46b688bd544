import { ZDealCreateSchema, ZDealIdSchema, ZDealListSchema, ZDealUpdateSchema } from '../../shared/schemas/deal';
import { ZDealMemberSchema, ZDealMembersSchema } from '../../shared/schemas/dealMember';
import { getAllyPaths } from '../services/allyPath';
import { getDealRoom } from '../services/dealRoom';
import { addDealMember, listDealMembers, removeDealMember } from '../services/dealMembers';
import { createDeal, getDealHealth, updateDeal } from '../services/deals';
import { listDealPage } from '../services/dealList';
import { protectedProcedure, router } from '../trpc/init';

export const dealRouter = router({
  // A page of deals with their stored health (SPEC §13).
  list: protectedProcedure.input(ZDealListSchema).query(({ ctx, input }) => listDealPage(ctx.db, ctx.user, input ?? {})),
  get: protectedProcedure.input(ZDealIdSchema).query(({ ctx, input }) => getDealRoom(ctx.db, ctx.user, input.id, ctx.now())),
  health: protectedProcedure.input(ZDealIdSchema).query(({ ctx, input }) => getDealHealth(ctx.db, ctx.user, input.id, ctx.now())),
  // The shortest chain from a coach or ally to each final decision-maker (SPEC §10).
  allyPath: protectedProcedure.input(ZDealIdSchema).query(({ ctx, input }) => getAllyPaths(ctx.db, ctx.user, input.id, ctx.now())),
  create: protectedProcedure.input(ZDealCreateSchema).mutation(({ ctx, input }) => createDeal(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure.input(ZDealUpdateSchema).mutation(({ ctx, input }) => updateDeal(ctx.db, ctx.user, input, ctx.now())),
  // The deal team (SPEC §7): whoever may edit the deal may change who else is on it.
  members: protectedProcedure.input(ZDealMembersSchema).query(({ ctx, input }) => listDealMembers(ctx.db, ctx.user, input.dealId)),
  addMember: protectedProcedure.input(ZDealMemberSchema).mutation(({ ctx, input }) => addDealMember(ctx.db, ctx.user, input, ctx.now())),
  removeMember: protectedProcedure.input(ZDealMemberSchema).mutation(({ ctx, input }) => removeDealMember(ctx.db, ctx.user, input, ctx.now())),
});
