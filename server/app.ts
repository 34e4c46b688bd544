import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { AppDeps } from './trpc/context';
import { createContextFactory } from './trpc/context';
import { appRouter } from './trpc/router';
import { exportRouter } from './http/export';
import { oidcRouter } from './auth/oidc';
import { requestLog } from './http/requestLog';
import { trpcHandler } from './http/trpcHandler';
import { bodySizeGuard, crossSiteGuard, emptyBodyAsNoInput, sendTrpcError } from './http/guards';
import { docsRouter, REST_BASE, restRouter } from './http/rest';
import { MAX_TRPC_BATCH } from '../shared/limits';
import { IMPORT_MAX_BYTES } from '../shared/import';

const MAX_BODY_BYTES = 1_000_000;
/**
 * `import.run` carries up to 20 MB of CSV text (SPEC §12) as a JSON string, where every
 * quote and line break of the CSV takes two bytes: room for that, and not more. Its
 * schema then holds the files themselves to 20 MB.
 */
const MAX_IMPORT_BODY_BYTES = Math.ceil(IMPORT_MAX_BYTES * 2.5);

export function createApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  if (deps.env.TRUST_PROXY) app.set('trust proxy', 1);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // React Flow positions nodes with inline styles; scripts stay strictly same-origin.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'upgrade-insecure-requests': deps.env.TRUST_PROXY ? [] : null,
        },
      },
      strictTransportSecurity: deps.env.TRUST_PROXY,
    }),
  );
  app.use(requestLog(deps.log));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.use(
    '/trpc',
    crossSiteGuard,
    bodySizeGuard({ default: MAX_BODY_BYTES, byPath: { 'import.run': MAX_IMPORT_BODY_BYTES } }),
    emptyBodyAsNoInput,
    // tRPC's calls without the fetch API in between; anything unusual goes to tRPC's own adapter (ADR 35).
    trpcHandler({
      router: appRouter,
      createContext: createContextFactory(deps),
      // The largest any procedure takes; bodySizeGuard holds every other one to MAX_BODY_BYTES.
      maxBodySize: MAX_IMPORT_BODY_BYTES,
      maxBatchSize: MAX_TRPC_BATCH,
    }),
  );

  // File downloads (SPEC §12): plain GETs a browser link can follow, so they live outside tRPC.
  app.use('/api/export', exportRouter(deps));
  // Single sign-on (SPEC §15): browser redirects to and from the OpenID provider.
  app.use('/auth/oidc', oidcRouter(deps));
  // REST (SPEC §15): the procedures with `meta.openapi`, their OpenAPI document and its reference page.
  app.use(REST_BASE, restRouter(deps));
  app.use('/api', docsRouter());

  const clientDist = resolve(deps.env.CLIENT_DIST);
  const indexHtml = resolve(clientDist, 'index.html');
  if (existsSync(indexHtml)) {
    app.use('/assets', express.static(resolve(clientDist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
    app.use(express.static(clientDist, { index: false }));
    // Single-page app: every other GET is a client route (deep links work on reload).
    app.get('/{*path}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  } else {
    app.get('/{*path}', (_req, res) => {
      res.status(503).type('text').send('The client is not built yet: run `npm run build` (or use `npm run dev`).');
    });
  }
  app.use((_req, res) => sendTrpcError(res, 404, 'NOT_FOUND', 'Not found'));
  return app;
}
