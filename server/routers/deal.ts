import { ZDealCreateSchema, ZDealIdSchema, ZDealListSchema, ZDealUpdateSchema } from '../../shared/schemas/deal';
import type { Health } from '../../shared/scoring/types';
import { documented, ZDealOutput, ZDealPageOutput, ZDealRoomOutput, ZHealthOutput } from '../../shared/schemas/outputs';
import { ZDealMemberSchema, ZDealMembersSchema } from '../../shared/schemas/dealMember';
import { getAllyPaths } from '../services/allyPath';
import { getDealRoom, type DealRoom } from '../services/dealRoom';
import { addDealMember, listDealMembers, removeDealMember } from '../services/dealMembers';
import { createDeal, getDealHealth, updateDeal, type DealDto } from '../services/deals';
import { listDealPage, type DealPage, type DealWithHealth } from '../services/dealList';
import { protectedProcedure, router } from '../trpc/init';

export const dealRouter = router({
  // A page of deals with their stored health (SPEC §13).
  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/deals', tags: ['deals'], summary: 'A page of deals with their health', description: 'Filters, sort and paging as the pipeline: pass `nextCursor` back as `cursor`.' } })
    .input(ZDealListSchema)
    .output(documented<DealPage<DealWithHealth>>(ZDealPageOutput))
    .query(({ ctx, input }) => listDealPage(ctx.db, ctx.user, input ?? {})),
  get: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/deals/{id}', tags: ['deals'], summary: 'The room of one deal', description: 'The same room as tRPC `deal.get`: the deal, its buying group, relationships, the nine information points and its health.' } })
    .input(ZDealIdSchema)
    .output(documented<DealRoom>(ZDealRoomOutput))
    .query(({ ctx, input }) => getDealRoom(ctx.db, ctx.user, input.id, ctx.now())),
  health: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/deals/{id}/health', tags: ['deals'], summary: 'A deal’s coverage, thresholds and flags' } })
    .input(ZDealIdSchema)
    .output(documented<Health>(ZHealthOutput))
    .query(({ ctx, input }) => getDealHealth(ctx.db, ctx.user, input.id, ctx.now())),
  // The shortest chain from a coach or ally to each final decision-maker (SPEC §10).
  allyPath: protectedProcedure.input(ZDealIdSchema).query(({ ctx, input }) => getAllyPaths(ctx.db, ctx.user, input.id, ctx.now())),
  create: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/deals', tags: ['deals'], summary: 'Open a deal' } })
    .input(ZDealCreateSchema)
    .output(documented<DealDto>(ZDealOutput))
    .mutation(({ ctx, input }) => createDeal(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure
    .meta({ openapi: { method: 'PATCH', path: '/deals/{id}', tags: ['deals'], summary: 'Change a deal', description: 'Send the `version` you read: a stale one is refused with 409 and the current deal.' } })
    .input(ZDealUpdateSchema)
    .output(documented<DealDto>(ZDealOutput))
    .mutation(({ ctx, input }) => updateDeal(ctx.db, ctx.user, input, ctx.now())),
  // The deal team (SPEC §7): whoever may edit the deal may change who else is on it.
  members: protectedProcedure.input(ZDealMembersSchema).query(({ ctx, input }) => listDealMembers(ctx.db, ctx.user, input.dealId)),
  addMember: protectedProcedure.input(ZDealMemberSchema).mutation(({ ctx, input }) => addDealMember(ctx.db, ctx.user, input, ctx.now())),
  removeMember: protectedProcedure.input(ZDealMemberSchema).mutation(({ ctx, input }) => removeDealMember(ctx.db, ctx.user, input, ctx.now())),
});
