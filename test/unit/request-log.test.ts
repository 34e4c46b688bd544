/**
 * The request log (server/http/requestLog.ts): one line per request when it ends — a 5xx at
 * `error` with an error naming the status, a 4xx at `warn`, the rest at `debug` — with the
 * method, the path without its query and the status; nothing at all below the log level.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLog } from '../../server/http/requestLog';

interface Line {
  level: number;
  msg: string;
  req: { method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
  err?: { message: string };
}

async function serve(level: pino.Level) {
  const lines: Line[] = [];
  const app = express();
  app.use(requestLog(pino({ level, base: undefined }, { write: (line: string) => void lines.push(JSON.parse(line) as Line) })));
  app.get('/ok', (_req, res) => void res.json({ ok: true }));
  app.get('/missing', (_req, res) => void res.status(404).end());
  app.post('/broken', (_req, res) => void res.status(503).end());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { lines, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Served = Awaited<ReturnType<typeof serve>>;
let debug: Served;
let info: Served;
beforeAll(async () => {
  [debug, info] = await Promise.all([serve('debug'), serve('info')]);
});
afterAll(async () => {
  await debug.close();
  await info.close();
});

/** The request's line is written when the response ends, which may be just after the client has it. */
async function linesAfter(target: Served, path: string, init?: RequestInit): Promise<Line[]> {
  const before = target.lines.length;
  await (await fetch(`${target.url()}${path}`, init)).arrayBuffer();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return target.lines.slice(before);
}

describe('request log', () => {
  it('logs a success at debug, a 4xx at warn and a 5xx at error with the status as the error', async () => {
    const [ok] = await linesAfter(debug, '/ok?token=secret');
    expect(ok).toMatchObject({ level: 20, msg: 'request completed', req: { method: 'GET', url: '/ok' }, res: { statusCode: 200 } });
    expect(ok!.responseTime).toEqual(expect.any(Number));
    const [missing] = await linesAfter(debug, '/missing');
    expect(missing).toMatchObject({ level: 40, msg: 'request completed', req: { method: 'GET', url: '/missing' }, res: { statusCode: 404 } });
    const [broken] = await linesAfter(debug, '/broken', { method: 'POST' });
    expect(broken).toMatchObject({ level: 50, msg: 'request errored', req: { method: 'POST', url: '/broken' }, res: { statusCode: 503 }, err: { message: 'failed with status code 503' } });
  });

  it('writes one line per request, and only at or above the log level', async () => {
    expect(await linesAfter(info, '/ok')).toEqual([]);
    expect((await linesAfter(info, '/missing')).map((line) => line.level)).toEqual([40]);
    expect((await linesAfter(info, '/broken', { method: 'POST' })).map((line) => line.level)).toEqual([50]);
  });
});
