/**
 * A team's account settings (SPEC §11), read and written: the scorecard's weights and tier
 * cut-offs, the windows of the pattern and the defection watch, the base currency and rates.
 * Stored beside the threshold settings in `team_settings`, versioned apart from them.
 */
import { eq, inArray } from 'drizzle-orm';
import { DEFAULT_ACCOUNT_SETTINGS, type AccountSettings } from '../../shared/accounts';
import { ZAccountSettingsSchema, type TAccountSettingsUpdate } from '../../shared/schemas/settings';
import { DEFAULT_THRESHOLD_SETTINGS } from '../../shared/settings';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first } from '../db/rows';
import { teamSettings } from '../db/tables';
import { AppError, assertVersion } from '../errors';
import { readableTeam } from './access';
import { recordEvent } from './events';

export interface TeamAccountSettings extends AccountSettings {
  teamId: number;
  version: number;
}

/** Stored settings over the defaults: a setting added later reads as its default; an unreadable row as the defaults. */
function parse(stored: unknown): AccountSettings {
  if (typeof stored !== 'object' || stored === null) return DEFAULT_ACCOUNT_SETTINGS;
  const parsed = ZAccountSettingsSchema.safeParse({ ...DEFAULT_ACCOUNT_SETTINGS, ...stored });
  return parsed.success ? parsed.data : DEFAULT_ACCOUNT_SETTINGS;
}

export async function getAccountSettings(db: Db | Tx, teamId: number): Promise<TeamAccountSettings> {
  const row = first(await db.select({ settings: teamSettings.accountSettings, version: teamSettings.accountSettingsVersion }).from(teamSettings).where(eq(teamSettings.teamId, teamId)).limit(1));
  return { ...parse(row?.settings), teamId, version: row?.version ?? 1 };
}

/** The settings of several teams at once (a list across teams), each team's defaults where it saved none. */
export async function accountSettingsOfTeams(db: Db | Tx, teamIds: readonly number[]): Promise<Map<number, AccountSettings>> {
  const rows = teamIds.length === 0 ? [] : await db.select({ teamId: teamSettings.teamId, settings: teamSettings.accountSettings }).from(teamSettings).where(inArray(teamSettings.teamId, [...teamIds]));
  const byTeam = new Map(rows.map((row) => [row.teamId, parse(row.settings)]));
  return new Map(teamIds.map((teamId) => [teamId, byTeam.get(teamId) ?? DEFAULT_ACCOUNT_SETTINGS]));
}

export async function updateAccountSettings(db: Db, user: SessionUser, input: TAccountSettingsUpdate, now: Date): Promise<TeamAccountSettings> {
  return writeTransaction(db, async (tx) => {
    const teamId = await readableTeam(tx, user, input.teamId);
    const current = await getAccountSettings(tx, teamId);
    await assertVersion('Account settings', current, input.version, (row) => row);
    const { version: _version, teamId: _team, ...patch } = input;
    const { teamId: _t, version: _v, ...currentSettings } = current;
    const next = ZAccountSettingsSchema.safeParse({ ...currentSettings, ...patch });
    if (!next.success) throw new AppError('BAD_REQUEST', next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const version = current.version + 1;
    const stamp = now.toISOString();
    await tx
      .insert(teamSettings)
      .values({ teamId, thresholds: DEFAULT_THRESHOLD_SETTINGS, accountSettings: next.data, accountSettingsVersion: version, updatedAt: stamp })
      .onConflictDoUpdate({ target: teamSettings.teamId, set: { accountSettings: next.data, accountSettingsVersion: version, updatedAt: stamp } });
    await recordEvent(tx, { teamId, dealId: null, actorId: user.id, kind: 'settings.accountSettingsUpdated', entity: 'teamSettings', entityId: teamId, before: currentSettings, after: next.data, at: now });
    return { ...next.data, teamId, version };
  });
}
