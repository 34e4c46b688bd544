import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { loadOutbox, outboxOf, outboxSnapshot, subscribeOutbox, type QueuedMeeting } from './outbox';
import { flushOutbox } from './sync';

/**
 * While something waits, how often to try again without an "online" event: a signal that
 * came back quietly, or a browser that never said it was gone. A failed try costs one
 * small request.
 */
const RETRY_MS = 15_000;

/** One user's waiting entries, live. */
export function useOutbox(userId: number): QueuedMeeting[] {
  const all = useSyncExternalStore(subscribeOutbox, outboxSnapshot);
  return useMemo(() => all.filter((item) => item.userId === userId), [all, userId]);
}

/** Send the queue now; afterwards the deals it touched show what the server has. */
export function useFlushOutbox(userId: number): () => Promise<void> {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const before = new Set(outboxOf(userId).map((item) => item.dealId));
    await flushOutbox(client, userId);
    await Promise.all(
      [...before].flatMap((dealId) => [
        queryClient.invalidateQueries(trpc.activity.list.queryFilter({ dealId })),
        queryClient.invalidateQueries(trpc.deal.get.queryFilter({ id: dealId })),
      ]),
    );
    if (before.size > 0) await queryClient.invalidateQueries(trpc.deal.list.pathFilter());
  }, [client, trpc, queryClient, userId]);
}

/**
 * Keep the queue moving: at start, whenever the browser says it is back online, and every
 * half minute while entries wait. Mounted once, in the app shell.
 */
export function useOutboxSync(userId: number): void {
  const flush = useFlushOutbox(userId);
  const waiting = useOutbox(userId).some((item) => !item.failure);
  useEffect(() => {
    // With no signal there is nothing to try; the "online" event says when there is again.
    const send = () => void (navigator.onLine && flush());
    void loadOutbox().then(send);
    window.addEventListener('online', send);
    return () => window.removeEventListener('online', send);
  }, [flush]);
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => {
      if (navigator.onLine) void flush();
    }, RETRY_MS);
    // Back to the app (the phone unlocked in the lobby): try at once.
    const onShow = () => document.visibilityState === 'visible' && navigator.onLine && void flush();
    document.addEventListener('visibilitychange', onShow);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onShow);
    };
  }, [waiting, flush]);
}
