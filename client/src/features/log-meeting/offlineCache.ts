import { onlineManager, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { clear, createStore, get, set, type UseStore } from 'idb-keyval';
import type { Stance } from '../../../../shared/domain';
import type { RouterOutputs } from '../../lib/trpc';

/**
 * What the "Log a meeting" form needs with no signal: who is signed in, the deal list and the
 * people of the deals the rep opened lately. Filled as the app loads those anyway (a watch on
 * the query cache), read back when a request cannot be made. Only this — the rest of the app
 * shows its usual "cannot load" offline.
 */

export interface CachedDeal {
  id: number;
  name: string;
  accountName: string;
  status: string;
}
export interface CachedPerson {
  id: number;
  name: string;
  title: string | null;
  stance: Stance;
  version: number;
}
type Me = RouterOutputs['auth']['me'];
type DealPage = RouterOutputs['deal']['list'];
/** One page (a plain query: the log's picker) or the pages loaded so far (an infinite query: the pipeline, the board). */
type DealListData = DealPage | InfiniteData<DealPage>;

const listedDeals = (data: DealListData) => ('pages' in data ? data.pages.flatMap((page) => page.items) : data.items);

/** How many recently opened deals keep their people on the device. */
const RECENT_DEALS = 20;

let store: UseStore | null = null;
const idb = () => (store ??= createStore('deal-room-cache', 'snapshots'));
const read = <T>(key: string) => get<T>(key, idb()).catch(() => undefined);
const write = (key: string, value: unknown) => set(key, value, idb()).catch(() => undefined);

let me: Me | undefined;
let recent: number[] = [];

/** Before the first render: the signed-in user and the recent deals, so an offline start opens the app. */
export async function loadOfflineCache(): Promise<void> {
  [me, recent] = await Promise.all([read<Me>('me'), read<number[]>('recent').then((ids) => ids ?? [])]);
}

export const cachedDeals = () => read<CachedDeal[]>('deals');
export const cachedPeople = (dealId: number) => read<CachedPerson[]>(`people:${dealId}`);
/** Deal ids, the most recently opened or logged first. */
export const recentDealIds = (): readonly number[] => recent;

export function markRecent(dealId: number): void {
  recent = [dealId, ...recent.filter((id) => id !== dealId)].slice(0, RECENT_DEALS);
  void write('recent', recent);
}

/** No answer from the server at all, as opposed to an answer that refuses. */
const isNetworkFailure = (error: unknown) => !(error instanceof TRPCClientError) || !error.data;

const keyPath = (queryKey: readonly unknown[]): string => (Array.isArray(queryKey[0]) ? queryKey[0].join('.') : '');

/**
 * Seed the query cache from the device when the app starts with no network, and keep the
 * device's copy current from then on. The browser's own online flag tells TanStack Query to
 * wait for the network instead of failing every query while there is none.
 */
const watched = new WeakSet<QueryClient>();

export function watchOfflineCache(queryClient: QueryClient): QueryClient {
  if (watched.has(queryClient)) return queryClient;
  watched.add(queryClient);
  onlineManager.setOnline(navigator.onLine);
  // tRPC's key for `auth.me` (a query without input); the offline e2e test proves the remembered user opens the app.
  const rememberMe = () => me && queryClient.setQueryData([['auth', 'me'], { type: 'query' }], me);
  if (!navigator.onLine) rememberMe();
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    const { queryKey, state } = event.query;
    const path = keyPath(queryKey);
    // A browser may say it is online with no network at all (no signal, or a captive portal):
    // the first request that gets no answer opens the app with the remembered user all the same.
    if (path === 'auth.me' && event.action.type === 'failed' && state.data === undefined && isNetworkFailure(event.action.error)) {
      queueMicrotask(rememberMe);
      return;
    }
    if (event.action.type !== 'success') return;
    if (path === 'auth.me') {
      me = state.data as Me;
      void write('me', me);
    } else if (path === 'deal.list') {
      void mergeDeals(listedDeals(state.data as DealListData).map((deal) => ({ id: deal.id, name: deal.name, accountName: deal.accountName, status: deal.status })));
    } else if (path === 'deal.get') {
      const room = state.data as RouterOutputs['deal']['get'];
      markRecent(room.deal.id);
      void mergeDeals([{ id: room.deal.id, name: room.deal.name, accountName: room.deal.accountName, status: room.deal.status }]);
      const people: CachedPerson[] = room.stakeholders.map((p) => ({ id: p.id, name: p.name, title: p.title, stance: p.stance, version: p.version }));
      void write(`people:${room.deal.id}`, people);
    }
  });
  return queryClient;
}

let merging: Promise<void> = Promise.resolve();

/** A filtered pipeline adds to the list rather than shrinking it; merges take turns so none is lost. */
function mergeDeals(deals: CachedDeal[]): Promise<void> {
  merging = merging.then(async () => {
    const known = (await cachedDeals()) ?? [];
    const byId = new Map(known.map((deal) => [deal.id, deal]));
    for (const deal of deals) byId.set(deal.id, deal);
    await write('deals', [...byId.values()]);
  });
  return merging;
}

/** Logging out: nothing of this user's stays on the device. */
export async function clearOfflineCache(): Promise<void> {
  me = undefined;
  recent = [];
  await clear(idb()).catch(() => undefined);
}
