import type { QueryClient } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../server/trpc/router';
import { loadAutoLayout } from './features/map/layout';
import { layoutMemo } from './features/map/layoutMemo';
import { lazyWithStrings } from './i18n';

// Each area below the pipeline is its own chunk, its strings too: the first screen loads only what it shows.
// A screen names every area whose strings it shows (the history tells of people, points, activities and settings).
export const DealRoomPage = lazyWithStrings(() => import('./features/deal-room/DealRoomPage'), ['dealRoom', 'review']);
export const NinePointsTab = lazyWithStrings(() => import('./features/info-points/NinePointsTab'), ['dealRoom', 'infoPoints']);
export const MapTab = lazyWithStrings(() => import('./features/map/MapTab'), ['dealRoom', 'map', 'activity']);
export const ActivityTab = lazyWithStrings(() => import('./features/activity/ActivityTab'), ['activity', 'infoPoints']);
export const HistoryTab = lazyWithStrings(() => import('./features/history/HistoryTab'), ['history', 'map', 'infoPoints', 'activity', 'settings']);

const DEAL_TABS = { map: MapTab, info: NinePointsTab, activity: ActivityTab, history: HistoryTab } as const;
/** `/deals/:id` and `/deals/:id/:tab`, as routes.tsx routes them (with or without a trailing slash). */
const DEAL_PATH = /^\/deals\/([^/]+)(?:\/([^/]+))?\/?$/;

export type DealTab = keyof typeof DEAL_TABS;

/** The deal room's tab for the URL's segment after the deal id (none is the map); undefined for another screen (log, print) or an unknown tab. */
export function dealTab(segment: string | undefined): DealTab | undefined {
  return segment === undefined ? 'map' : Object.hasOwn(DEAL_TABS, segment) ? (segment as DealTab) : undefined;
}

/** Best effort: a preload that fails is asked for again by the screen itself, which shows the error. */
const quietly = (work: Promise<unknown>) => void work.catch(() => undefined);

/**
 * Everything a deal room URL will ask for, asked for at once: the deal room's code, the tab's
 * (and the map's, the room's default tab), `deal.get` and the header's three queries. Left to
 * the screens, each waited for the one above it to render — code, then `deal.get`, then the
 * map's code, then the rest (the trace in bench/trace-map.ts). Requests made in the same tick
 * go out as one batch. Called on startup (before the first render) and on every navigation;
 * asking twice costs nothing, as chunks load once and data already in the cache is not fetched.
 * Settles once the screen's code has arrived (or failed to), and on a map that needs it the
 * auto-layout's too: startup renders after that, so the deal room's first render neither suspends
 * (a loading fallback, then React's hold-back) nor draws the map's loading state before its cards.
 */
export function preloadRoute(pathname: string, queryClient: QueryClient, trpc: TRPCOptionsProxy<AppRouter>): Promise<void> {
  const match = DEAL_PATH.exec(pathname);
  const dealId = Number(match?.[1]);
  if (!match || !Number.isInteger(dealId) || dealId <= 0) return Promise.resolve();
  const name = dealTab(match[2]);
  // /deals/:id/log and /deals/:id/print are screens of their own, not the deal room.
  if (!name) return Promise.resolve();
  const tab = DEAL_TABS[name];
  // Signed out: the deal's data would only be refused (and a lone 401 is an error in the console).
  if (queryClient.getQueryData(trpc.auth.me.queryKey()) === null) return Promise.resolve();
  // On startup the session is not known yet: asked for in the same batch, a signed-out visit gets
  // `null` for itself and refusals for the rest, with no request failing as a whole.
  quietly(queryClient.ensureQueryData(trpc.auth.me.queryOptions()));
  const room = queryClient.ensureQueryData(trpc.deal.get.queryOptions({ id: dealId }));
  quietly(room);
  // A map with someone never placed needs the auto-layout chunk, unless this device remembers the group's places:
  // asked for as soon as the data says so, so it is in when the map first renders (asked for by the map itself,
  // it came after the header and tabs, ADR 32).
  const layout =
    name === 'map'
      ? room.then((data) =>
          data.stakeholders.some((person) => person.positionX === null || person.positionY === null) && layoutMemo.recall(data.stakeholders, data.relationships) === null
            ? loadAutoLayout()
            : undefined,
        )
      : undefined;
  if (layout) quietly(layout);
  quietly(queryClient.ensureQueryData(trpc.deal.members.queryOptions({ dealId })));
  quietly(queryClient.ensureQueryData(trpc.coachingNote.list.queryOptions({ dealId })));
  quietly(queryClient.ensureQueryData(trpc.settings.thresholds.queryOptions()));
  // The code a task later: the batch above goes out on a timer, which then fires first, so the server
  // works on the data while the chunks arrive and run (asked for first, they held the batch up ~60 ms).
  return new Promise((resolve) =>
    setTimeout(() => {
      if (tab !== MapTab) quietly(MapTab.preload());
      void Promise.allSettled([DealRoomPage.preload(), tab.preload(), layout]).then(() => resolve());
    }),
  );
}
