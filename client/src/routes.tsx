import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/AppShell';
import { Loading, NotFound } from './components/States';
import { LoginPage } from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { PipelinePage } from './features/pipeline/PipelinePage';

// Each area below the pipeline is its own chunk: the first screen loads only what it shows.
const DealRoomPage = lazy(() => import('./features/deal-room/DealRoomPage'));
const NinePointsTab = lazy(() => import('./features/info-points/NinePointsTab'));
const MapTab = lazy(() => import('./features/map/MapTab'));
const ActivityTab = lazy(() => import('./features/activity/ActivityTab'));
const HistoryTab = lazy(() => import('./features/history/HistoryTab'));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage'));
const ReviewPage = lazy(() => import('./features/review/ReviewPage'));
const StandupPage = lazy(() => import('./features/standup/StandupPage'));

/** The URLs of SPEC §5. Deep links work on reload: the server answers every path with the app. */
export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
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
          <Route path="review" element={<ReviewPage />} />
          <Route path="standup" element={<StandupPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
