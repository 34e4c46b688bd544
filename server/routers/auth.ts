import { eq } from 'drizzle-orm';
import { ZLoginSchema, ZSetLocaleSchema } from '../../shared/schemas/auth';
import { decoyPasswordHash, verifyPassword } from '../auth/password';
import { clearSessionCookie, createSession, deleteSession, sessionUserColumns, setSessionCookie } from '../auth/session';
import { writeTransaction } from '../db/client';
import { first } from '../db/rows';
import { users } from '../db/tables';
import { AppError } from '../errors';
import { ssoConfigured } from '../auth/oidc';
import { getSignInSettings } from '../services/signIn';
import { protectedProcedure, publicProcedure, router } from '../trpc/init';

export const authRouter = router({
  login: publicProcedure.input(ZLoginSchema).mutation(async ({ ctx, input }) => {
    const email = input.email.toLowerCase();
    await ctx.loginLimiter.consume(ctx.req?.ip ?? 'local', email);
    const found = first(
      await ctx.db
        .select({ ...sessionUserColumns, passwordHash: users.passwordHash, active: users.active })
        .from(users)
        .where(eq(users.email, email))
        .limit(1),
    );
    const ok = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), input.password);
    if (!found || !found.active || !ok) throw new AppError('UNAUTHORIZED', 'Wrong email or password');
    // Asked only after a right password, so the answer tells a stranger nothing about the account.
    if (found.role !== 'admin' && ssoConfigured(ctx.env) && !(await getSignInSettings(ctx.db)).passwordForEveryone) {
      throw new AppError('FORBIDDEN', `Password sign-in is for administrators only here; sign in with ${ctx.env.OIDC_NAME}`);
    }
    await ctx.loginLimiter.reset(email);
    // A fresh token at every login; an old cookie's session is ended.
    if (ctx.sessionTokenHash) await deleteSession(ctx.db, ctx.sessionTokenHash);
    const { token, expiresAt } = await createSession(ctx.db, found.id, ctx.now(), ctx.env.SESSION_DAYS);
    if (ctx.res) setSessionCookie(ctx.res, token, expiresAt, ctx.req?.secure ?? false);
    const { passwordHash, active, ...user } = found;
    void passwordHash;
    void active;
    return { user };
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash) await deleteSession(ctx.db, ctx.sessionTokenHash);
    if (ctx.res) clearSessionCookie(ctx.res, ctx.req?.secure ?? false);
    return { ok: true as const };
  }),

  /** What the login page offers (SPEC §15): single sign-on with the provider's name, and whether a password works for everyone. */
  methods: publicProcedure.query(async ({ ctx }) => ({
    sso: ssoConfigured(ctx.env) ? { name: ctx.env.OIDC_NAME } : null,
    passwordForEveryone: !ssoConfigured(ctx.env) || (await getSignInSettings(ctx.db)).passwordForEveryone,
  })),

  me: publicProcedure.query(({ ctx }) => (ctx.user ? { user: ctx.user } : null)),

  setLocale: protectedProcedure.input(ZSetLocaleSchema).mutation(async ({ ctx, input }) => {
    // Writes go through the write transaction: outside one, ctx.db reads only.
    await writeTransaction(ctx.db, async (tx) => {
      await tx.update(users).set({ locale: input.locale }).where(eq(users.id, ctx.user.id));
    });
    return { user: { ...ctx.user, locale: input.locale } };
  }),
});
