/**
 * Teams (SPEC §13): a user belongs to one team; a manager may manage several; an admin
 * sees every team. The lists' team filters offer the teams `listTeams` returns.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import { teamManagers, teams, users } from '../db/tables';
import { groupBy } from '../../shared/groupBy';
import { visibleTeamIds } from './access';

export interface TeamDto {
  id: number;
  name: string;
  version: number;
  /** Active members. */
  memberCount: number;
  /** Who manages the team: its own managers and the managers it was given. */
  managers: { id: number; name: string }[];
}

export async function listTeams(db: Db | Tx, user: SessionUser): Promise<TeamDto[]> {
  const visible = await visibleTeamIds(db, user);
  const scope = visible === 'all' ? undefined : inArray(teams.id, visible);
  const [rows, counts, own, given] = await Promise.all([
    db.select({ id: teams.id, name: teams.name, version: teams.version }).from(teams).where(scope).orderBy(asc(teams.name), asc(teams.id)),
    db
      .select({ teamId: users.teamId, members: sql<number>`cast(count(*) as integer)`.mapWith(Number) })
      .from(users)
      .where(eq(users.active, true))
      .groupBy(users.teamId),
    db.select({ teamId: users.teamId, id: users.id, name: users.name }).from(users).where(sql`${users.role} = 'manager' and ${users.active}`),
    db.select({ teamId: teamManagers.teamId, id: users.id, name: users.name }).from(teamManagers).innerJoin(users, eq(users.id, teamManagers.userId)),
  ]);
  const members = new Map(counts.map((row) => [row.teamId, row.members]));
  const managers = groupBy([...own, ...given], (row) => row.teamId);
  return rows.map((team) => ({
    ...team,
    memberCount: members.get(team.id) ?? 0,
    managers: [...new Map((managers.get(team.id) ?? []).map((m) => [m.id, { id: m.id, name: m.name }])).values()].sort((a, b) => a.name.localeCompare(b.name)),
  }));
}
