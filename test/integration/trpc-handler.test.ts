/**
 * ADR 35: server/http/trpcHandler.ts answers tRPC's calls without the fetch API, and must answer
 * exactly as tRPC's own Express adapter would. A request carrying `trpc-accept: application/json`
 * means the same to tRPC (an ordinary JSON answer) but is left to tRPC's adapter by our handler,
 * so every case here is sent twice — once each way — and the two answers compared: status,
 * content type, `Vary` and the whole body. Writes compare refusals (nothing written) and, for a
 * write that succeeds, the shape of the answer and the version it moves to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../shared/import';
import { MAX_TRPC_BATCH } from '../../shared/limits';
import { type ApiSession, loginAs, type RawResponse } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let rep: ApiSession;
let dealId: number;
let stakeholder: { id: number; version: number };

beforeAll(async () => {
  server = await startTestServer();
  rep = await loginAs(server, 'rep1@demo.test');
  const deal = (await rep.trpc.deal.list.query({})).items.find((d) => d.name === 'Core banking mainframe refresh')!;
  dealId = deal.id;
  stakeholder = (await rep.trpc.deal.get.query({ id: dealId })).stakeholders[0]!;
});
afterAll(async () => {
  await server.stop();
});

const viaTrpcAdapter = { 'trpc-accept': 'application/json' };

async function bothWays(pathAndQuery: string, init: RequestInit = {}, session: ApiSession = rep): Promise<RawResponse> {
  const ours = await session.raw.fetch(pathAndQuery, init);
  const theirs = await session.raw.fetch(pathAndQuery, { ...init, headers: { ...(init.headers as Record<string, string>), ...viaTrpcAdapter } });
  expect({ status: ours.status, type: ours.headers.get('content-type'), vary: ours.headers.get('vary'), body: ours.body }).toEqual({
    status: theirs.status,
    type: theirs.headers.get('content-type'),
    vary: theirs.headers.get('vary'),
    body: theirs.body,
  });
  return ours;
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('queries (GET), single and batched', () => {
  it('a single call', async () => {
    const res = await bothWays(`/trpc/deal.get?input=${input({ id: dealId })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((res.body as { result: { data: { deal: { id: number } } } }).result.data.deal.id).toBe(dealId);
  });

  it('a batch, as the app sends it', async () => {
    const res = await bothWays(`/trpc/deal.get,deal.list,settings.thresholds?batch=1&input=${input({ 0: { id: dealId }, 1: {} })}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(3);
  });

  it('a batch with one call refused is a 207 with that call’s error in place', async () => {
    const res = await bothWays(`/trpc/deal.get,deal.get?batch=1&input=${input({ 0: { id: dealId }, 1: { id: 999_999 } })}`);
    expect(res.status).toBe(207);
    expect((res.body as { error?: { data: { code: string } } }[])[1]!.error!.data.code).toBe('NOT_FOUND');
  });

  it('bad input, input that is not JSON, a batch input that is not an object', async () => {
    expect((await bothWays(`/trpc/deal.get?input=${input({ id: 'x' })}`)).error).toMatchObject({ code: 'BAD_REQUEST', fields: ['id'] });
    expect((await bothWays('/trpc/deal.get?input=%7Bnope')).status).toBe(400);
    expect((await bothWays(`/trpc/deal.get?batch=1&input=${input([1])}`)).status).toBe(400);
    expect((await bothWays('/trpc/deal.get')).status).toBe(400);
  });

  it('without a session: 401 for every call of a batch', async () => {
    const anonymous = await loginAs(server, 'rep1@demo.test');
    anonymous.cookie = null;
    expect((await bothWays(`/trpc/deal.get?input=${input({ id: dealId })}`, {}, anonymous)).status).toBe(401);
    expect((await bothWays(`/trpc/deal.get,deal.list?batch=1&input=${input({ 0: { id: dealId } })}`, {}, anonymous)).status).toBe(401);
  });
});

describe('mutations (POST)', () => {
  it('a stale version is a CONFLICT with the current row, single and batched; nothing is written', async () => {
    const stale = { id: stakeholder.id, version: stakeholder.version + 1000, positionX: 5 };
    const single = await bothWays('/trpc/stakeholder.update', post(stale));
    expect(single.error).toMatchObject({ code: 'CONFLICT' });
    const batch = await bothWays('/trpc/stakeholder.update,stakeholder.update?batch=1', post({ 0: stale, 1: { ...stale, positionX: 6 } }));
    expect(batch.status).toBe(409);
    expect((await rep.trpc.deal.get.query({ id: dealId })).stakeholders[0]!.version).toBe(stakeholder.version);
  });

  it('bad input, a body that is not JSON, an empty body, a byte-order mark', async () => {
    expect((await bothWays('/trpc/stakeholder.update', post({ id: stakeholder.id, version: 'one' }))).error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await bothWays('/trpc/stakeholder.update', post('{"id": 1,'))).status).toBe(400);
    expect((await bothWays('/trpc/stakeholder.update', { method: 'POST', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    const bom = await bothWays('/trpc/stakeholder.update', post(`\uFEFF${JSON.stringify({ id: stakeholder.id, version: 1000, positionX: 5 })}`));
    expect(bom.error).toMatchObject({ code: 'CONFLICT' });
  });

  it('a body sent in chunks, without a length, is read the same', async () => {
    const chunked = (): RequestInit => {
      const text = new TextEncoder().encode(JSON.stringify({ id: stakeholder.id, version: 1000, positionX: 5 }));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(text.slice(0, 10));
          controller.enqueue(text.slice(10));
          controller.close();
        },
      });
      return { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit;
    };
    const ours = await rep.raw.fetch('/trpc/stakeholder.update', chunked());
    const theirs = await rep.raw.fetch('/trpc/stakeholder.update', { ...chunked(), headers: { 'content-type': 'application/json', ...viaTrpcAdapter } });
    expect(ours.error).toMatchObject({ code: 'CONFLICT' });
    expect({ status: ours.status, body: ours.body }).toEqual({ status: theirs.status, body: theirs.body });
  });

  it('a body sent without a length is held to the largest allowance while it is read: 413', async () => {
    // server/app.ts: import.run's allowance, 2.5 × its 20 MB of files, is the most any body may carry.
    const limit = Math.ceil(IMPORT_MAX_BYTES * 2.5);
    const chunk = new Uint8Array(1 << 20).fill(0x20);
    const endless = (): RequestInit => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > limit) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      return { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit;
    };
    const ours = await rep.raw.fetch('/trpc/stakeholder.update', endless());
    const theirs = await rep.raw.fetch('/trpc/stakeholder.update', { ...endless(), headers: { 'content-type': 'application/json', ...viaTrpcAdapter } });
    expect(ours.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
    expect({ status: ours.status, body: ours.body }).toEqual({ status: theirs.status, body: theirs.body });
  });

  it('a write that succeeds answers the same row either way, one version further each time', async () => {
    const first = await rep.raw.fetch('/trpc/stakeholder.update', post({ id: stakeholder.id, version: stakeholder.version, positionX: 11 }));
    const firstRow = (first.body as { result: { data: { version: number; positionX: number } } }).result.data;
    expect(first.status).toBe(200);
    expect(firstRow).toMatchObject({ version: stakeholder.version + 1, positionX: 11 });
    const second = await rep.raw.fetch('/trpc/stakeholder.update', post({ id: stakeholder.id, version: firstRow.version, positionX: 12 }, viaTrpcAdapter));
    const secondRow = (second.body as { result: { data: { version: number; positionX: number } } }).result.data;
    expect(second.status).toBe(200);
    expect(Object.keys(secondRow).sort()).toEqual(Object.keys(firstRow).sort());
    expect(secondRow).toMatchObject({ version: stakeholder.version + 2, positionX: 12 });
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
  });
});

describe('what goes to tRPC’s own adapter answers as before', () => {
  it('a wrong method, an unknown procedure, a batch over the limit, HEAD', async () => {
    expect((await bothWays(`/trpc/deal.get`, post({ id: dealId }))).status).toBe(405);
    expect((await bothWays(`/trpc/stakeholder.update?input=${input({ id: 1 })}`)).status).toBe(405);
    expect((await bothWays(`/trpc/deal.nope?input=${input({})}`)).status).toBe(404);
    const paths = Array.from({ length: MAX_TRPC_BATCH + 1 }, () => 'deal.list').join(',');
    expect((await bothWays(`/trpc/${paths}?batch=1&input=${input({})}`)).status).toBe(400);
    expect((await rep.raw.fetch(`/trpc/deal.get?input=${input({ id: dealId })}`, { method: 'HEAD' })).status).toBe(204);
  });

  it('a body over the limit is a 413 before a byte is read, another content type a 415', async () => {
    const big = JSON.stringify({ id: stakeholder.id, version: 1, positionX: 1, pad: 'x'.repeat(1_100_000) });
    const tooLarge = await bothWays('/trpc/stakeholder.update', post(big));
    expect(tooLarge.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
    const form = await bothWays('/trpc/stakeholder.update', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });
});
