import { ZContactListSchema, ZContactUpdateSchema } from '../../shared/schemas/contact';
import { z } from 'zod';
import { documented, ZContactOutput } from '../../shared/schemas/outputs';
import { listContacts, updateContact, type ContactDto } from '../services/contacts';
import { protectedProcedure, router } from '../trpc/init';

/** People at an account: the org chart every deal with the account shares. */
export const contactRouter = router({
  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/accounts/{accountId}/contacts', tags: ['contacts'], summary: 'The people at an account' } })
    .input(ZContactListSchema)
    .output(documented<ContactDto[]>(z.array(ZContactOutput)))
    .query(({ ctx, input }) => listContacts(ctx.db, ctx.user, input.accountId)),
  update: protectedProcedure
    .meta({ openapi: { method: 'PATCH', path: '/contacts/{id}', tags: ['contacts'], summary: 'Change a person’s facts (on every deal with the account)' } })
    .input(ZContactUpdateSchema)
    .output(documented<ContactDto>(ZContactOutput))
    .mutation(({ ctx, input }) => updateContact(ctx.db, ctx.user, input, ctx.now())),
});
