import { ZRelationshipAddSchema, ZRelationshipRemoveSchema } from '../../shared/schemas/relationship';
import { addRelationship, removeRelationship } from '../services/relationships';
import { protectedProcedure, router } from '../trpc/init';

export const relationshipRouter = router({
  add: protectedProcedure.input(ZRelationshipAddSchema).mutation(({ ctx, input }) => addRelationship(ctx.db, ctx.user, input, ctx.now())),
  remove: protectedProcedure.input(ZRelationshipRemoveSchema).mutation(({ ctx, input }) => removeRelationship(ctx.db, ctx.user, input.id, ctx.now())),
});
