import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppShell } from './components/AppShell';
import { NotFound } from './components/States';
import { LoginPage } from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { DealRoomPage } from './features/deal-room/DealRoomPage';
import { ComingTab } from './features/deal-room/ComingTab';
import { NinePointsTab } from './features/info-points/NinePointsTab';
import { PipelinePage } from './features/pipeline/PipelinePage';
import { SettingsPage } from './features/settings/SettingsPage';
import { ComingPage } from './components/ComingPage';

// The map pulls in React Flow: its own chunk, so the pipeline does not pay for it.
const MapTab = lazy(() => import('./features/map/MapTab'));
const ActivityTab = lazy(() => import('./features/activity/ActivityTab'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <PipelinePage /> },
      {
        path: 'deals/:id',
        element: <DealRoomPage />,
        children: [
          { index: true, element: <MapTab /> },
          { path: 'map', element: <MapTab /> },
          { path: 'info', element: <NinePointsTab /> },
          { path: 'activity', element: <ActivityTab /> },
          { path: 'history', element: <ComingTab area="history" /> },
          { path: '*', element: <Navigate to=".." replace /> },
        ],
      },
      { path: 'review', element: <ComingPage area="review" /> },
      { path: 'standup', element: <ComingPage area="standup" /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
