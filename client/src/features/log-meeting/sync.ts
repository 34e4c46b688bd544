import { TRPCClientError, type TRPCClient } from '@trpc/client';
import type { Stance } from '../../../../shared/domain';
import type { AppRouter } from '../../../../server/trpc/router';
import { conflictCurrent, errorCode } from '../../lib/trpc';
import { loadOutbox, outboxOf, updateEntry, type QueuedMeeting, type QueuedStance } from './outbox';

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
  if (!entry.logged) {
    try {
      await client.activity.log.mutate({ dealId: entry.dealId, ...entry.activity, clientId: entry.clientId });
    } catch (error) {
      if (isTransient(error)) throw new Offline();
      await updateEntry(entry.clientId, (current) => ({ ...current, failure: { code: errorCode(error) ?? 'BAD_REQUEST' } }));
      return;
    }
    await updateEntry(entry.clientId, (current) => ({ ...current, logged: true }));
  }
  for (const stance of entry.stances) {
    if (stance.state !== 'pending') continue;
    const sent = await sendStance(client, stance);
    await updateEntry(entry.clientId, (current) => ({ ...current, stances: current.stances.map((s) => (s.stakeholderId === sent.stakeholderId ? sent : s)) }));
  }
}

let running: Promise<void> | null = null;
/** Asked again while a run was going: what changed meanwhile (a decision, a new entry) goes out in one more run. */
let again = false;

async function sendAll(client: Client, userId: number): Promise<void> {
  for (const entry of outboxOf(userId)) {
    if (entry.failure) continue;
    await sendEntry(client, entry);
  }
}

/**
 * Send one user's queue, oldest first, each entry exactly once (its clientId). Stops at the
 * first sign of no connection and leaves the rest for the next try. One run at a time per
 * page, and across tabs where the browser has Web Locks, so two tabs never race one entry.
 */
export function flushOutbox(client: Client, userId: number): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      await loadOutbox();
      do {
        again = false;
        if (navigator.locks) await navigator.locks.request('deal-room-outbox', () => sendAll(client, userId));
        else await sendAll(client, userId);
      } while (again);
    } catch (error) {
      if (!(error instanceof Offline)) throw error;
    } finally {
      running = null;
    }
  })();
  return running;
}

/** The rep's answer to a stance conflict: send theirs again over the version now on the server, or let it go. */
export async function resolveStance(clientId: string, stakeholderId: number, keep: 'mine' | 'theirs'): Promise<void> {
  await updateEntry(clientId, (entry) => ({
    ...entry,
    stances: entry.stances.map((stance) => {
      if (stance.stakeholderId !== stakeholderId || stance.state !== 'conflict' || !stance.theirs) return stance;
      return keep === 'mine' ? { ...stance, state: 'pending' as const, version: stance.theirs.version } : { ...stance, state: 'dropped' as const };
    }),
  }));
}
