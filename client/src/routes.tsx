import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactElement } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { AppShell } from './components/AppShell';
import { Loading, NotFound } from './components/States';
import { RequireAuth } from './features/auth/RequireAuth';
import { PipelinePage } from './features/pipeline/PipelinePage';
import { lazyWithStrings } from './i18n';
import { useTRPC } from './lib/trpc';
import { ActivityTab, DealRoomPage, dealTab, HistoryTab, MapTab, NinePointsTab, preloadRoute, type DealTab } from './routePreload';

// Someone signed in (most visits) never sees the login page; its strings are core, so it needs none loaded.
const LoginPage = lazy(() => import('./features/auth/LoginPage').then((module) => ({ default: module.LoginPage })));
// The deal room and its tabs live in routePreload.ts, which asks for their code and data early.
const SettingsPage = lazyWithStrings(() => import('./features/settings/SettingsPage'), ['settings', 'infoPoints', 'accounts']);
// Import (SPEC §12): its own screen under Settings; decision-role labels come with the map's strings.
const ImportPage = lazyWithStrings(() => import('./features/settings/ImportPage'), ['settings', 'map']);
const ReviewPage = lazyWithStrings(() => import('./features/review/ReviewPage'), ['review', 'accounts']);
const StandupPage = lazyWithStrings(() => import('./features/standup/StandupPage'), ['standup', 'activity', 'accounts']);
// The one-page summary prints outside the app shell: no navigation on screen or on paper.
const DealPrintPage = lazyWithStrings(() => import('./features/print/DealPrintPage'), ['dealRoom', 'map', 'infoPoints']);
// The account level (SPEC §11): the list and the account room, each its own chunk; the room shows levels, activity kinds and history sentences too.
const AccountsPage = lazyWithStrings(() => import('./features/accounts/AccountsPage'), ['accounts']);
const AccountRoomPage = lazyWithStrings(() => import('./features/accounts/AccountRoomPage'), ['accounts', 'map', 'activity', 'history']);
const LogMeetingPage = lazyWithStrings(() => import('./features/log-meeting/LogMeetingPage'), ['logMeeting', 'activity']);

/**
 * The URLs of SPEC §5. Deep links work on reload: the server answers every path with the app.
 * A `<Switch>` renders its first matching route; a route with no path matches any URL.
 */
export function AppRoutes() {
  const [pathname] = useLocation();
  // In render, not an effect: a screen suspends on its chunk as it first renders, and commits
  // (running effects) only once that has arrived — too late to start it.
  void preloadRoute(pathname, useQueryClient(), useTRPC());
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path="/login" component={LoginPage} />
        <Route path="/deals/:id/print">
          <RequireAuth>
            <DealPrintPage />
          </RequireAuth>
        </Route>
        <Route>
          <RequireAuth>
            <AppShell>
              <Switch>
                <Route path="/" component={PipelinePage} />
                {/* Beside the deal room, not in it: the phone form is a screen of its own, on this deal. */}
                <Route path="/deals/:id/log" component={LogMeetingPage} />
                <Route path="/deals/:id/:tab?">{({ id, tab }) => <DealRoomRoute id={id} tab={tab} />}</Route>
                <Route path="/log" component={LogMeetingPage} />
                <Route path="/accounts" component={AccountsPage} />
                <Route path="/accounts/:id" component={AccountRoomPage} />
                <Route path="/review" component={ReviewPage} />
                <Route path="/standup" component={StandupPage} />
                <Route path="/settings" component={SettingsPage} />
                <Route path="/settings/import" component={ImportPage} />
                <Route component={NotFound} />
              </Switch>
            </AppShell>
          </RequireAuth>
        </Route>
      </Switch>
    </Suspense>
  );
}

/** The deal room around its tab (none is the map); a tab that does not exist goes to the room itself. */
function DealRoomRoute({ id, tab }: { id: string; tab: string | undefined }) {
  const name = dealTab(tab);
  if (!name) return <Redirect to={`/deals/${id}`} replace />;
  return <DealRoomPage>{TAB_SCREENS[name]}</DealRoomPage>;
}

const TAB_SCREENS: Record<DealTab, ReactElement> = { map: <MapTab />, info: <NinePointsTab />, activity: <ActivityTab />, history: <HistoryTab /> };
