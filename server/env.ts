import { z } from 'zod';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('data/deal-room.sqlite'),
  /** postgres://user:password@host:5432/db — runs on PostgreSQL (14 or later) instead of SQLite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  SEED_DEMO: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when running behind an HTTPS reverse proxy: cookies become Secure, client IPs come from X-Forwarded-For. */
  TRUST_PROXY: booleanFlag.default(false),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Login attempts allowed per IP and per email in a 15-minute window. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  CLIENT_DIST: z.string().min(1).default('dist/client'),
  /** How often thresholds lost to time alone are recorded in the history; 0 turns the sweep off. */
  HEALTH_SWEEP_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  /**
   * The address users reach the app at (https://deals.example.com), when it differs from what a
   * request says: the single sign-on callback URL is built from it.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Single sign-on (SPEC §15): the OpenID provider's issuer URL, e.g. https://login.example.com/realms/sales. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** The provider's name on the sign-in button: "Sign in with <name>". */
  OIDC_NAME: z.string().min(1).max(60).default('SSO'),
  /** `rep`: a verified email the app does not know becomes a new rep (in the first team); unset: refused. */
  OIDC_AUTO_CREATE: z.enum(['rep']).optional(),
  /** How often the webhook deliverer looks for due deliveries; 0 turns it off (tests drive it by hand). */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
  /** How long one webhook POST may take, answer included, before it counts as failed and is retried. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parse the environment once at start; a bad value stops the server with a message naming it. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together' });
    }
  }).safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}
