import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppDeps } from './trpc/context';
import { createContextFactory } from './trpc/context';
import { appRouter } from './trpc/router';
import { exportRouter } from './http/export';
import { docsRouter, REST_BASE, restRouter } from './http/rest';
import { crossSiteGuard, emptyBodyAsNoInput, sendTrpcError } from './http/guards';
import { MAX_TRPC_BATCH } from '../shared/limits';

const MAX_BODY_BYTES = 1_000_000;

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
  app.use(
    pinoHttp({
      logger: deps.log,
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.use(
    '/trpc',
    crossSiteGuard,
    emptyBodyAsNoInput,
    createExpressMiddleware({
      router: appRouter,
      createContext: createContextFactory(deps),
      maxBodySize: MAX_BODY_BYTES,
      allowBatching: true,
      maxBatchSize: MAX_TRPC_BATCH,
    }),
  );

  // File downloads (SPEC §12): plain GETs a browser link can follow, so they live outside tRPC.
  app.use('/api/export', exportRouter(deps));
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
