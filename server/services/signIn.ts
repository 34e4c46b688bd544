/**
 * How people sign in (SPEC §15): single sign-on when the server is configured for it, and a
 * password — for everyone, or (an admin's choice) only for admins, who keep it so that a
 * provider outage never locks the organisation out.
 */
import { eq } from 'drizzle-orm';
import type { TSignInUpdate } from '../../shared/schemas/signIn';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first } from '../db/rows';
import { signInSettings } from '../db/tables';
import { AppError, assertVersion } from '../errors';
import { recordEvent } from './events';

export interface SignInSettings {
  passwordForEveryone: boolean;
  version: number;
}

/** The one row of the organisation's sign-in settings; absent until first changed (password for everyone, version 1). */
export async function getSignInSettings(db: Db | Tx): Promise<SignInSettings> {
  const row = first(await db.select({ passwordForEveryone: signInSettings.passwordForEveryone, version: signInSettings.version }).from(signInSettings).limit(1));
  return row ?? { passwordForEveryone: true, version: 1 };
}

export async function updateSignInSettings(db: Db, actor: SessionUser, input: TSignInUpdate, ssoConfigured: boolean, now: Date): Promise<SignInSettings> {
  // Without single sign-on, password sign-in is the only way in for reps and managers.
  if (!input.passwordForEveryone && !ssoConfigured) {
    throw new AppError('BAD_REQUEST', 'passwordForEveryone: single sign-on is not configured, so password sign-in must stay on for everyone', { field: 'passwordForEveryone' });
  }
  return writeTransaction(db, async (tx) => {
    const current = await getSignInSettings(tx);
    await assertVersion('The sign-in settings', current, input.version, (row) => row);
    if (current.passwordForEveryone === input.passwordForEveryone) return current;
    const next = { passwordForEveryone: input.passwordForEveryone, version: current.version + 1 };
    const existing = first(await tx.select({ id: signInSettings.id }).from(signInSettings).limit(1));
    if (existing) {
      await tx.update(signInSettings).set({ ...next, updatedAt: now.toISOString() }).where(eq(signInSettings.id, existing.id));
    } else {
      await tx.insert(signInSettings).values({ ...next, updatedAt: now.toISOString() });
    }
    await recordEvent(tx, {
      teamId: actor.teamId,
      dealId: null,
      actorId: actor.id,
      kind: 'signIn.updated',
      entity: 'signIn',
      entityId: null,
      before: { passwordForEveryone: current.passwordForEveryone },
      after: { passwordForEveryone: next.passwordForEveryone },
      at: now,
    });
    return next;
  });
}
