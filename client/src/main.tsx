import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { loadOfflineCache, watchOfflineCache } from './features/log-meeting/offlineCache';
import { registerServiceWorker } from './features/log-meeting/serviceWorker';
import { initI18n } from './i18n';
import { createQueryClient, createTrpcClient, TRPCProvider } from './lib/trpc';
import { AppRoutes } from './routes';
import './styles.css';

function App() {
  const [queryClient] = useState(() => watchOfflineCache(createQueryClient()));
  const [trpcClient] = useState(createTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

registerServiceWorker();
void Promise.all([initI18n(), loadOfflineCache()]).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
