/**
 * A threshold lost to time alone — no write involved — still reaches the history
 * and the stand-up: the hourly sweep records it, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepHealth } from '../../server/services/healthSweep';
import { loginAs, startTestServer, type ApiClient, type TestServer } from '../helpers/server';

const DAY = 86_400_000;
let server: TestServer;
let rep: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ now: new Date('2026-05-04T08:00:00Z') });
  rep = await loginAs(server, 'rep2@demo.test');
});
afterAll(() => server.stop());

describe('the hourly health sweep', () => {
  it('records a top decision-maker lost to 61 days without contact, by nobody, exactly once', async () => {
    const account = (await rep.mutate('account.create', { name: 'Lakeside Power' })).data;
    const deal = (await rep.mutate('deal.create', { accountId: account.id, name: 'Grid control upgrade', amount: 900_000, closeDate: '2026-12-31', stage: 'commit' })).data;
    const ceo = (await rep.mutate('stakeholder.add', { dealId: deal.id, name: 'Ingrid Berg', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'ally' })).data;
    await rep.mutate('activity.log', { dealId: deal.id, kind: 'executive_meeting', occurredAt: server.clock.now.toISOString(), stakeholderIds: [ceo.id], summary: 'Board dinner' });
    expect((await rep.query('deal.health', { id: deal.id })).data.thresholds.topDecisionMaker.passed).toBe(true);
    expect(sweepHealth(server.database.db, server.clock.now)).toBe(0); // nothing moved yet

    server.clock.now = new Date(server.clock.now.getTime() + 61 * DAY);
    rep = await loginAs(server, 'rep2@demo.test');
    expect(sweepHealth(server.database.db, server.clock.now)).toBeGreaterThanOrEqual(1);
    expect(sweepHealth(server.database.db, server.clock.now)).toBe(0); // recorded once

    const history = (await rep.query('history.get', { dealId: deal.id })).data;
    expect(history.thresholdChanges[0]).toMatchObject({ threshold: 'topDecisionMaker', passed: false, at: server.clock.now.toISOString() });
    const since = new Date(server.clock.now.getTime() - DAY).toISOString();
    const changes = (await rep.query('standup.changes', { since })).data.find((d: { dealId: number }) => d.dealId === deal.id);
    expect(changes.changes.map((c: { kind: string }) => c.kind)).toContain('thresholdLost');
  });
});
