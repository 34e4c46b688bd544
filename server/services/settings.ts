import { ZThresholdSettingsSchema, type TThresholdUpdate } from '../../shared/schemas/settings';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db } from '../db/client';
import { teamSettings } from '../db/tables';
import { AppError, assertVersion } from '../errors';
import { readableTeam } from './access';
import { recordEvent } from './events';
import { closedDealFacts, openDealFacts, recordHealthSnapshots, storeScoredHealth } from './health';
import { getThresholds, type TeamThresholds } from './teamThresholds';

export async function updateThresholds(db: Db, user: SessionUser, input: TThresholdUpdate, now: Date): Promise<TeamThresholds> {
  return writeTransaction(db, async (tx) => {
    const teamId = await readableTeam(tx, user, input.teamId);
    const current = await getThresholds(tx, teamId);
    await assertVersion('Threshold settings', current, input.version, (row) => row);
    const { version: _version, teamId: _team, ...patch } = input;
    const { teamId: _t, version: _v, ...currentSettings } = current;
    const next = ZThresholdSettingsSchema.safeParse({ ...currentSettings, ...patch });
    if (!next.success) throw new AppError('BAD_REQUEST', next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const stamp = now.toISOString();
    await tx
      .insert(teamSettings)
      .values({ teamId, thresholds: next.data, version: current.version + 1, updatedAt: stamp })
      .onConflictDoUpdate({ target: teamSettings.teamId, set: { thresholds: next.data, version: current.version + 1, updatedAt: stamp } });
    await recordEvent(tx, { teamId, dealId: null, actorId: user.id, kind: 'settings.thresholdsUpdated', entity: 'teamSettings', entityId: teamId, before: currentSettings, after: next.data, at: now });
    // New settings can cross or lose thresholds on every open deal of the team: record it now, in the same transaction.
    await recordHealthSnapshots(tx, await openDealFacts(tx, teamId), user.id, now);
    // A closed deal's history ended with its close, but its stored health is scored with these settings too.
    await storeScoredHealth(tx, await closedDealFacts(tx, teamId), now);
    return { ...next.data, teamId, version: current.version + 1 };
  });
}
