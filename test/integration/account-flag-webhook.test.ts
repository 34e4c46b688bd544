/**
 * `account.flag_raised` (SPEC §15) for the defection watch (SPEC §11), against a real local
 * receiver: a flag going up is stored in `account_flags` and enqueued in the same
 * transaction — by the write that raises it, or by the health sweep when time alone does —
 * sent once, cleared when it goes down, sent again when raised again. A database from
 * before the table records the flags already there without a storm of webhooks.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storeMissingAccountFlags } from '../../server/services/accountFlags';
import { sweepHealth } from '../../server/services/healthSweep';
import { deliverDue } from '../../server/services/webhookDelivery';
import { addDays } from '../../shared/dates';
import { type ApiSession, loginAs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver';
import { sql } from '../helpers/world';

const SECRET = 'whsec-flags-0123456789abcdef';

describe('account.flag_raised webhooks', () => {
  let server: TestServer;
  let admin: ApiSession;
  let rep: ApiSession;
  let receiver: Receiver;
  let hookId: number;
  let counter = 0;

  const deliver = () => deliverDue(server.database.db, server.clock.now, { timeoutMs: 2_000 });
  const sweep = () => sweepHealth(server.database.db, server.clock.now);
  const newAccount = () => rep.trpc.account.create.mutate({ name: `Flag account ${++counter} ${Date.now()}` });
  const flagsOf = async (accountId: number) => (await sql<{ code: string }>(server, 'select code from account_flags where account_id = ? order by code', [accountId])).map((row) => row.code);
  const flagged = (accountId: number) => receiver.received.filter((got) => got.json.event === 'account.flag_raised' && got.json.data.accountId === accountId);

  const login = async () => {
    [admin, rep] = await Promise.all([loginAs(server, 'admin@demo.test'), loginAs(server, 'rep1@demo.test')]);
  };

  beforeAll(async () => {
    server = await startTestServer();
    await login();
    receiver = await startReceiver(SECRET);
    hookId = (await admin.trpc.webhook.create.mutate({ url: receiver.url, events: ['account.flag_raised'], secret: SECRET })).id;
  });
  afterEach(async () => {
    // Whatever a test left due is sent now, so the next test counts only its own.
    await deliver();
    receiver.received.splice(0);
    // The clock moves weeks in some tests: sessions start afresh.
    await login();
  });
  afterAll(async () => {
    await receiver.close();
    await server.stop();
  });

  it('a new complaint raises nothing; 8 days later the sweep sends OPEN_COMPLAINT once, signed; resolving clears it; raised again, it is sent again', async () => {
    const account = await newAccount();
    const complaint = await rep.trpc.complaint.add.mutate({ accountId: account.id, summary: 'Late deliveries', severity: 'medium' });
    expect(await flagsOf(account.id)).toEqual([]);
    await deliver();
    expect(flagged(account.id)).toEqual([]);

    server.clock.now = addDays(server.clock.now, 8);
    await sweep();
    expect(await flagsOf(account.id)).toEqual(['OPEN_COMPLAINT']);
    await deliver();
    expect(flagged(account.id)).toHaveLength(1);
    const [got] = flagged(account.id);
    expect(got!.signatureValid).toBe(true);
    expect(got!.headers['x-dealroom-event']).toBe('account.flag_raised');
    expect(got!.json).toMatchObject({
      event: 'account.flag_raised',
      at: server.clock.now.toISOString(),
      data: { accountId: account.id, accountName: account.name, teamId: account.teamId, code: 'OPEN_COMPLAINT', severity: 'warning', message: expect.stringContaining('7') },
    });
    const deliveries = await admin.trpc.webhook.deliveries.query({ id: hookId });
    expect(deliveries.find((row) => row.eventId === got!.json.id)).toMatchObject({ status: 'delivered' });

    // Still raised: a second sweep sends nothing new.
    await sweep();
    await deliver();
    expect(flagged(account.id)).toHaveLength(1);

    // Resolved: the row goes (in the resolving transaction), and the sweep keeps it gone.
    await rep.trpc.complaint.resolve.mutate({ id: complaint.id, version: complaint.version, resolution: 'Carrier changed' });
    expect(await flagsOf(account.id)).toEqual([]);
    await sweep();
    expect(await flagsOf(account.id)).toEqual([]);

    // A new complaint, open 8 days: raised again, sent again.
    await rep.trpc.complaint.add.mutate({ accountId: account.id, summary: 'Late again', severity: 'high' });
    server.clock.now = addDays(server.clock.now, 8);
    await sweep();
    await deliver();
    expect(flagged(account.id).map((hit) => hit.json.data.code)).toEqual(['OPEN_COMPLAINT', 'OPEN_COMPLAINT']);
    expect(flagged(account.id)[1]!.json.data.severity).toBe('critical');
  });

  it('a complaint entered already older than complaintDays raises OPEN_COMPLAINT in its own transaction', async () => {
    const account = await newAccount();
    await rep.trpc.complaint.add.mutate({ accountId: account.id, summary: 'Raised weeks ago', severity: 'low', openedAt: addDays(server.clock.now, -10).toISOString() });
    expect(await flagsOf(account.id)).toEqual(['OPEN_COMPLAINT']);
    const pending = await sql<{ body: string }>(server, `select body from webhook_deliveries where webhook_id = ? and status = 'pending'`, [hookId]);
    expect(pending.map((row) => (JSON.parse(row.body) as { data: { accountId: number } }).data.accountId)).toContain(account.id);
  });

  it('a champion leaving raises CHAMPION_LEFT in the same transaction, before any sweep', async () => {
    const account = await newAccount();
    const deal = await rep.trpc.deal.create.mutate({ accountId: account.id, name: `Champion deal ${counter}`, amount: 10_000, closeDate: '2031-03-31' });
    const coach = await rep.trpc.stakeholder.add.mutate({ dealId: deal.id, name: 'Li Na', level: 'management', decisionRole: 'influencer', influence: 4, stance: 'ally', isCoach: true });
    expect(await flagsOf(account.id)).toEqual([]);
    const contact = (await rep.trpc.contact.list.query({ accountId: account.id })).find((row) => row.id === coach.contactId)!;
    await rep.trpc.contact.update.mutate({ id: contact.id, version: contact.version, leftAt: addDays(server.clock.now, -1).toISOString().slice(0, 10) });
    expect(await flagsOf(account.id)).toEqual(['CHAMPION_LEFT']);
    await deliver();
    expect(flagged(account.id)).toHaveLength(1);
    expect(flagged(account.id)[0]!.json.data).toMatchObject({ code: 'CHAMPION_LEFT', severity: 'critical', message: expect.stringContaining('Li Na') });
    await sweep();
    await deliver();
    expect(flagged(account.id)).toHaveLength(1);
  });

  it('the tier and phase raise NO_EXEC_MEETING at once', async () => {
    const account = await newAccount();
    const updated = await rep.trpc.account.update.mutate({ id: account.id, version: account.version, tier: 'A', reason: 'Strategic customer', phase: 'stabilize' });
    expect(updated.tier).toBe('A');
    expect(await flagsOf(account.id)).toEqual(['NO_EXEC_MEETING']);
    await deliver();
    expect(flagged(account.id).map((hit) => hit.json.data.code)).toEqual(['NO_EXEC_MEETING']);
  });

  it('a past order entered as won raises PSEUDO_KEY_ACCOUNT in the transaction of the deal', async () => {
    const account = await newAccount();
    const closeDate = addDays(server.clock.now, -450).toISOString().slice(0, 10);
    await rep.trpc.deal.create.mutate({ accountId: account.id, name: `Past order ${counter}`, amount: 50_000, closeDate, stage: 'won' });
    expect(await flagsOf(account.id)).toContain('PSEUDO_KEY_ACCOUNT');
    await deliver();
    expect(flagged(account.id).map((hit) => hit.json.data.code)).toContain('PSEUDO_KEY_ACCOUNT');
  });

  it('flags already raised when the table is new are recorded at start without a webhook', async () => {
    const account = await newAccount();
    await rep.trpc.complaint.add.mutate({ accountId: account.id, summary: 'Old news', severity: 'low', openedAt: addDays(server.clock.now, -30).toISOString() });
    await deliver();
    receiver.received.splice(0);
    const before = (await sql<{ n: number }>(server, 'select count(*) as n from account_flags'))[0]!.n;
    expect(Number(before)).toBeGreaterThan(0);
    // A database from before account_flags: the table is empty while accounts are flagged.
    await sql(server, 'delete from account_flags returning account_id');
    expect(await storeMissingAccountFlags(server.database.db, server.clock.now)).toBe(Number(before));
    expect(await flagsOf(account.id)).toEqual(['OPEN_COMPLAINT']);
    // With rows stored, a second start does nothing; the sweep finds nothing new to send.
    expect(await storeMissingAccountFlags(server.database.db, server.clock.now)).toBe(0);
    await sweep();
    expect(await deliver()).toMatchObject({ claimed: 0 });
    expect(receiver.received).toEqual([]);
  });
});
