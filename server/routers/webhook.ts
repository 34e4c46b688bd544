import { ZWebhookCreateSchema, ZWebhookDeliveriesSchema, ZWebhookListSchema, ZWebhookRedeliverSchema, ZWebhookRemoveSchema } from '../../shared/schemas/webhook';
import { createWebhook, listDeliveries, listWebhooks, redeliver, removeWebhook } from '../services/webhooks';
import { adminProcedure, router } from '../trpc/init';

/** Webhooks (SPEC §15): the organisation's, so admins only. */
export const webhookRouter = router({
  list: adminProcedure.input(ZWebhookListSchema).query(({ ctx }) => listWebhooks(ctx.db)),
  create: adminProcedure.input(ZWebhookCreateSchema).mutation(({ ctx, input }) => createWebhook(ctx.db, ctx.user, input, ctx.now())),
  remove: adminProcedure.input(ZWebhookRemoveSchema).mutation(({ ctx, input }) => removeWebhook(ctx.db, ctx.user, input.id, ctx.now())),
  deliveries: adminProcedure.input(ZWebhookDeliveriesSchema).query(({ ctx, input }) => listDeliveries(ctx.db, input)),
  redeliver: adminProcedure.input(ZWebhookRedeliverSchema).mutation(({ ctx, input }) => redeliver(ctx.db, input.deliveryId, ctx.now())),
});
