import { ZHistoryGetSchema } from '../../shared/schemas/history';
import { getHistory } from '../services/history';
import { protectedProcedure, router } from '../trpc/init';

/** Whoever sees the deal sees its history; requireDeal inside answers NOT_FOUND otherwise. */
export const historyRouter = router({
  get: protectedProcedure.input(ZHistoryGetSchema).query(({ ctx, input }) => getHistory(ctx.db, ctx.user, input)),
});
