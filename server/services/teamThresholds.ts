/**
 * A team's threshold settings, read. Its own module because both the health
 * scoring (health.ts) and the settings writes (settings.ts, which re-scores
 * every open deal) need it: neither imports the other for it.
 */
import { eq, sql } from 'drizzle-orm';
import { ZThresholdSettingsSchema } from '../../shared/schemas/settings';
import { DEFAULT_THRESHOLD_SETTINGS, type ThresholdSettings } from '../../shared/settings';
import type { Db, Tx } from '../db/client';
import { prepared } from '../db/prepared';
import { first } from '../db/rows';
import { teamSettings } from '../db/tables';

export interface TeamThresholds extends ThresholdSettings {
  teamId: number;
  version: number;
}

/** A team's settings; a team that never saved any uses the §4 defaults (version 1). */
const settingsOfTeam = prepared((db) => db.select().from(teamSettings).where(eq(teamSettings.teamId, sql.placeholder('teamId'))).prepare());
/** Validated settings by team and version: read on every health computation, changed a few times a year. */
const validated = new Map<string, ThresholdSettings>();

export async function getThresholds(db: Db | Tx, teamId: number): Promise<TeamThresholds> {
  const row = first(await settingsOfTeam(db).execute({ teamId }));
  if (!row) return { ...DEFAULT_THRESHOLD_SETTINGS, teamId, version: 1 };
  const key = `${teamId}:${row.version}:${JSON.stringify(row.thresholds)}`;
  let settings = validated.get(key);
  if (!settings) {
    // A setting added since the row was saved (coachSilentDays) reads as its default; the team's own choices stay.
    const stored = typeof row.thresholds === 'object' && row.thresholds !== null ? row.thresholds : {};
    const parsed = ZThresholdSettingsSchema.safeParse({ ...DEFAULT_THRESHOLD_SETTINGS, ...stored });
    settings = parsed.success ? parsed.data : DEFAULT_THRESHOLD_SETTINGS;
    if (validated.size > 1000) validated.clear();
    validated.set(key, settings);
  }
  return { ...settings, teamId, version: row.version };
}
