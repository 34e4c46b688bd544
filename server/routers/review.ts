import { ZCoachingNoteAddSchema, ZCoachingNoteListSchema, ZReviewPipelineSchema } from '../../shared/schemas/review';
import { addCoachingNote, listCoachingNotes } from '../services/coachingNotes';
import { ZReviewLossesSchema } from '../../shared/schemas/losses';
import { reviewLosses } from '../services/losses';
import { reviewPipeline, reviewSummary } from '../services/review';
import { reviewAccounts } from '../services/accountViews';
import { ZReviewAccountsSchema } from '../../shared/schemas/account';
import { ZReviewSummarySchema } from '../../shared/schemas/deal';
import { managerProcedure, protectedProcedure, router } from '../trpc/init';

export const reviewRouter = router({
  pipeline: protectedProcedure.input(ZReviewPipelineSchema).query(({ ctx, input }) => reviewPipeline(ctx.db, ctx.user, input ?? {})),
  // The Review's header counts (SPEC §13), by the database over the stored health.
  summary: protectedProcedure.input(ZReviewSummarySchema).query(({ ctx, input }) => reviewSummary(ctx.db, ctx.user, input ?? {})),
  // Open like the pipeline review: everyone reads the closed deals they may see (SPEC §7), a rep their own.
  losses: protectedProcedure.input(ZReviewLossesSchema).query(({ ctx, input }) => reviewLosses(ctx.db, ctx.user, input ?? {})),
  // Accounts on the defection watch (SPEC §11): at risk, then on watch, of the teams the user sees (or one of them).
  accounts: protectedProcedure.input(ZReviewAccountsSchema).query(({ ctx, input }) => reviewAccounts(ctx.db, ctx.user, input?.teamId, ctx.now())),
});

/** Reads are open to whoever sees the deal; writes to managers and admins. */
export const coachingNoteRouter = router({
  add: managerProcedure.input(ZCoachingNoteAddSchema).mutation(({ ctx, input }) => addCoachingNote(ctx.db, ctx.user, input, ctx.now())),
  list: protectedProcedure.input(ZCoachingNoteListSchema).query(({ ctx, input }) => listCoachingNotes(ctx.db, ctx.user, input.dealId)),
});
