import { z } from 'zod';
import { zVersion } from './common';

/** An admin lets everyone sign in with a password, or only admins (the rest use single sign-on). */
export const ZSignInUpdateSchema = z.strictObject({
  passwordForEveryone: z.boolean(),
  version: zVersion,
});
export type TSignInUpdate = z.infer<typeof ZSignInUpdateSchema>;
