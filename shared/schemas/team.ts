import { z } from 'zod';
import { zId, zName, zVersion } from './common';
import { LIMITS } from './limits';

/** `team.list`: the teams the user sees whole (SPEC §13) — an admin every team, a manager the ones they manage, a rep their own. */
export const ZTeamListSchema = z.strictObject({}).optional();

/** More managers than any real team has; the bound keeps one request from naming thousands. */
export const TEAM_MANAGERS_MAX = 50;

export const ZTeamCreateSchema = z.strictObject({ name: zName(LIMITS.name) });
export type TTeamCreate = z.infer<typeof ZTeamCreateSchema>;

/**
 * Rename a team or choose who manages it. `managerIds` is the whole list of the managers
 * given the team (managers whose own team it is manage it anyway); leaving it out keeps it.
 */
export const ZTeamUpdateSchema = z.strictObject({
  id: zId,
  version: zVersion,
  name: zName(LIMITS.name).optional(),
  managerIds: z.array(zId).max(TEAM_MANAGERS_MAX).optional(),
});
export type TTeamUpdate = z.infer<typeof ZTeamUpdateSchema>;
