import { ZStakeholderAddSchema, ZStakeholderRemoveSchema, ZStakeholderUpdateSchema } from '../../shared/schemas/stakeholder';
import { documented, ZOkOutput, ZStakeholderOutput } from '../../shared/schemas/outputs';
import type { StakeholderDto } from '../services/stakeholders';
import { addStakeholder, removeStakeholder, updateStakeholder } from '../services/stakeholderWrites';
import { protectedProcedure, router } from '../trpc/init';

/** The buying group of one deal: access is the deal's (requireDeal inside each service). */
export const stakeholderRouter = router({
  add: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/deals/{dealId}/stakeholders', tags: ['stakeholders'], summary: 'Put a person on a deal’s map', description: 'Either `contactId` of the account’s contact or a new contact’s `name` and `level`.' } })
    .input(ZStakeholderAddSchema)
    .output(documented<StakeholderDto>(ZStakeholderOutput))
    .mutation(({ ctx, input }) => addStakeholder(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure
    .meta({ openapi: { method: 'PATCH', path: '/stakeholders/{id}', tags: ['stakeholders'], summary: 'Change a stakeholder' } })
    .input(ZStakeholderUpdateSchema)
    .output(documented<StakeholderDto>(ZStakeholderOutput))
    .mutation(({ ctx, input }) => updateStakeholder(ctx.db, ctx.user, input, ctx.now())),
  remove: protectedProcedure
    .meta({ openapi: { method: 'DELETE', path: '/stakeholders/{id}', tags: ['stakeholders'], summary: 'Take a person off a deal’s map' } })
    .input(ZStakeholderRemoveSchema)
    .output(documented<{ ok: true }>(ZOkOutput))
    .mutation(({ ctx, input }) => removeStakeholder(ctx.db, ctx.user, input.id, ctx.now())),
});
