/**
 * The typed API test client: tRPC's own client built from `AppRouter`, so a contract
 * change fails to compile in the tests instead of at run time. Still real HTTP against
 * the real server, one plain-JSON GET/POST per procedure (httpLink, no batching, no
 * transformer), with a cookie jar per session.
 */
import { createTRPCClientProxy, createTRPCUntypedClient, httpLink, TRPCClientError, type TRPCClient } from '@trpc/client';
import type { AnyProcedure, inferRouterInputs, inferRouterOutputs, TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { AppRouter } from '../../server/trpc/router';
import { DEMO_PASSWORD } from './server';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

type ProcedureKind = 'query' | 'mutation';
/** Every dotted path of the router whose procedure is of the given kind, e.g. `'deal.get'`. */
type PathsOf<TRecord, Kind extends ProcedureKind, Prefix extends string = ''> = {
  [K in keyof TRecord & string]: TRecord[K] extends AnyProcedure
    ? TRecord[K]['_def']['type'] extends Kind
      ? `${Prefix}${K}`
      : never
    : PathsOf<TRecord[K], Kind, `${Prefix}${K}.`>;
}[keyof TRecord & string];
/** The value at a dotted path of a nested object type. */
type At<T, Path extends string> = Path extends `${infer Head}.${infer Rest}` ? (Head extends keyof T ? At<T[Head], Rest> : never) : Path extends keyof T ? T[Path] : never;

export type QueryPath = PathsOf<AppRouter['_def']['record'], 'query'>;
export type MutationPath = PathsOf<AppRouter['_def']['record'], 'mutation'>;
export type ApiInput<P extends QueryPath | MutationPath> = At<RouterInputs, P>;
export type ApiOutput<P extends QueryPath | MutationPath> = At<RouterOutputs, P>;
/** The input argument: optional when the procedure takes none or an optional one. */
type InputArgs<P extends QueryPath | MutationPath> = undefined extends ApiInput<P> ? [input?: ApiInput<P>] : [input: ApiInput<P>];

/** A refusal, as SPEC §6 describes it: tRPC's code, the HTTP status, the fields at fault, and the current row on CONFLICT. */
export interface ApiError {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  message: string;
  fields?: string[];
  current?: unknown;
}
export type ApiResult<T> = { ok: true; data: T; error?: undefined } | { ok: false; data?: undefined; error: ApiError };

/** What the untyped escape hatch gives back: the HTTP response as it came, plus the parsed envelope. */
export interface RawResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  body: unknown;
  error: ApiError | undefined;
}

/** Asserts a call succeeded (showing the refusal when it did not) and narrows it to its data. */
export function expectOk<T>(res: ApiResult<T>): asserts res is Extract<ApiResult<T>, { ok: true }> {
  if (!res.ok) throw new Error(`expected success, got ${res.error.code} (${res.error.httpStatus}): ${res.error.message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The error envelope of a tRPC response body (`{error: {message, data: {code, httpStatus, …}}}`), if it is one. */
function errorOf(body: unknown): ApiError | undefined {
  if (!isObject(body) || !isObject(body.error) || !isObject(body.error.data)) return undefined;
  const { message, data } = body.error;
  return {
    code: data.code as TRPC_ERROR_CODE_KEY,
    httpStatus: Number(data.httpStatus),
    message: String(message),
    ...(Array.isArray(data.fields) ? { fields: data.fields.map(String) } : {}),
    ...('current' in data && data.current !== undefined ? { current: data.current } : {}),
  };
}

/** One user's HTTP session against a test server. */
export class ApiSession {
  /** tRPC's own proxy: `await session.trpc.deal.get.query({id})` returns the data or throws. For setup that must work. */
  readonly trpc: TRPCClient<AppRouter>;
  /** The escape hatch for deliberately wrong input (bad-input, security, fuzz tests): any path, any input, any headers. */
  readonly raw = {
    query: (path: string, input?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> =>
      this.send(`${this.baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { method: 'GET', headers }),
    mutate: (path: string, input?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> =>
      this.send(`${this.baseUrl}/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: input === undefined ? undefined : JSON.stringify(input),
      }),
    /** A request exactly as given (any method, body and headers), with the session cookie added. */
    fetch: (pathAndQuery: string, init: RequestInit = {}): Promise<RawResponse> => this.send(`${this.baseUrl}${pathAndQuery}`, init),
  };
  private readonly jar = new Map<string, string>();
  private readonly untyped;

  constructor(
    readonly baseUrl: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {
    this.untyped = createTRPCUntypedClient<AppRouter>({
      links: [httpLink({ url: `${baseUrl}/trpc`, fetch: (url, init) => this.fetchWithCookies(String(url), init ?? {}) })],
    });
    this.trpc = createTRPCClientProxy(this.untyped);
  }

  /** The `cookie` header this session sends, or null; settable to replay a cookie captured elsewhere. */
  get cookie(): string | null {
    return this.jar.size === 0 ? null : [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  set cookie(header: string | null) {
    this.jar.clear();
    for (const pair of header?.split(';') ?? []) {
      const [name, ...value] = pair.trim().split('=');
      if (name) this.jar.set(name, value.join('='));
    }
  }

  query<P extends QueryPath>(path: P, ...[input]: InputArgs<P>): Promise<ApiResult<ApiOutput<P>>> {
    return this.settle(this.untyped.query(path, input) as Promise<ApiOutput<P>>);
  }

  mutate<P extends MutationPath>(path: P, ...[input]: InputArgs<P>): Promise<ApiResult<ApiOutput<P>>> {
    return this.settle(this.untyped.mutation(path, input) as Promise<ApiOutput<P>>);
  }

  private async settle<T>(call: Promise<T>): Promise<ApiResult<T>> {
    try {
      return { ok: true, data: await call };
    } catch (error) {
      // Only a tRPC error envelope is a refusal; anything else (a dropped connection, a non-tRPC body) fails the test as it is.
      if (!(error instanceof TRPCClientError) || !isObject(error.data)) throw error;
      const envelope = errorOf({ error: { message: error.message, data: error.data } });
      if (!envelope) throw error;
      return { ok: false, error: envelope };
    }
  }

  private async fetchWithCookies(url: string, init: RequestInit): Promise<Response> {
    const headers = new Headers({ ...this.extraHeaders, ...Object.fromEntries(new Headers(init.headers)) });
    const cookie = this.cookie;
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', ...value] = pair.trim().split('=');
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value.join('=') === '';
      if (expired) this.jar.delete(name);
      else this.jar.set(name, value.join('='));
    }
    return res;
  }

  private async send(url: string, init: RequestInit): Promise<RawResponse> {
    const res = await this.fetchWithCookies(url, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the body stays the text it was
    }
    return { status: res.status, ok: res.ok, headers: res.headers, body, error: errorOf(body) };
  }
}

/** Log in as a demo user (or any user) and return their session. */
export async function loginAs(server: { url: string }, email: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const session = new ApiSession(server.url);
  const res = await session.mutate('auth.login', { email, password });
  if (!res.ok) throw new Error(`login ${email} failed: ${res.error.httpStatus} ${res.error.message}`);
  return session;
}
