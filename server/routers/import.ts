import { ZImportRunSchema } from '../../shared/schemas/import';
import { runImport } from '../services/import';
import { managerProcedure, router } from '../trpc/init';

export const importRouter = router({
  // Managers and admins (SPEC §12): an import writes whole accounts, people and deals for a team.
  run: managerProcedure.input(ZImportRunSchema).mutation(({ ctx, input }) => runImport(ctx.db, ctx.user, input, ctx.now())),
});
