import { z } from 'zod';
import { RISK_FLAG_CODES } from '../domain';
import { zDate, zId, zName } from './common';
import { LIMITS } from './limits';

/**
 * `until` is checked against today by the service (`snoozeUntilProblem`: after today,
 * at most SNOOZE_MAX_DAYS ahead): the schema knows the calendar, not the date.
 */
export const ZFlagSnoozeSchema = z.strictObject({
  dealId: zId,
  code: z.enum(RISK_FLAG_CODES),
  until: zDate,
  reason: zName(LIMITS.snoozeReason),
});
export type TFlagSnooze = z.infer<typeof ZFlagSnoozeSchema>;

export const ZFlagUnsnoozeSchema = z.strictObject({ dealId: zId, code: z.enum(RISK_FLAG_CODES) });
export type TFlagUnsnooze = z.infer<typeof ZFlagUnsnoozeSchema>;
