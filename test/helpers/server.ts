/**
 * Start the real server over HTTP on a temporary SQLite file, and talk to it
 * the way any outside client would: plain JSON tRPC over fetch, with a cookie jar.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../../server/env';
import { startServer, type RunningServer } from '../../server/start';

export const DEMO_PASSWORD = 'dealroom-demo';

export interface TestServer extends RunningServer {
  dir: string;
  /** A settable clock: tests move time to check staleness and due dates. */
  clock: { now: Date };
  stop(): Promise<void>;
}

export async function startTestServer(options: { seed?: boolean; env?: Record<string, string>; now?: Date } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-test-'));
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'test.sqlite'),
    SEED_DEMO: options.seed === false ? '0' : '1',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    // Tests call sweepHealth themselves: a timer writing mid-test would make 'nothing was written' checks flaky.
    HEALTH_SWEEP_MINUTES: '0',
    ...options.env,
  });
  const clock = { now: options.now ?? new Date() };
  const running = await startServer(env, { now: () => clock.now });
  return {
    ...running,
    dir,
    clock,
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TrpcResponse<T = unknown> {
  status: number;
  ok: boolean;
  data: T;
  error: { message: string; code: number; data: { code: string; httpStatus: number; fields?: string[]; current?: unknown } } | undefined;
  headers: Headers;
}

/** One user's HTTP session: keeps the cookie the server sets. */
export class ApiClient {
  cookie: string | null = null;
  constructor(
    readonly baseUrl: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  private async send<T>(url: string, init: RequestInit): Promise<TrpcResponse<T>> {
    const headers = new Headers({ ...this.extraHeaders, ...(init.headers as Record<string, string> | undefined) });
    if (this.cookie) headers.set('cookie', this.cookie);
    const res = await fetch(url, { ...init, headers });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    const text = await res.text();
    let body: { result?: { data: T }; error?: TrpcResponse['error'] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = {};
    }
    return { status: res.status, ok: res.ok, data: body.result?.data as T, error: body.error, headers: res.headers };
  }

  query<T = any>(path: string, input?: unknown): Promise<TrpcResponse<T>> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.send<T>(`${this.baseUrl}/trpc/${path}${qs}`, { method: 'GET' });
  }

  mutate<T = any>(path: string, input?: unknown, headers: Record<string, string> = {}): Promise<TrpcResponse<T>> {
    return this.send<T>(`${this.baseUrl}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: input === undefined ? undefined : JSON.stringify(input),
    });
  }
}

/** Log in as a demo user (or any user) and return their client. */
export async function loginAs(server: { url: string }, email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  const client = new ApiClient(server.url);
  const res = await client.mutate('auth.login', { email, password });
  if (!res.ok) throw new Error(`login ${email} failed: ${res.status} ${res.error?.message}`);
  return client;
}
