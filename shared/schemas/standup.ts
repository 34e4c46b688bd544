import { z } from 'zod';
import { DAY_MS } from '../dates';
import { zDateTime, zId } from './common';

/** At most a year per stand-up report: enough for any cadence, bounded for the server. */
const STANDUP_MAX_DAYS = 366;

export const ZStandupChangesSchema = z
  .strictObject({
    since: zDateTime,
    until: zDateTime.optional(),
    ownerId: zId.optional(),
    /** One team's stand-up; the user's own team by default. */
    teamId: zId.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.until === undefined) return;
    const span = Date.parse(input.until) - Date.parse(input.since);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['until'], message: 'must not be before since' });
    else if (span > STANDUP_MAX_DAYS * DAY_MS) ctx.addIssue({ code: 'custom', path: ['until'], message: `must be within ${STANDUP_MAX_DAYS} days of since` });
  });
export type TStandupChanges = z.infer<typeof ZStandupChangesSchema>;

/** The team, when not the user's own: one they see whole (an admin any, a manager the teams they manage). */
export const ZStandupTeamSchema = z.strictObject({ teamId: zId.optional() }).optional();
