import type { AnyTRPCRouter } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import {
  type AnyProcedure,
  getErrorShape,
  getHTTPStatusCode,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  isPromise,
  transformTRPCResponse,
  TRPCError,
  type TRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { NextFunction, Request, Response } from 'express';

interface Options<TRouter extends AnyTRPCRouter, TContext> {
  router: TRouter;
  createContext: (opts: { req: Request; res: Response }) => Promise<TContext>;
  /** The largest body any procedure takes (a body sent without a length is held to it while read). */
  maxBodySize: number;
  maxBatchSize: number;
}

type Call = { path: string; procedure: AnyProcedure; index: number };
type Outcome = [error: TRPCError, data: undefined] | [error: undefined, data: unknown];

/** tRPC's own method rule (TYPE_ACCEPTED_METHOD_MAP, no method override). */
const METHOD_OF = { query: 'GET', mutation: 'POST' } as const;

function jsonContentType(value: string | undefined): boolean {
  return value?.toLowerCase().split(';', 1)[0]?.trim() === 'application/json';
}

/** Like tRPC's `isDataStream`: an answer holding promises or iterables needs the streaming link. */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  const values = Object.values(value);
  return values.some(isPromise) || values.some(isAsyncIterable);
}

/**
 * The body as JSON, read straight from the Node stream: what tRPC's adapter does through a fetch
 * `Request` and a `ReadableStream`, with the same limit (PAYLOAD_TOO_LARGE past `maxBodySize`) and
 * the same parse (UTF-8, a byte-order mark dropped, `JSON.parse`).
 */
