import { ZContactListSchema, ZContactUpdateSchema } from '../../shared/schemas/contact';
import { listContacts, updateContact } from '../services/contacts';
import { protectedProcedure, router } from '../trpc/init';

/** People at an account: the org chart every deal with the account shares. */
export const contactRouter = router({
  list: protectedProcedure.input(ZContactListSchema).query(({ ctx, input }) => listContacts(ctx.db, ctx.user, input.accountId)),
  update: protectedProcedure.input(ZContactUpdateSchema).mutation(({ ctx, input }) => updateContact(ctx.db, ctx.user, input, ctx.now())),
});
