/**
 * Teams (SPEC §13): a user belongs to one team; a manager may manage several; an admin
 * sees every team. The lists' team filters offer the teams `listTeams` returns.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { TeamChange } from '../../shared/events';
import { groupBy } from '../../shared/groupBy';
import type { TTeamCreate, TTeamUpdate } from '../../shared/schemas/team';
import type { SessionUser } from '../auth/session';
import { together, writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { teamManagers, teams, users } from '../db/tables';
import { countRows } from '../db/dialect';
import { AppError, assertVersion, badInput, notFound } from '../errors';
import { visibleTeamIds } from './access';
import { recordEvent } from './events';

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
  const [rows, counts, own, given] = await together(
    () => db.select({ id: teams.id, name: teams.name, version: teams.version }).from(teams).where(scope).orderBy(asc(teams.name), asc(teams.id)),
    () => db
        .select({ teamId: users.teamId, members: countRows() })
        .from(users)
        .where(eq(users.active, true))
        .groupBy(users.teamId),
    () => db.select({ teamId: users.teamId, id: users.id, name: users.name }).from(users).where(sql`${users.role} = 'manager' and ${users.active}`),
    () => db.select({ teamId: teamManagers.teamId, id: users.id, name: users.name }).from(teamManagers).innerJoin(users, eq(users.id, teamManagers.userId)),
  );
  const members = new Map(counts.map((row) => [row.teamId, row.members]));
  const managers = groupBy([...own, ...given], (row) => row.teamId);
  return rows.map((team) => ({
    ...team,
    memberCount: members.get(team.id) ?? 0,
    managers: [...new Map((managers.get(team.id) ?? []).map((m) => [m.id, { id: m.id, name: m.name }])).values()].sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

async function teamDto(db: Db | Tx, user: SessionUser, id: number): Promise<TeamDto> {
  const team = (await listTeams(db, user)).find((row) => row.id === id);
  if (!team) throw notFound('Team');
  return team;
}

/** Names are unique whatever their case, so two teams never read the same in a filter. */
async function assertNameFree(tx: Tx, name: string, exceptId?: number): Promise<void> {
  const clash = first(
    await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(sql`lower(${teams.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(teams.id, exceptId)))
      .limit(1),
  );
  if (clash) throw new AppError('CONFLICT', 'name: a team with this name already exists', { field: 'name' });
}

/** An admin founds a team; it starts with the default thresholds (no settings row) and nobody in it. */
export async function createTeam(db: Db, actor: SessionUser, input: TTeamCreate, now: Date): Promise<TeamDto> {
  return writeTransaction(db, async (tx) => {
    await assertNameFree(tx, input.name);
    const row = single(await tx.insert(teams).values({ name: input.name, createdAt: now.toISOString() }).returning({ id: teams.id }));
    await recordEvent(tx, { teamId: row.id, dealId: null, actorId: actor.id, kind: 'team.created', entity: 'team', entityId: row.id, after: { name: input.name }, at: now });
    return teamDto(tx, actor, row.id);
  });
}

/**
 * The managers given a team must be active managers. A manager whose own team this is
 * manages it already, so their row is skipped rather than stored: it would change
 * nothing while they stay, and would silently keep them in charge after they move away.
 */
async function givenManagers(tx: Tx, teamId: number, ids: number[]): Promise<{ id: number; name: string }[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await tx
    .select({ id: users.id, name: users.name, teamId: users.teamId })
    .from(users)
    .where(and(inArray(users.id, unique), eq(users.role, 'manager'), eq(users.active, true)));
  if (rows.length !== unique.length) throw badInput('managerIds', 'every manager must be an active user with the manager role');
  return rows.filter((row) => row.teamId !== teamId).map(({ id, name }) => ({ id, name }));
}

/** Rename a team and/or replace the managers it was given, with the version check. */
export async function updateTeam(db: Db, actor: SessionUser, input: TTeamUpdate, now: Date): Promise<TeamDto> {
  return writeTransaction(db, async (tx) => {
    const current = first(await tx.select().from(teams).where(eq(teams.id, input.id)).limit(1));
    if (!current) throw notFound('Team');
    await assertVersion('Team', current, input.version, () => teamDto(tx, actor, current.id));
    const before: TeamChange = { name: current.name };
    const after: TeamChange = { name: input.name ?? current.name };
    if (input.name !== undefined && input.name !== current.name) await assertNameFree(tx, input.name, current.id);
    if (input.managerIds !== undefined) {
      const next = await givenManagers(tx, current.id, input.managerIds);
      const was = await tx
        .select({ id: users.id, name: users.name })
        .from(teamManagers)
        .innerJoin(users, eq(users.id, teamManagers.userId))
        .where(eq(teamManagers.teamId, current.id));
      const key = (list: { id: number }[]) => JSON.stringify(list.map((m) => m.id).sort((a, b) => a - b));
      if (key(was) !== key(next)) {
        before.managers = was.map((m) => m.name).sort();
        after.managers = next.map((m) => m.name).sort();
        await tx.delete(teamManagers).where(eq(teamManagers.teamId, current.id));
        if (next.length > 0) await tx.insert(teamManagers).values(next.map((m) => ({ teamId: current.id, userId: m.id })));
      }
    }
    if (after.name === before.name && after.managers === undefined) return teamDto(tx, actor, current.id);
    await tx
      .update(teams)
      .set({ name: after.name, version: current.version + 1 })
      .where(eq(teams.id, current.id));
    await recordEvent(tx, { teamId: current.id, dealId: null, actorId: actor.id, kind: 'team.updated', entity: 'team', entityId: current.id, before, after, at: now });
    return teamDto(tx, actor, current.id);
  });
}
