/**
 * REST at /api/v1 (SPEC §15): the tRPC procedures that carry `meta.openapi`, served as
 * plain HTTP routes and described by `GET /api/openapi.json`. The document comes from
 * trpc-to-openapi (zod → OpenAPI 3.1 through zod-openapi); the routes call the very same
 * procedures through tRPC's caller, so access, validation, versions and events stay in
 * one place. Why the routes are served here and not by the library's own adapter:
 * docs/decisions/0025-rest-api-and-tokens.md.
 */
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { OpenAPIObject } from 'trpc-to-openapi';
import type { AppDeps, Context } from '../trpc/context';
import { createContextFactory } from '../trpc/context';
import { appRouter } from '../trpc/router';
import { crossSiteGuard } from './guards';

export const REST_BASE = '/api/v1';
const MAX_BODY_BYTES = 1_000_000;

type OpenApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface RestRoute {
  /** The procedure's dotted path: `deal.get`. */
  procedure: string;
  method: OpenApiMethod;
  /** `/deals/{id}` as the document writes it. */
  path: string;
}

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  meta?: { openapi?: { method: OpenApiMethod; path: string; enabled?: boolean } };
  inputs: unknown[];
}

/** tRPC keeps every procedure under its dotted path (`deal.get`), flat. */
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;

/** Every procedure that is also a REST route. */
export function restRoutes(): RestRoute[] {
  return Object.entries(procedures).flatMap(([procedure, { _def }]) => {
    const openapi = _def.meta?.openapi;
    return openapi && openapi.enabled !== false ? [{ procedure, method: openapi.method, path: openapi.path }] : [];
  });
}

let document: OpenAPIObject | null = null;

/**
 * The OpenAPI 3.1 document, built once from the router on its first request. The generator
 * (trpc-to-openapi with zod-openapi) loads only then: it is memory every instance would
 * otherwise hold for a page few open (docs/decisions/0031).
 */
export async function openApiDocument(): Promise<OpenAPIObject> {
  const { generateOpenApiDocument } = await import('trpc-to-openapi');
  document ??= generateOpenApiDocument(appRouter, {
    title: 'Deal Room API',
    description:
      'The deals, accounts, contacts, stakeholders, activities and health of Deal Room, as REST. ' +
      'Authenticate with `Authorization: Bearer <API token>` (Settings → API tokens). Errors are JSON ' +
      '`{message, code, fields?, current?}` with the HTTP status of their code: 400 bad input (the message names the field), ' +
      '401 no or a bad token, 403/404 not yours, 409 a stale `version` (with the `current` record).',
    version: '1.0.0',
    openApiVersion: '3.1.0',
    baseUrl: REST_BASE,
    tags: ['deals', 'accounts', 'contacts', 'stakeholders', 'activities'],
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token, `drk_…`' } },
  });
  return describeOurAnswers(document);
}

/** Our error body, as `sendError` below writes it. */
const ERROR_SCHEMA = {
  type: 'object' as const,
  required: ['message', 'code'],
  properties: {
    message: { type: 'string' as const, description: 'What went wrong; for bad input it names the field' },
    code: { type: 'string' as const, description: 'tRPC’s error code: BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, …' },
    fields: { type: 'array' as const, items: { type: 'string' as const }, description: 'The input fields at fault (400)' },
    current: { description: 'The record as it is now, after a stale `version` (409)' },
  },
};

/**
 * The library describes its own adapter's answers; ours differ in two ways, written into
 * the document here: errors are `Error` (above), and a POST that creates answers 201.
 * A versioned PATCH may also answer 409.
 */
function describeOurAnswers(doc: OpenAPIObject): OpenAPIObject {
  const errorRef = { $ref: '#/components/schemas/Error' };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, { responses?: Record<string, { description: string; content?: Record<string, { schema: unknown }> }> }>)) {
      const responses = operation.responses;
      if (!responses) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (!status.startsWith('2') && response.content) response.content = { 'application/json': { schema: errorRef } };
      }
      if (method === 'patch') responses['409'] = { description: 'The `version` sent is stale: `current` holds the record as it is now', content: { 'application/json': { schema: errorRef } } };
      if (method === 'post' && responses['200']) {
        responses['201'] = { ...responses['200'], description: 'Created' };
        delete responses['200'];
      }
    }
  }
  const schemas = Object.fromEntries(Object.entries(doc.components?.schemas ?? {}).filter(([name]) => !name.startsWith('error.')));
  doc.components = { ...doc.components, schemas: { ...schemas, Error: ERROR_SCHEMA } };
  return doc;
}

/** A zod schema's own kind (`object`, `number`, `optional`, …), read from its definition. */
interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; shape?: Record<string, ZodLike> } };
}
const defOf = (schema: unknown) => (schema as ZodLike | undefined)?._zod?.def;

