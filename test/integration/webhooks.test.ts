/**
 * Webhooks (SPEC §15) against a real local HTTP receiver: the outbox row is written with
 * the change, the deliverer signs and sends it, retries what fails with backoff, and
 * records a clear error for what cannot be reached. Tests drive the deliverer themselves
 * (`deliverDue` at the server's clock), so they can move time between attempts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepHealth } from '../../server/services/healthSweep';
import { deliverDue, GIVE_UP_AFTER_ATTEMPTS, KEEP_ANSWERED_DAYS, pruneDeliveries, RETRY } from '../../server/services/webhookDelivery';
import { addDays } from '../../shared/dates';
import { type ApiSession, expectOk, loginAs } from '../helpers/api';
import { freePort, startChildServer, type ChildServer } from '../helpers/child-server';
import { createTestDatabase, dropTestDatabase } from '../helpers/postgres';
import { startTestServer, testEngine, type TestServer } from '../helpers/server';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver';
import { lastEvent, refusalCheck, sql } from '../helpers/world';

const SECRET = 'whsec-test-0123456789abcdef';

describe('webhooks', () => {
  let server: TestServer;
  let admin: ApiSession;
  let rep: ApiSession;
  let accountId: number;
  const receivers: Receiver[] = [];
  let counter = 0;
  const refusedWithNothingWritten = refusalCheck(() => server);

  const deliver = (timeoutMs = 2_000) => deliverDue(server.database.db, server.clock.now, { timeoutMs });
  const later = (seconds: number) => {
    server.clock.now = new Date(server.clock.now.getTime() + seconds * 1000);
  };
  async function receiverWithHook(events: ('deal.stage_changed' | 'stakeholder.stance_changed' | 'deal.health_changed' | 'deal.threshold_changed')[] = ['deal.stage_changed']) {
    const receiver = await startReceiver(SECRET);
    receivers.push(receiver);
    const hook = await admin.trpc.webhook.create.mutate({ url: receiver.url, events, secret: SECRET });
    return { receiver, hook };
  }
  async function freshDeal() {
    return rep.trpc.deal.create.mutate({ accountId, name: `Webhook deal ${++counter}`, amount: 1000, closeDate: '2031-01-01' });
  }
  async function moveStage(stage: 'discover' | 'propose' = 'discover') {
    const deal = await freshDeal();
    const updated = await rep.trpc.deal.update.mutate({ id: deal.id, version: deal.version, stage });
    return { deal, updated };
  }
  const deliveriesOf = (id: number) => admin.trpc.webhook.deliveries.query({ id });

  beforeAll(async () => {
    server = await startTestServer();
    [admin, rep] = await Promise.all([loginAs(server, 'admin@demo.test'), loginAs(server, 'rep1@demo.test')]);
    accountId = (await rep.trpc.deal.list.query()).items[0]!.accountId;
  });
  afterEach(async () => {
    // Each test's webhooks go (their deliveries with them), so the next test's rounds send only its own.
    for (const hook of await admin.trpc.webhook.list.query()) await admin.trpc.webhook.remove.mutate({ id: hook.id });
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });
  afterAll(() => server.stop());

  it('an admin subscribes a URL; the list shows a hint of the secret, never the secret; the log records it', async () => {
    const { hook, receiver } = await receiverWithHook(['deal.stage_changed', 'deal.health_changed']);
    expect(hook).toMatchObject({ url: receiver.url, events: ['deal.stage_changed', 'deal.health_changed'], secretHint: '…cdef', version: 1, createdBy: { name: expect.any(String) } });
    const listed = await admin.trpc.webhook.list.query();
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(await lastEvent(server)).toMatchObject({ kind: 'webhook.created', entity: 'webhook', entityId: hook.id, after: { url: receiver.url, events: ['deal.stage_changed', 'deal.health_changed'] } });
  });

  it('a stage change is one signed delivery carrying the stage before and after', async () => {
    const { receiver, hook } = await receiverWithHook();
    const { deal } = await moveStage('discover');
    const [queued] = await deliveriesOf(hook.id);
    expect(queued).toMatchObject({ event: 'deal.stage_changed', status: 'pending', attempts: 0 });

    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.signatureValid).toBe(true);
    expect(got!.headers['x-dealroom-event']).toBe('deal.stage_changed');
    expect(got!.headers['x-dealroom-delivery']).toBe(queued!.eventId);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.json).toEqual({
      id: queued!.eventId,
      event: 'deal.stage_changed',
      at: server.clock.now.toISOString(),
      data: { deal: { id: deal.id, name: deal.name, team: { id: expect.any(Number), name: expect.any(String) } }, before: 'qualify', after: 'discover' },
    });
    const [done] = await deliveriesOf(hook.id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200, error: null, deliveredAt: server.clock.now.toISOString() });
    // Nothing more is due: a second round sends nothing.
    expect(await deliver()).toMatchObject({ claimed: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('an edit that is not a stage change enqueues nothing', async () => {
    const { hook } = await receiverWithHook();
    const deal = await freshDeal();
    await rep.trpc.deal.update.mutate({ id: deal.id, version: deal.version, amount: 5000 });
    expect(await deliveriesOf(hook.id)).toEqual([]);
  });

  it('a stance change is a stakeholder.stance_changed delivery with the stance before and after', async () => {
    const { receiver, hook } = await receiverWithHook(['stakeholder.stance_changed']);
    const deal = await freshDeal();
    const person = await rep.trpc.stakeholder.add.mutate({ dealId: deal.id, name: 'Wu Lei', level: 'management', decisionRole: 'influencer', influence: 3, stance: 'neutral' });
    await rep.trpc.stakeholder.update.mutate({ id: person.id, version: person.version, stance: 'supporter' });
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
    await deliver();
    expect(receiver.received[0]!.json).toMatchObject({
      event: 'stakeholder.stance_changed',
      data: { deal: { id: deal.id, name: deal.name }, stakeholder: { id: person.id, name: 'Wu Lei' }, before: 'neutral', after: 'supporter' },
    });
  });

  it('a receiver answering 500 is retried after the backoff, and delivered once', async () => {
    const { receiver, hook } = await receiverWithHook();
    receiver.script.push({ status: 500 });
    await moveStage();
    expect(await deliver()).toMatchObject({ claimed: 1, retrying: 1 });
    const [failed] = await deliveriesOf(hook.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500, error: 'HTTP 500 Internal Server Error' });
    expect(failed!.nextAttemptAt).toBe(new Date(server.clock.now.getTime() + RETRY.firstDelaySeconds * 1000).toISOString());
    // Not due yet.
    expect(await deliver()).toMatchObject({ claimed: 0 });
    later(RETRY.firstDelaySeconds);
    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.json.id).toBe(receiver.received[0]!.json.id);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 2, responseStatus: 200, error: null });
    later(3600);
    expect(await deliver()).toMatchObject({ claimed: 0 });
  });

  it('a slow receiver times out with a clear error, and is retried', async () => {
    const { receiver, hook } = await receiverWithHook();
    receiver.script.push({ status: 200, delayMs: 3_000 });
    await moveStage();
    expect(await deliver(300)).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'pending', responseStatus: null, error: 'timed out after 0.3 s' });
    later(RETRY.firstDelaySeconds);
    expect(await deliver(300)).toMatchObject({ delivered: 1 });
  });

  it('an unreachable URL leaves a clear error in the delivery log', async () => {
    const port = await freePort();
    const hook = await admin.trpc.webhook.create.mutate({ url: `http://127.0.0.1:${port}/hook`, events: ['deal.stage_changed'], secret: SECRET });
    const unknownHost = await admin.trpc.webhook.create.mutate({ url: 'https://no-such-host.invalid/hook', events: ['deal.stage_changed'], secret: SECRET });
    await moveStage();
    expect(await deliver()).toMatchObject({ claimed: 2, retrying: 2 });
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'pending', responseStatus: null, error: `connection refused to 127.0.0.1:${port}` });
    expect((await deliveriesOf(unknownHost.id))[0]!.error).toBe('host not found: no-such-host.invalid');
  });

  it('a receiver that never answers 2xx is retried for at least 24 hours, then the delivery fails', async () => {
    const { receiver, hook } = await receiverWithHook();
    receiver.fallback = { status: 503 };
    await moveStage();
    const start = server.clock.now.getTime();
    for (let round = 1; round <= GIVE_UP_AFTER_ATTEMPTS; round++) {
      const [row] = await deliveriesOf(hook.id);
      server.clock.now = new Date(row!.nextAttemptAt);
      expect(await deliver()).toMatchObject({ claimed: 1 });
    }
    const [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ status: 'failed', attempts: GIVE_UP_AFTER_ATTEMPTS, responseStatus: 503 });
    expect(server.clock.now.getTime() - start).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    later(7 * 24 * 3600);
    expect(await deliver()).toMatchObject({ claimed: 0 });
  });

  it('re-send puts one delivery back: the same event, sent again now', async () => {
    const { receiver, hook } = await receiverWithHook();
    await moveStage();
    await deliver();
    const [done] = await deliveriesOf(hook.id);
    const again = await admin.trpc.webhook.redeliver.mutate({ deliveryId: done!.id });
    expect(again).toMatchObject({ id: done!.id, status: 'pending', attempts: 0, nextAttemptAt: server.clock.now.toISOString() });
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(receiver.received.map((r) => r.json.id)).toEqual([done!.eventId, done!.eventId]);
    expect((await admin.raw.mutate('webhook.redeliver', { deliveryId: 999_999 })).error?.code).toBe('NOT_FOUND');
  });

  it('answered deliveries leave the log after 30 days; one still retrying stays, however old', async () => {
    const { receiver, hook } = await receiverWithHook();
    await moveStage();
    expect(await deliver()).toMatchObject({ delivered: 1 });
    receiver.script.push({ status: 500 });
    await moveStage();
    expect(await deliver()).toMatchObject({ retrying: 1 });
    later((KEEP_ANSWERED_DAYS - 1) * 86_400);
    expect(await pruneDeliveries(server.database.db, server.clock.now)).toBe(0);
    later(2 * 86_400);
    expect(await pruneDeliveries(server.database.db, server.clock.now)).toBe(1);
    // A month on, the sessions have expired too.
    [admin, rep] = await Promise.all([loginAs(server, 'admin@demo.test'), loginAs(server, 'rep1@demo.test')]);
    expect(await deliveriesOf(hook.id)).toMatchObject([{ status: 'pending', attempts: 1 }]);
  });

  it('a change rolled back (a stale version: CONFLICT) enqueues nothing', async () => {
    const { hook } = await receiverWithHook();
    const deal = await freshDeal();
    await rep.trpc.deal.update.mutate({ id: deal.id, version: deal.version, amount: 2 });
    await refusedWithNothingWritten(() => rep.raw.mutate('deal.update', { id: deal.id, version: deal.version, stage: 'propose' }), 'CONFLICT');
    expect(await deliveriesOf(hook.id)).toEqual([]);
  });

  it('a webhook subscribed to other events gets nothing for a stage change', async () => {
    const { hook } = await receiverWithHook(['stakeholder.stance_changed']);
    await moveStage();
    expect(await deliveriesOf(hook.id)).toEqual([]);
  });

  describe('refused input, nothing written', () => {
    it.each([
      ['ftp://hooks.example.com/x', 'only http:// and https:// URLs are accepted'],
      ['javascript:alert(1)', 'only http:// and https:// URLs are accepted'],
      ['not a url', 'must be an absolute URL'],
    ])('url %s', async (url, message) => {
      const res = await refusedWithNothingWritten(() => admin.raw.mutate('webhook.create', { url, events: ['deal.stage_changed'], secret: SECRET }), 'BAD_REQUEST', 'url');
      expect(res.error.message).toContain(message);
    });
    it('an unknown event name', async () => {
      await refusedWithNothingWritten(() => admin.raw.mutate('webhook.create', { url: 'https://hooks.example.com/x', events: ['deal.deleted'], secret: SECRET }), 'BAD_REQUEST', 'events.0');
    });
    it('no events, a short secret, an unknown field', async () => {
      await refusedWithNothingWritten(() => admin.raw.mutate('webhook.create', { url: 'https://hooks.example.com/x', events: [], secret: SECRET }), 'BAD_REQUEST', 'events');
      await refusedWithNothingWritten(() => admin.raw.mutate('webhook.create', { url: 'https://hooks.example.com/x', events: ['deal.stage_changed'], secret: 'short' }), 'BAD_REQUEST', 'secret');
      await refusedWithNothingWritten(() => admin.raw.mutate('webhook.create', { url: 'https://hooks.example.com/x', events: ['deal.stage_changed'], secret: SECRET, active: true }), 'BAD_REQUEST', 'active');
    });
    it('removing or reading a webhook that does not exist', async () => {
      await refusedWithNothingWritten(() => admin.raw.mutate('webhook.remove', { id: 999_999 }), 'NOT_FOUND');
      expect((await admin.raw.query('webhook.deliveries', { id: 999_999 })).error?.code).toBe('NOT_FOUND');
    });
  });

  it('removing a webhook drops its pending deliveries and logs it', async () => {
    const { hook, receiver } = await receiverWithHook();
    await moveStage();
    expectOk(await admin.mutate('webhook.remove', { id: hook.id }));
    expect(await lastEvent(server)).toMatchObject({ kind: 'webhook.removed', entityId: hook.id, before: { url: receiver.url } });
    expect(await sql(server, 'select id from webhook_deliveries where webhook_id = ?', [hook.id])).toEqual([]);
    expect(await deliver()).toMatchObject({ claimed: 0 });
  });

  it('two deliverers at once deliver each event exactly once', async () => {
    const { receiver, hook } = await receiverWithHook();
    receiver.fallback = { status: 200, delayMs: 20 };
    // On PostgreSQL a second server (its own pool) on the same database, as two instances run; SQLite
    // serves one instance (SPEC §14), so there the rounds race on the one server.
    const twin = server.database.engine === 'postgres' ? await startTestServer({ seed: false, env: { DATABASE_URL: server.database.url } }) : null;
    try {
      for (let i = 0; i < 12; i++) await moveStage();
      const rounds = async (db: typeof server.database.db) => {
        for (let i = 0; i < 6; i++) await deliverDue(db, server.clock.now, { timeoutMs: 2_000, batch: 3 });
      };
      const other = twin?.database.db ?? server.database.db;
      await Promise.all([rounds(server.database.db), rounds(other), rounds(server.database.db), rounds(other)]);
      const ids = receiver.received.map((r) => r.json.id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
      const rows = await deliveriesOf(hook.id);
      expect(rows.every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true);
    } finally {
      await twin?.stop();
    }
  });
});

describe('webhooks survive a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deal-room-webhook-crash-'));
  let database = join(dir, 'crash.sqlite');
  let child: ChildServer | null = null;
  let receiver: Receiver | null = null;
  beforeAll(async () => {
    if (testEngine() === 'postgres') database = await createTestDatabase();
  });
  afterAll(async () => {
    await child?.kill();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
    if (testEngine() === 'postgres') await dropTestDatabase(database);
  });

  it('a server killed right after the commit delivers the event once it is back', async () => {
    receiver = await startReceiver(SECRET);
    const port = await freePort();
    // The first life never delivers: its deliverer is off, so the event exists only in the outbox when it dies.
    child = await startChildServer(database, port, { WEBHOOK_POLL_MS: '0' });
    const [admin, rep] = await Promise.all([loginAs(child, 'admin@demo.test'), loginAs(child, 'rep1@demo.test')]);
    await admin.trpc.webhook.create.mutate({ url: receiver.url, events: ['deal.stage_changed'], secret: SECRET });
    const accountId = (await rep.trpc.deal.list.query()).items[0]!.accountId;
    const deal = await rep.trpc.deal.create.mutate({ accountId, name: 'Crash deal', amount: 1, closeDate: '2031-01-01' });
    await rep.trpc.deal.update.mutate({ id: deal.id, version: deal.version, stage: 'propose' });
    await child.kill('SIGKILL');
    expect(receiver.received).toHaveLength(0);

    child = await startChildServer(database, port, { WEBHOOK_POLL_MS: '100' });
    await expect.poll(() => receiver!.received.length, { timeout: 15_000 }).toBe(1);
    const [got] = receiver.received;
    expect(got!.signatureValid).toBe(true);
    expect(got!.json).toMatchObject({ event: 'deal.stage_changed', data: { deal: { id: deal.id, name: 'Crash deal' }, before: 'qualify', after: 'propose' } });
    // Recorded as delivered: later rounds send nothing more.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received).toHaveLength(1);
  });
});

describe('webhooks for what time alone moves', () => {
  let server: TestServer;
  let receiver: Receiver;
  beforeAll(async () => {
    server = await startTestServer({ now: new Date('2026-05-04T08:00:00Z') });
    receiver = await startReceiver(SECRET);
  });
  afterAll(async () => {
    await receiver.close();
    await server.stop();
  });

  it('the sweep that finds a top decision-maker lost to 61 days sends deal.threshold_changed; closing the deal sends deal.health_changed', async () => {
    const admin = await loginAs(server, 'admin@demo.test');
    await admin.trpc.webhook.create.mutate({ url: receiver.url, events: ['deal.threshold_changed', 'deal.health_changed'], secret: SECRET });
    let rep = await loginAs(server, 'rep2@demo.test');
    const account = await rep.trpc.account.create.mutate({ name: 'Lakeside Power' });
    const deal = await rep.trpc.deal.create.mutate({ accountId: account.id, name: 'Grid control upgrade', amount: 900_000, closeDate: '2026-12-31', stage: 'commit' });
    const ceo = await rep.trpc.stakeholder.add.mutate({ dealId: deal.id, name: 'Ingrid Berg', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'ally' });
    await rep.trpc.activity.log.mutate({ dealId: deal.id, kind: 'executive_meeting', occurredAt: server.clock.now.toISOString(), stakeholderIds: [ceo.id], summary: 'Board dinner' });
    await deliverDue(server.database.db, server.clock.now, { timeoutMs: 2_000 });
    const ofDeal = () => receiver.received.filter((r) => (r.json.data.deal as { id: number }).id === deal.id).map((r) => r.json);
    // The writes themselves moved the thresholds: those went out as they happened.
    expect(ofDeal().some((e) => e.event === 'deal.threshold_changed' && e.data.threshold === 'topDecisionMaker' && e.data.after === true)).toBe(true);
    receiver.received.splice(0);

    server.clock.now = addDays(server.clock.now, 61);
    rep = await loginAs(server, 'rep2@demo.test');
    await sweepHealth(server.database.db, server.clock.now);
    for (let round = 0; round < 20 && (await deliverDue(server.database.db, server.clock.now, { timeoutMs: 2_000 })).claimed > 0; round++);
    const events = ofDeal();
    expect(events.find((e) => e.event === 'deal.threshold_changed')).toMatchObject({
      at: server.clock.now.toISOString(),
      data: { deal: { id: deal.id, name: 'Grid control upgrade' }, threshold: 'topDecisionMaker', before: true, after: false, coverage: { influence: expect.any(Number) } },
    });

    // Closing the deal closes its health: a write that moves the stored status.
    receiver.received.splice(0);
    const current = await rep.trpc.deal.get.query({ id: deal.id });
    await rep.trpc.deal.update.mutate({ id: deal.id, version: current.deal.version, stage: 'won' });
    await deliverDue(server.database.db, server.clock.now, { timeoutMs: 2_000 });
    const health = ofDeal().find((e) => e.event === 'deal.health_changed');
    expect(health?.data).toMatchObject({ deal: { id: deal.id }, before: expect.stringMatching(/^(on_track|not_yet_due|at_risk|critical)$/), after: 'closed' });
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
  });
});
