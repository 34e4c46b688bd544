/**
 * Why a single sign-on ended back on the login page (SPEC §15): the server redirects to
 * `/login?sso_error=<reason>` and the page says it in the user's language. Zod-free: the
 * login page imports it.
 */
export const SSO_ERRORS = [
  /** The provider could not be reached (discovery failed). */
  'unavailable',
  /** The user cancelled or the provider refused (an `error` came back). */
  'denied',
  /** The state that came back is not the one this browser started with. */
  'state',
  /** The login was already finished, or took longer than ten minutes. */
  'expired',
  /** The provider's answer failed a check: ID token signature, issuer, audience, nonce, PKCE. */
  'invalid',
  /** The provider did not vouch for the email address. */
  'unverified',
  /** No user has this email, and new users are not created automatically. */
  'unknown',
  /** The user is deactivated. */
  'inactive',
  /** Too many sign-ins started from this address in the last 15 minutes. */
  'busy',
] as const;
export type SsoError = (typeof SSO_ERRORS)[number];
export const isSsoError = (value: string | null): value is SsoError => SSO_ERRORS.includes(value as SsoError);
