/**
 * `standup.accountChanges` (SPEC §11): the account flags raised and cleared between two
 * moments, for one team's stand-up. Account health is derived, not logged, so each account
 * is scored as it stood at `since` and at `until` (./accountFacts.ts, `past`) and the two
 * are compared: a flag present at `until` and not at `since` was raised in the period.
 */
import { and, eq } from 'drizzle-orm';
import type { AccountHealthStatus } from '../../shared/accounts';
import type { AccountTier } from '../../shared/domain';
import type { AccountFlag } from '../../shared/scoring';
import type { TStandupChanges } from '../../shared/schemas/standup';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { byteOrder } from '../db/dialect';
import { accounts } from '../db/tables';
import { readableTeam, visibleAccounts } from './access';
import { scoreAccounts } from './accountFacts';
import { accountDto, accountQuery } from './accounts';

export interface StandupAccountChange {
  accountId: number;
  accountName: string;
  tier: AccountTier;
  ownerId: number | null;
  ownerName: string | null;
  /** Health at `since` and at `until`. */
  statusBefore: AccountHealthStatus;
  status: AccountHealthStatus;
  /** Flags raised in the period, as they read at `until`. */
  raised: AccountFlag[];
  /** Flags that were up at `since` and are gone at `until`, as they read then. */
  cleared: AccountFlag[];
}

export async function standupAccountChanges(db: Db, user: SessionUser, input: TStandupChanges, now: Date): Promise<StandupAccountChange[]> {
  const teamId = await readableTeam(db, user, input.teamId);
  const since = new Date(input.since);
  const until = input.until === undefined || Date.parse(input.until) > now.getTime() ? now : new Date(input.until);
  const rows = (
    await accountQuery(db)
      .where(and(visibleAccounts(user, db), eq(accounts.teamId, teamId), input.ownerId === undefined ? undefined : eq(accounts.ownerId, input.ownerId)))
      .orderBy(byteOrder(accounts.name), accounts.id)
  ).map(accountDto);
  if (rows.length === 0) return [];
  const scope = { teamIds: [teamId] };
  const before = await scoreAccounts(db, rows, scope, since, true);
  const after = await scoreAccounts(db, rows, scope, until, true);
  return rows.flatMap((row) => {
    const then = before.scores.get(row.id)!.health;
    const current = after.scores.get(row.id)!.health;
    const raised = current.flags.filter((flag) => !then.flags.some((old) => old.code === flag.code));
    const cleared = then.flags.filter((flag) => !current.flags.some((next) => next.code === flag.code));
    if (raised.length === 0 && cleared.length === 0) return [];
    return [{ accountId: row.id, accountName: row.name, tier: row.tier, ownerId: row.ownerId, ownerName: row.ownerName, statusBefore: then.status, status: current.status, raised, cleared }];
  });
}
