import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/AppShell';
import { Loading, NotFound } from './components/States';
import { RequireAuth } from './features/auth/RequireAuth';
import { PipelinePage } from './features/pipeline/PipelinePage';
import { lazyWithStrings } from './i18n';

// Someone signed in (most visits) never sees the login page; its strings are core, so it needs none loaded.
const LoginPage = lazy(() => import('./features/auth/LoginPage').then((module) => ({ default: module.LoginPage })));
// Each area below the pipeline is its own chunk, its strings too: the first screen loads only what it shows.
// A screen names every area whose strings it shows (the history tells of people, points, activities and settings).
const DealRoomPage = lazyWithStrings(() => import('./features/deal-room/DealRoomPage'), ['dealRoom', 'review']);
const NinePointsTab = lazyWithStrings(() => import('./features/info-points/NinePointsTab'), ['dealRoom', 'infoPoints']);
const MapTab = lazyWithStrings(() => import('./features/map/MapTab'), ['dealRoom', 'map', 'activity']);
const ActivityTab = lazyWithStrings(() => import('./features/activity/ActivityTab'), ['activity', 'infoPoints']);
const HistoryTab = lazyWithStrings(() => import('./features/history/HistoryTab'), ['history', 'map', 'infoPoints', 'activity', 'settings']);
const SettingsPage = lazyWithStrings(() => import('./features/settings/SettingsPage'), ['settings', 'infoPoints']);
const ReviewPage = lazyWithStrings(() => import('./features/review/ReviewPage'), ['review']);
const StandupPage = lazyWithStrings(() => import('./features/standup/StandupPage'), ['standup', 'activity']);
// The one-page summary prints outside the app shell: no navigation on screen or on paper.
const DealPrintPage = lazyWithStrings(() => import('./features/print/DealPrintPage'), ['dealRoom', 'map', 'infoPoints']);
const LogMeetingPage = lazyWithStrings(() => import('./features/log-meeting/LogMeetingPage'), ['logMeeting', 'activity']);

/** The URLs of SPEC §5. Deep links work on reload: the server answers every path with the app. */
export function AppRoutes() {
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
          <Route path="review" element={<ReviewPage />} />
          <Route path="standup" element={<StandupPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
