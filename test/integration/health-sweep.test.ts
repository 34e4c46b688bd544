/**
 * A threshold lost to time alone — no write involved — still reaches the history
 * and the stand-up: the hourly sweep records it, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepHealth } from '../../server/services/healthSweep';
import { addDays, daysBefore } from '../../shared/dates';
import { loginAs, type ApiSession } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let rep: ApiSession;

beforeAll(async () => {
  server = await startTestServer({ now: new Date('2026-05-04T08:00:00Z') });
  rep = await loginAs(server, 'rep2@demo.test');
});
afterAll(() => server.stop());

describe('the hourly health sweep', () => {
  it('records a top decision-maker lost to 61 days without contact, by nobody, exactly once', async () => {
    const account = await rep.trpc.account.create.mutate({ name: 'Lakeside Power' });
    const deal = await rep.trpc.deal.create.mutate({ accountId: account.id, name: 'Grid control upgrade', amount: 900_000, closeDate: '2026-12-31', stage: 'commit' });
    const ceo = await rep.trpc.stakeholder.add.mutate({ dealId: deal.id, name: 'Ingrid Berg', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'ally' });
    await rep.trpc.activity.log.mutate({ dealId: deal.id, kind: 'executive_meeting', occurredAt: server.clock.now.toISOString(), stakeholderIds: [ceo.id], summary: 'Board dinner' });
    expect((await rep.trpc.deal.health.query({ id: deal.id })).thresholds.topDecisionMaker.passed).toBe(true);
    expect(await sweepHealth(server.database.db, server.clock.now)).toBe(0); // nothing moved yet

    server.clock.now = addDays(server.clock.now, 61);
    rep = await loginAs(server, 'rep2@demo.test');
    expect(await sweepHealth(server.database.db, server.clock.now)).toBeGreaterThanOrEqual(1);
    expect(await sweepHealth(server.database.db, server.clock.now)).toBe(0); // recorded once

    const history = await rep.trpc.history.get.query({ dealId: deal.id });
    expect(history.thresholdChanges[0]).toMatchObject({ threshold: 'topDecisionMaker', passed: false, at: server.clock.now.toISOString() });
    const since = daysBefore(server.clock.now, 1).toISOString();
    const changes = (await rep.trpc.standup.changes.query({ since })).find((d) => d.dealId === deal.id);
    expect(changes?.changes.map((c) => c.kind)).toContain('thresholdLost');
  });
});
