import { z } from 'zod';
import { LOCALES } from '../domain';

export const ZLoginSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type TLogin = z.infer<typeof ZLoginSchema>;

export const ZSetLocaleSchema = z.strictObject({ locale: z.enum(LOCALES) });
