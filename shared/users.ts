/**
 * The password policy, shared by the API schema and the Settings forms (which
 * must not pull zod into the client bundle). Long enough to resist guessing,
 * short enough that argon2id hashing stays cheap.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