function unwrap(schema: unknown): ZodLike['_zod']['def'] | undefined {
  let def = defOf(schema);
  while (def && (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) def = def.innerType._zod.def;
  return def;
}

/**
 * Path and query values arrive as strings: turn one into the number or boolean its field
 * expects, when it plainly is one. Anything else stays a string for the schema to refuse
 * with a message naming the field. (The shared schemas themselves are never changed.)
 */
function fromText(value: unknown, field: unknown): unknown {
  if (typeof value !== 'string') return value;
  const kind = unwrap(field)?.type;
  if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (kind === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function inputFor(route: RestRoute, req: Request): unknown {
  const def = procedureDef(route);
  const schema = def.inputs[0];
  if (schema === undefined) return undefined;
  const shape = unwrap(schema)?.shape ?? {};
  const fromUrl = (values: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, fromText(value, shape[key])]));
  const params = fromUrl(req.params);
  if (route.method === 'GET' || route.method === 'DELETE') {
    const query = fromUrl(req.query as Record<string, unknown>);
    const input = { ...query, ...params };
    return Object.keys(input).length === 0 && defOf(schema)?.type === 'optional' ? undefined : input;
  }
  const body: unknown = req.body;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'The request body must be a JSON object' });
  }
  for (const [key, value] of Object.entries(params)) {
    const sent = (body as Record<string, unknown> | undefined)?.[key];
    if (sent !== undefined && sent !== value) throw new TRPCError({ code: 'BAD_REQUEST', message: `${key}: differs from the ${key} in the path` });
  }
  return { ...(body as Record<string, unknown> | undefined), ...params };
}

function procedureDef(route: RestRoute): ProcedureDef {
  return procedures[route.procedure]!._def;
}

/** The error as JSON with its HTTP status: the tRPC error's message, code, and (for 400/409) fields and current record. */
function sendError(res: Response, error: TRPCError, route: RestRoute | null, input: unknown, ctx: Context | undefined): void {
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: route ? procedureDef(route).type : 'unknown',
    path: route?.procedure,
    input,
    ctx,
  });
  const { data } = shape as { data: { code: string; fields?: string[]; current?: unknown } };
  res.status(getHTTPStatusCodeFromError(error)).json({ message: shape.message, code: data.code, fields: data.fields, current: data.current });
}

const asTrpcError = (cause: unknown): TRPCError =>
  cause instanceof TRPCError ? cause : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error', cause });

type Caller = Record<string, (input: unknown) => Promise<unknown>>;

export function restRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const createContext = createContextFactory(deps);
  router.use(crossSiteGuard, express.json({ limit: MAX_BODY_BYTES }));

  for (const route of restRoutes()) {
    const expressPath = route.path.replace(/\{(\w+)\}/g, ':$1');
    const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    router[method](expressPath, async (req: Request, res: Response) => {
      let input: unknown;
      let ctx: Context | undefined;
      try {
        input = inputFor(route, req);
        ctx = await createContext({ req, res });
        // The procedure itself, through tRPC's caller: its middlewares, input parser and errors.
        const caller = appRouter.createCaller(ctx) as unknown as Record<string, Caller>;
        const [area, name] = route.procedure.split('.') as [string, string];
        const data = await caller[area]![name]!(input);
        res.status(route.method === 'POST' ? 201 : 200).json(data);
      } catch (cause) {
        const error = asTrpcError(cause);
        if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ err: error.cause ?? error, path: route.procedure }, 'REST call failed');
        sendError(res, error, route, input, ctx);
      }
    });
  }

  router.use((_req, res) => sendError(res, new TRPCError({ code: 'NOT_FOUND', message: 'No such REST route; see /api/openapi.json' }), null, undefined, undefined));
  // express.json's own refusals (not JSON, too large) as the same JSON errors.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (status === 413) return sendError(res, new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' }), null, undefined, undefined);
    if (status === 400 || status === 415) return sendError(res, new TRPCError({ code: 'BAD_REQUEST', message: 'The request body is not valid JSON' }), null, undefined, undefined);
    next(error);
  });
  return router;
}

/** The API reference: Swagger UI from node_modules (swagger-ui-dist), no CDN, no inline script. */
export function docsRouter(): express.Router {
  const router = express.Router();
  const assets = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  router.get('/openapi.json', (_req, res, next) => {
    openApiDocument().then((doc) => res.json(doc), next);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(DOCS_HTML);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(DOCS_INIT);
  });
  router.use('/docs/assets', express.static(assets, { index: false, maxAge: '1d' }));
  return router;
}

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Deal Room API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout' });\n`;
