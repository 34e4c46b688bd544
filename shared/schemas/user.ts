import { z } from 'zod';
import { LOCALES, ROLES } from '../domain';
import { PASSWORD_MAX, PASSWORD_MIN } from '../users';
import { zId, zName, zVersion } from './common';
import { LIMITS } from './limits';

const zPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

/** Everyone lists their own team; an admin may name another. Inactive users only when asked for (Settings). */
export const ZUserListSchema = z
  .strictObject({
    teamId: zId.optional(),
    includeInactive: z.boolean().optional(),
  })
  .optional();
export type TUserList = z.infer<typeof ZUserListSchema>;

export const ZUserCreateSchema = z.strictObject({
  email: z.email().max(LIMITS.email),
  name: zName(LIMITS.name),
  role: z.enum(ROLES),
  teamId: zId.optional(),
  locale: z.enum(LOCALES).optional(),
  password: zPassword,
});
export type TUserCreate = z.infer<typeof ZUserCreateSchema>;

export const ZUserUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  name: zName(LIMITS.name).optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  locale: z.enum(LOCALES).optional(),
  /** Moves the user to another team; their deals stay with the team they belong to. */
  teamId: zId.optional(),
});
export type TUserUpdate = z.infer<typeof ZUserUpdateSchema>;

export const ZUserResetPasswordSchema = z.strictObject({ id: zId, password: zPassword });
export type TUserResetPassword = z.infer<typeof ZUserResetPasswordSchema>;
