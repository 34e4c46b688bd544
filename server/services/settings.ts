import { eq, sql } from 'drizzle-orm';
import { ZThresholdSettingsSchema, type TThresholdUpdate } from '../../shared/schemas/settings';
import { DEFAULT_THRESHOLD_SETTINGS, type ThresholdSettings } from '../../shared/settings';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { prepared } from '../db/prepared';
import { teams, teamSettings } from '../db/schema';
import { AppError, assertVersion, notFound } from '../errors';
import { recordEvent } from './events';
import { openDealFacts, recordHealthSnapshots } from './health';

export interface TeamThresholds extends ThresholdSettings {
  teamId: number;
  version: number;
}

/** A team's settings; a team that never saved any uses the §4 defaults (version 1). */
const settingsOfTeam = prepared((db) => db.select().from(teamSettings).where(eq(teamSettings.teamId, sql.placeholder('teamId'))).prepare());
/** Validated settings by team and version: read on every health computation, changed a few times a year. */
const validated = new Map<string, ThresholdSettings>();

export function getThresholds(db: Db | Tx, teamId: number): TeamThresholds {
  const row = settingsOfTeam(db).get({ teamId });
  if (!row) return { ...DEFAULT_THRESHOLD_SETTINGS, teamId, version: 1 };
  const key = `${teamId}:${row.version}:${JSON.stringify(row.thresholds)}`;
  let settings = validated.get(key);
  if (!settings) {
    const parsed = ZThresholdSettingsSchema.safeParse(row.thresholds);
    settings = parsed.success ? parsed.data : DEFAULT_THRESHOLD_SETTINGS;
    if (validated.size > 1000) validated.clear();
    validated.set(key, settings);
  }
  return { ...settings, teamId, version: row.version };
}

/** Everyone reads their own team's settings; an admin may read any team's. */
export function readableTeam(user: SessionUser, teamId: number | undefined): number {
  if (teamId === undefined || teamId === user.teamId) return user.teamId;
  if (user.role !== 'admin') throw notFound('Team');
  return teamId;
}

export function updateThresholds(db: Db, user: SessionUser, input: TThresholdUpdate, now: Date): TeamThresholds {
  return writeTransaction(db, (tx) => {
    const teamId = readableTeam(user, input.teamId);
    if (!tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).get()) throw notFound('Team');
    const current = getThresholds(tx, teamId);
    assertVersion('Threshold settings', current, input.version, (row) => row);
    const { version: _version, teamId: _team, ...patch } = input;
    const { teamId: _t, version: _v, ...currentSettings } = current;
    const next = ZThresholdSettingsSchema.safeParse({ ...currentSettings, ...patch });
    if (!next.success) throw new AppError('BAD_REQUEST', next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const stamp = now.toISOString();
    tx.insert(teamSettings)
      .values({ teamId, thresholds: next.data, version: current.version + 1, updatedAt: stamp })
      .onConflictDoUpdate({ target: teamSettings.teamId, set: { thresholds: next.data, version: current.version + 1, updatedAt: stamp } })
      .run();
    recordEvent(tx, { teamId, dealId: null, actorId: user.id, kind: 'settings.thresholdsUpdated', entity: 'teamSettings', entityId: teamId, before: currentSettings, after: next.data, at: now });
    // New settings can cross or lose thresholds on every open deal of the team: record it now, in the same transaction.
    recordHealthSnapshots(tx, openDealFacts(tx, teamId), user.id, now);
    return { ...next.data, teamId, version: current.version + 1 };
  });
}
