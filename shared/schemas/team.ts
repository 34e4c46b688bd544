import { z } from 'zod';

/** `team.list`: the teams the user sees whole (SPEC §13) — an admin every team, a manager the ones they manage, a rep their own. */
export const ZTeamListSchema = z.strictObject({}).optional();
