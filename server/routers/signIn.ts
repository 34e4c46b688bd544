import { ZSignInUpdateSchema } from '../../shared/schemas/signIn';
import { ssoConfigured } from '../auth/oidc';
import { getSignInSettings, updateSignInSettings } from '../services/signIn';
import { adminProcedure, router } from '../trpc/init';

/** The organisation's sign-in settings (SPEC §15), for admins. */
export const signInRouter = router({
  settings: adminProcedure.query(async ({ ctx }) => ({
    ...(await getSignInSettings(ctx.db)),
    sso: ssoConfigured(ctx.env) ? { name: ctx.env.OIDC_NAME, issuer: ctx.env.OIDC_ISSUER } : null,
  })),
  update: adminProcedure
    .input(ZSignInUpdateSchema)
    .mutation(({ ctx, input }) => updateSignInSettings(ctx.db, ctx.user, input, ssoConfigured(ctx.env), ctx.now())),
});
