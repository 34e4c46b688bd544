import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { ActivityKind, Stance } from '../../../../shared/domain';

/**
 * The device's queue of meetings logged but not yet on the server (SPEC §16). Every
 * submission goes through it, online or not, so there is one way to send and one way to
 * retry: the entry keeps its `clientId`, the server logs it once however often it arrives.
 * Kept in IndexedDB (idb-keyval, docs/decisions/0018) so it survives a reload, a closed tab
 * and an app opened with no signal.
 */

/** A stance change made with the meeting, against the version the rep saw when the form opened. */
export interface QueuedStance {
  stakeholderId: number;
  name: string;
  from: Stance;
  to: Stance;
  version: number;
  /**
   * pending: still to send; sent: on the server; conflict: someone changed this person
   * meanwhile, the rep decides; dropped: the rep kept theirs; failed: refused for good.
   */
  state: 'pending' | 'sent' | 'conflict' | 'dropped' | 'failed';
  /** What the server has now, when it refused a stale version. */
  theirs?: { stance: Stance; version: number };
}

export interface QueuedMeeting {
  clientId: string;
  /** Whose entry: only they send it, and logging out asks before it goes. */
  userId: number;
  /** Queue order: entries go out in the order they were logged. */
  seq: number;
  queuedAt: string;
  dealId: number;
  dealName: string;
  activity: { kind: ActivityKind; occurredAt: string; stakeholderIds: number[]; summary: string };
  /** Names as the rep saw them, for the waiting list (the deal may not be loadable offline). */
  people: { id: number; name: string }[];
  /** The server accepted the activity; what may remain are stance changes. */
  logged: boolean;
  stances: QueuedStance[];
  /** Refused for good (the deal is gone, access was taken away): shown, never retried by itself. */
  failure?: { code: string };
}

let store: UseStore | null = null;
const idb = () => (store ??= createStore('deal-room-outbox', 'meetings'));

let items: QueuedMeeting[] = [];
let loaded: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: QueuedMeeting[]): void {
  items = next.toSorted((a, b) => a.seq - b.seq);
  for (const listener of listeners) listener();
}

/** Read the queue from IndexedDB once; storage that is off (private mode) leaves a queue for this visit. */
export function loadOutbox(): Promise<void> {
  loaded ??= entries<string, QueuedMeeting>(idb())
    .then((rows) => publish(rows.map(([, value]) => value)))
    .catch(() => undefined);
  return loaded;
}

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const outboxSnapshot = (): QueuedMeeting[] => items;

/** The entries one user still has to send or decide on. */
export const outboxOf = (userId: number): QueuedMeeting[] => items.filter((item) => item.userId === userId);

/** Done when the activity is logged and no stance change is left to send or decide. */
export const isSettled = (item: QueuedMeeting): boolean => item.logged && item.stances.every((stance) => stance.state === 'sent' || stance.state === 'dropped');

async function persist(item: QueuedMeeting): Promise<void> {
  try {
    await set(item.clientId, item, idb());
  } catch {
    // No IndexedDB on this device: the entry still waits in memory for this visit.
  }
}

export async function enqueue(entry: Omit<QueuedMeeting, 'seq' | 'queuedAt' | 'logged'>): Promise<QueuedMeeting> {
  await loadOutbox();
  const item: QueuedMeeting = { ...entry, seq: Math.max(Date.now(), ...items.map((i) => i.seq + 1)), queuedAt: new Date().toISOString(), logged: false };
  publish([...items, item]);
  await persist(item);
  return item;
}

/** Save a changed entry, or drop it once it is settled. */
async function saveEntry(item: QueuedMeeting): Promise<void> {
  const others = items.filter((i) => i.clientId !== item.clientId);
  if (isSettled(item)) {
    publish(others);
    await del(item.clientId, idb()).catch(() => undefined);
    return;
  }
  publish([...others, item]);
  await persist(item);
}

/**
 * Change an entry as it is now, not as some caller last saw it: the sync run and the rep's
 * decisions both change entries, and neither may undo the other's change.
 */
export async function updateEntry(clientId: string, change: (current: QueuedMeeting) => QueuedMeeting): Promise<void> {
  const current = items.find((i) => i.clientId === clientId);
  if (current) await saveEntry(change(current));
}

export async function discardEntry(clientId: string): Promise<void> {
  publish(items.filter((i) => i.clientId !== clientId));
  await del(clientId, idb()).catch(() => undefined);
}

/** Logging out, confirmed: what this user had queued goes with them. */
export async function clearOutbox(userId: number): Promise<void> {
  const mine = outboxOf(userId);
  publish(items.filter((i) => i.userId !== userId));
  await Promise.all(mine.map((i) => del(i.clientId, idb()).catch(() => undefined)));
}
