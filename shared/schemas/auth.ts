import { z } from 'zod';
import { LOCALES } from '../domain';
import { LIMITS } from './limits';

export const ZLoginSchema = z.strictObject({
  email: z.email().max(LIMITS.email),
  password: z.string().min(1).max(LIMITS.password),
});

export const ZSetLocaleSchema = z.strictObject({ locale: z.enum(LOCALES) });