function readJsonBody(req: Request, maxBodySize: number): Promise<unknown> {
  const parsed = (req as { body?: unknown }).body;
  // emptyBodyAsNoInput (guards.ts) marks a POST without a body as `{}`; tRPC sends such a body on as JSON.
  if (parsed !== undefined) return Promise.resolve(typeof parsed === 'string' ? JSON.parse(parsed) : JSON.parse(JSON.stringify(parsed)));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodySize) return void chunks.push(chunk);
      cleanup();
      reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
    };
    const onEnd = () => {
      cleanup();
      try {
        const text = Buffer.concat(chunks, size).toString('utf8');
        resolve(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * tRPC over Express without the fetch API in between (ADR 35). tRPC's Express adapter turns
 * every Node request into a fetch `Request` (its headers copied into `Headers`, an
 * `AbortController`, a `ReadableStream` for a POST body), resolves it into a fetch `Response`
 * and pipes that through a `WritableStream` — about a tenth of the server's CPU per call.
 *
 * This handler serves the calls the app makes — queries by GET, mutations by POST with a JSON
 * body, single or batched (`?batch=1`), answered as one JSON document — the way tRPC's
 * `resolveResponse` does: the same procedures and context, the same lazily read input and its
 * errors, the same error shapes (tRPC's `getErrorShape` and our formatter), status codes
 * (`getHTTPStatusCode`), `Content-Type` and `Vary`. Every other request — HEAD, a wrong
 * method, an unknown path, a batch over `maxBatchSize`, streaming (`application/jsonl`),
 * connection params, another content type, a body already consumed — goes to tRPC's own
 * adapter unchanged, before a byte of the body is read.
 */
export function trpcHandler<TRouter extends AnyTRPCRouter, TContext>(options: Options<TRouter, TContext>) {
  const { router, createContext, maxBodySize, maxBatchSize } = options;
  const config = router._def._config;
  const fallback = createExpressMiddleware({ router, createContext, maxBodySize, allowBatching: true, maxBatchSize });

  /** The calls of a request this handler serves, or null for tRPC's adapter. */
  async function callsOf(req: Request, batch: boolean): Promise<Call[] | null> {
    if (req.method !== 'GET' && req.method !== 'POST') return null;
    const contentType = req.headers['content-type'];
    if (req.method === 'POST' ? !jsonContentType(contentType) : contentType !== undefined && !jsonContentType(contentType)) return null;
    if (req.headers['trpc-accept'] !== undefined || req.headers.accept?.split(',').some((type) => type.trim() === 'application/jsonl')) return null;
    if (req.method === 'POST' && (req as { body?: unknown }).body === undefined && req.readableEnded) return null;
    const raw = req.path.slice(req.path.lastIndexOf('/') + 1);
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return null;
    }
    const paths = batch ? decoded.split(',') : [decoded];
    if (paths.length > maxBatchSize) return null;
    const calls: Call[] = [];
    for (const [index, path] of paths.entries()) {
      const procedure = await getProcedureAtPath(router, path);
      const type = procedure?._def.type;
      if (!procedure || (type !== 'query' && type !== 'mutation') || METHOD_OF[type] !== req.method) return null;
      calls.push({ path, procedure, index });
    }
    return calls;
  }

  async function serve(req: Request, res: Response, calls: Call[], batch: boolean, params: URLSearchParams): Promise<void> {
    const type = calls[0]!.procedure._def.type;
    // The input, read once when the first procedure asks for it, as tRPC's `getRequestInfo` does.
    let inputs: Promise<Record<number, unknown>> | null = null;
    let stored: Record<number, unknown> | undefined;
    const readInputs = async (): Promise<Record<number, unknown>> => {
      let raw: unknown;
      if (req.method === 'GET') {
        const query = params.get('input');
        if (query) raw = JSON.parse(query);
      } else raw = await readJsonBody(req, maxBodySize);
      const result: Record<number, unknown> = Object.create(null) as Record<number, unknown>;
      if (raw === undefined) return result;
      if (!batch) {
        result[0] = config.transformer.input.deserialize(raw);
        return result;
      }
      if (!isObject(raw)) throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
      for (const call of calls) {
        const input = raw[call.index];
        if (input !== undefined) result[call.index] = config.transformer.input.deserialize(input);
      }
      return result;
    };
    const getInputs = () =>
      (inputs ??= readInputs().then(
        (value) => (stored = value),
        (cause: unknown) => {
          if (cause instanceof TRPCError) throw cause;
          throw new TRPCError({ code: 'BAD_REQUEST', message: cause instanceof Error ? cause.message : 'Invalid input', cause });
        },
      ));

    // One signal for the request, aborted when the client goes away before the answer is sent.
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableEnded) abort.abort();
    };
    res.once('close', onClose);

    let ctx: TContext | undefined;
    let ctxError: TRPCError | undefined;
    try {
      ctx = await createContext({ req, res });
    } catch (cause) {
      ctxError = getTRPCErrorFromUnknown(cause);
    }
    const outcomes = await Promise.all(
      calls.map(async (call): Promise<Outcome> => {
        try {
          if (ctxError) throw ctxError;
          const data: unknown = await call.procedure({
            path: call.path,
            getRawInput: async () => (await getInputs())[call.index],
            ctx,
            type: call.procedure._def.type,
            signal: abort.signal,
            batchIndex: call.index,
          });
          if (isDataStream(data)) {
            throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink' });
          }
          return [undefined, data];
        } catch (cause) {
          return [getTRPCErrorFromUnknown(cause), undefined];
        }
      }),
    );
    const answers = outcomes.map(([error, data], index): TRPCResponse => {
      if (!error) return { result: { data } };
      const call = calls[index]!;
      return { error: getErrorShape({ config, ctx, error, input: stored?.[call.index], path: call.path, type }) };
    });
    const body = JSON.stringify(transformTRPCResponse(config, batch ? answers : answers[0]!));
    res.off('close', onClose);
    if (res.statusCode === 200) res.statusCode = getHTTPStatusCode(answers);
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Vary', 'trpc-accept, accept');
    res.end(body);
  }

  return (req: Request, res: Response, next: NextFunction): void => {
    const query = req.url.indexOf('?');
    const params = new URLSearchParams(query < 0 ? '' : req.url.slice(query + 1));
    const batch = params.get('batch') === '1';
    if (params.has('connectionParams')) return void fallback(req, res, next);
    callsOf(req, batch).then(
      (calls) => {
        if (!calls) return void fallback(req, res, next);
        return serve(req, res, calls, batch, params);
      },
      () => void fallback(req, res, next),
    ).catch((cause: unknown) => {
      // What tRPC's adapter answers when resolving itself fails: its error shape, at its status.
      const error = getTRPCErrorFromUnknown(cause);
      if (res.headersSent) return void res.end();
      const shape = getErrorShape({ config, ctx: undefined, error, input: undefined, path: undefined, type: 'unknown' });
      res.statusCode = shape.data.httpStatus;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(transformTRPCResponse(config, { error: shape })));
    });
  };
}
