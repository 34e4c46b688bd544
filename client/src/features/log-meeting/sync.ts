import { TRPCClientError, type TRPCClient } from '@trpc/client';
import type { Stance } from '../../../../shared/domain';
import type { AppRouter } from '../../../../server/trpc/router';
import { conflictCurrent, errorCode } from '../../lib/trpc';
import { loadOutbox, outboxOf, saveEntry, type QueuedMeeting, type QueuedStance } from './outbox';

type Client = TRPCClient<AppRouter>;

/**
 * Worth trying again later: no answer at all (no signal, the server restarting), a server
 * that is briefly unavailable or busy, or a session to log in again. Anything else the
 * server said is its answer and is shown to the rep.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof TRPCClientError) || !error.data) return true;
  const code = errorCode(error);
  return code === 'SERVICE_UNAVAILABLE' || code === 'TOO_MANY_REQUESTS' || code === 'UNAUTHORIZED' || code === 'INTERNAL_SERVER_ERROR';
}

/** Thrown to stop the run: nothing more goes out until the connection is back. */
class Offline extends Error {}

async function sendStance(client: Client, stance: QueuedStance): Promise<QueuedStance> {
  try {
    await client.stakeholder.update.mutate({ id: stance.stakeholderId, version: stance.version, stance: stance.to });
    return { ...stance, state: 'sent', theirs: undefined };
  } catch (error) {
    if (isTransient(error)) throw new Offline();
    const current = conflictCurrent<{ stance: Stance; version: number }>(error);
    // A retry of a change that did reach the server: the stance already is what the rep chose.
    if (current?.stance === stance.to) return { ...stance, state: 'sent', theirs: undefined };
    // Someone changed this person meanwhile: never applied over them, never dropped; the rep decides.
    if (current) return { ...stance, state: 'conflict', theirs: { stance: current.stance, version: current.version } };
    return { ...stance, state: 'failed' };
  }
}

async function sendEntry(client: Client, entry: QueuedMeeting): Promise<void> {
  let item = entry;
  if (!item.logged) {
    try {
      await client.activity.log.mutate({ dealId: item.dealId, ...item.activity, clientId: item.clientId });
      item = { ...item, logged: true };
    } catch (error) {
      if (isTransient(error)) throw new Offline();
      await saveEntry({ ...item, failure: { code: errorCode(error) ?? 'BAD_REQUEST' } });
      return;
    }
    await saveEntry(item);
  }
  for (const [index, stance] of item.stances.entries()) {
    if (stance.state !== 'pending') continue;
    const stances = item.stances.with(index, await sendStance(client, stance));
    item = { ...item, stances };
    await saveEntry(item);
  }
}

let running: Promise<void> | null = null;

/**
 * Send one user's queue, oldest first, each entry exactly once (its clientId). Stops at the
 * first sign of no connection and leaves the rest for the next try. One run at a time per
 * page, and across tabs where the browser has Web Locks, so two tabs never race one entry.
 */
export function flushOutbox(client: Client, userId: number): Promise<void> {
  running ??= (async () => {
    try {
      await loadOutbox();
      const run = async () => {
        for (const entry of outboxOf(userId)) {
          if (entry.failure) continue;
          await sendEntry(client, entry);
        }
      };
      if (navigator.locks) await navigator.locks.request('deal-room-outbox', run);
      else await run();
    } catch (error) {
      if (!(error instanceof Offline)) throw error;
    } finally {
      running = null;
    }
  })();
  return running;
}

/** The rep's answer to a stance conflict: send theirs again over the version now on the server, or let it go. */
export async function resolveStance(entry: QueuedMeeting, stakeholderId: number, keep: 'mine' | 'theirs'): Promise<void> {
  const stances = entry.stances.map((stance) => {
    if (stance.stakeholderId !== stakeholderId || stance.state !== 'conflict' || !stance.theirs) return stance;
    return keep === 'mine' ? { ...stance, state: 'pending' as const, version: stance.theirs.version } : { ...stance, state: 'dropped' as const };
  });
  await saveEntry({ ...entry, stances });
}
