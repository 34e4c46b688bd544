/**
 * API tokens (SPEC §15), zod-free so the Settings screen can use them. A token is
 * `drk_` and 43 base64url characters (32 random bytes); its first characters are
 * kept in the clear so its owner can tell one token from another.
 */
export const API_TOKEN_PREFIX = 'drk_';
/** How many characters of a token (prefix included) a list shows. */
export const API_TOKEN_SHOWN_CHARS = 12;
/** The longest a token may live: a year, so a forgotten one dies on its own. */
export const API_TOKEN_MAX_DAYS = 366;
/** How many live tokens one user may hold. */
export const API_TOKENS_PER_USER = 20;
