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

/**
 * A team's settings; a team that never saved any uses the §4 defaults (version 1). Only the
 * thresholds and their version, the thresholds as the driver gives them — SQLite's text,
 * PostgreSQL's parsed jsonb — so a cached team's settings are neither parsed nor
 * re-serialised for its key on every read (deal.get reads them on every call).
 */
const settingsOfTeam = prepared((db) =>
  db
    .select({ version: teamSettings.version, thresholds: sql<unknown>`${teamSettings.thresholds}` })
    .from(teamSettings)
    .where(eq(teamSettings.teamId, sql.placeholder('teamId')))
    .prepare(),
);
function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Validated settings by team, version and stored value: read on every health computation, changed a few times a year. */
const validated = new Map<string, ThresholdSettings>();

export async function getThresholds(db: Db | Tx, teamId: number): Promise<TeamThresholds> {
  const row = first(await settingsOfTeam(db).execute({ teamId }));
  if (!row) return { ...DEFAULT_THRESHOLD_SETTINGS, teamId, version: 1 };
  const key = `${teamId}:${row.version}:${typeof row.thresholds === 'string' ? row.thresholds : JSON.stringify(row.thresholds)}`;
  let settings = validated.get(key);
  if (!settings) {
    // A setting added since the row was saved (coachSilentDays) reads as its default; the team's own choices stay.
    // Text that is not JSON (a hand-edited row) reads as the defaults, as an invalid setting does: never a 500.
    const value = typeof row.thresholds === 'string' ? parseOrNull(row.thresholds) : row.thresholds;
    const stored = typeof value === 'object' && value !== null ? value : {};
    const parsed = ZThresholdSettingsSchema.safeParse({ ...DEFAULT_THRESHOLD_SETTINGS, ...stored });
    settings = parsed.success ? parsed.data : DEFAULT_THRESHOLD_SETTINGS;
    if (validated.size > 1000) validated.clear();
    validated.set(key, settings);
  }
  return { ...settings, teamId, version: row.version };
}
