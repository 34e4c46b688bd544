import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AppShell } from './components/AppShell';
import { Loading, NotFound } from './components/States';
import { RequireAuth } from './features/auth/RequireAuth';
import { PipelinePage } from './features/pipeline/PipelinePage';
import { lazyWithStrings } from './i18n';
import { useTRPC } from './lib/trpc';
import { ActivityTab, DealRoomPage, HistoryTab, MapTab, NinePointsTab, preloadRoute } from './routePreload';

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

/** The URLs of SPEC §5. Deep links work on reload: the server answers every path with the app. */
export function AppRoutes() {
  const { pathname } = useLocation();
  // In render, not an effect: a navigation renders here first, in a transition that suspends on the
  // new screen's chunk and commits (running effects) only once it has arrived — too late to start it.
  preloadRoute(pathname, useQueryClient(), useTRPC());
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/deals/:id/print"
          element={
            <RequireAuth>
              <DealPrintPage />
            </RequireAuth>
          }
        />
        <Route
          element={
            <RequireAuth>
              <AppShell />
            </RequireAuth>
          }
        >
          <Route index element={<PipelinePage />} />
          <Route path="deals/:id" element={<DealRoomPage />}>
            <Route index element={<MapTab />} />
            <Route path="map" element={<MapTab />} />
            <Route path="info" element={<NinePointsTab />} />
            <Route path="activity" element={<ActivityTab />} />
            <Route path="history" element={<HistoryTab />} />
            <Route path="*" element={<Navigate to=".." replace />} />
          </Route>
          {/* Beside the deal room, not in it: the phone form is a screen of its own, on this deal. */}
          <Route path="deals/:id/log" element={<LogMeetingPage />} />
          <Route path="log" element={<LogMeetingPage />} />
          <Route path="accounts" element={<AccountsPage />} />
          <Route path="accounts/:id" element={<AccountRoomPage />} />
          <Route path="review" element={<ReviewPage />} />
          <Route path="standup" element={<StandupPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="settings/import" element={<ImportPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
