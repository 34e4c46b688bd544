import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

const serverPort = Number(process.env.PORT ?? 3000);

/**
 * Installable, and opens with no signal (SPEC §16, docs/decisions/0018): a web app manifest
 * and a Workbox service worker that precaches the built app shell (every chunk and string
 * file, so any screen opens offline). The API is never cached: /trpc and /healthz go to the
 * network, and offline writes wait in the app's own IndexedDB queue instead.
 */
const pwa = VitePWA({
  strategies: 'generateSW',
  // A new build waits until every tab of the app has closed: no reload under the rep's thumb mid-form,
  // and an open page never loses the chunks it was built with (the old worker keeps serving them).
  registerType: 'prompt',
  // main.tsx registers it (an injected inline script would break the content-security policy).
  injectRegister: false,
  includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
  manifest: {
    name: 'Deal Room',
    short_name: 'Deal Room',
    description: 'Map the buying group, master the nine information points, cross the three win thresholds.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#1e3a5f',
    background_color: '#f4f6f9',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    // Deep links (/deals/7/log) open the app shell offline; the server's own pages never do: the API,
    // the health check, file downloads and the API reference (/api/…), single sign-on (/auth/…).
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/trpc/, /^\/healthz/, /^\/api\//, /^\/auth\//],
    cleanupOutdatedCaches: true,
    // The first install takes the open page at once, so it works offline without a reload.
    clientsClaim: true,
    skipWaiting: false,
  },
});

export default defineConfig({
  root: 'client',
  plugins: [react(), pwa],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // Every browser the app supports preloads modules natively; the polyfill only cost bytes.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // tRPC's client packages declare no `sideEffects`, though importing them has none:
      // without this, unused links (the WebSocket one) stay in the first page.
      treeshake: { moduleSideEffects: (id: string) => (/[\\/]node_modules[\\/]@trpc[\\/](client|tanstack-react-query)[\\/]/.test(id) ? false : undefined) },
      output: {
        // Everything the first page needs in one file: one request, and gzip sees it whole
        // (split four ways it was ~2 kB bigger). Lazy screens still get chunks of their own.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/trpc': `http://localhost:${serverPort}`,
      '/healthz': `http://localhost:${serverPort}`,
    },
  },
  test: {
    root: '.',
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          root: '.',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/setup/fail-on-server-errors.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The same integration suite on PostgreSQL: one server for the run (the globalSetup,
        // or TEST_DATABASE_URL's), and each test server on a fresh database of its own
        // (startTestServer reads `testEngine`). Files that test SQLite itself skip here.
        test: {
          name: 'integration-pg',
          root: '.',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/setup/bind-engine.ts', 'test/setup/fail-on-server-errors.ts'],
          globalSetup: ['./test/helpers/postgres.ts'],
          provide: { testEngine: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files at once: as for `integration` (CPUs − 1), which leaves a core to PostgreSQL,
          // and at most 4, so the test servers' pools (10 connections each) stay well under
          // PostgreSQL's default max_connections (100) on a big machine.
          maxWorkers: Math.min(4, Math.max(availableParallelism() - 1, 1)),
        },
      },
      {
        // A real PostgreSQL, started once per run by the globalSetup (or TEST_DATABASE_URL's).
        test: {
          name: 'pg',
          root: '.',
          include: ['test/pg/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/helpers/postgres.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // expect.poll gives up after 1 s by default: too short for a lazy chunk and its first
          // query on a busy 2-core CI machine (a map with 0 of 12 cards after 1 s failed a run).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
