import {
  ZCompetitorAddSchema,
  ZCompetitorUpdateSchema,
  ZInfoPointUpdateSchema,
  ZNextStepAddSchema,
  ZNextStepUpdateSchema,
  ZRemoveByIdSchema,
  ZSuccessFactorAddSchema,
  ZSuccessFactorReorderSchema,
  ZSuccessFactorUpdateSchema,
} from '../../shared/schemas/infoPoint';
import { addCompetitor, removeCompetitor, updateCompetitor } from '../services/competitors';
import { updateInfoPoint } from '../services/infoPoints';
import { addNextStep, removeNextStep, updateNextStep } from '../services/nextSteps';
import {
  addSuccessFactor,
  removeSuccessFactor,
  reorderSuccessFactors,
  updateSuccessFactor,
} from '../services/successFactors';
import { protectedProcedure, router } from '../trpc/init';

export const infoPointRouter = router({
  update: protectedProcedure
    .input(ZInfoPointUpdateSchema)
    .mutation(({ ctx, input }) => updateInfoPoint(ctx.db, ctx.user, input, ctx.now())),
});

/** Point 1's list. */
export const nextStepRouter = router({
  add: protectedProcedure.input(ZNextStepAddSchema).mutation(({ ctx, input }) => addNextStep(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure.input(ZNextStepUpdateSchema).mutation(({ ctx, input }) => updateNextStep(ctx.db, ctx.user, input, ctx.now())),
  remove: protectedProcedure.input(ZRemoveByIdSchema).mutation(({ ctx, input }) => removeNextStep(ctx.db, ctx.user, input.id, ctx.now())),
});

/** Point 8's list. */
export const competitorRouter = router({
  add: protectedProcedure.input(ZCompetitorAddSchema).mutation(({ ctx, input }) => addCompetitor(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure.input(ZCompetitorUpdateSchema).mutation(({ ctx, input }) => updateCompetitor(ctx.db, ctx.user, input, ctx.now())),
  remove: protectedProcedure.input(ZRemoveByIdSchema).mutation(({ ctx, input }) => removeCompetitor(ctx.db, ctx.user, input.id, ctx.now())),
});

/** Point 9's ranked list. */
export const successFactorRouter = router({
  add: protectedProcedure.input(ZSuccessFactorAddSchema).mutation(({ ctx, input }) => addSuccessFactor(ctx.db, ctx.user, input, ctx.now())),
  update: protectedProcedure.input(ZSuccessFactorUpdateSchema).mutation(({ ctx, input }) => updateSuccessFactor(ctx.db, ctx.user, input, ctx.now())),
  remove: protectedProcedure.input(ZRemoveByIdSchema).mutation(({ ctx, input }) => removeSuccessFactor(ctx.db, ctx.user, input.id, ctx.now())),
  reorder: protectedProcedure
    .input(ZSuccessFactorReorderSchema)
    .mutation(({ ctx, input }) => reorderSuccessFactors(ctx.db, ctx.user, input, ctx.now())),
});
