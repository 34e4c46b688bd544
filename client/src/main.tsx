import { QueryClientProvider } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppRouter } from '../../server/trpc/router';
import { loadOfflineCache, watchOfflineCache } from './features/log-meeting/offlineCache';
import { registerServiceWorker } from './features/log-meeting/serviceWorker';
import { initI18n, initialLocale } from './i18n';
import { warmUpFormatsOffThread } from './lib/format';
import { createQueryClient, createTrpcClient, TRPCProvider } from './lib/trpc';
import { preloadRoute } from './routePreload';
import { AppRoutes } from './routes';
import './styles.css';

// One of each for the page's life, made before the first render so the route's data can be asked for while
// the strings and the device's cache load.
const queryClient = createQueryClient();
const trpcClient = createTrpcClient();

function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <AppRoutes />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

// Intl's data for the amounts and dates on screen loads on another thread meanwhile (ADR 36).
warmUpFormatsOffThread(initialLocale());
registerServiceWorker();
// The cache is watched only once the device's copy is read: with no signal, it supplies the signed-in user.
// A deal room URL waits for its screen's code too (up to a second, then the loading state shows):
// rendered before it, the room would suspend, and React holds back what it reveals after a fallback.
const cacheReady = loadOfflineCache().then(() => {
  watchOfflineCache(queryClient);
  const code = preloadRoute(window.location.pathname, queryClient, createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient }));
  return Promise.race([code, new Promise((resolve) => setTimeout(resolve, 1000))]);
});
void Promise.all([initI18n(), cacheReady]).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
