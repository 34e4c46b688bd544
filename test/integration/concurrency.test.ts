import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startTestServer, type ApiClient, type TestServer } from '../helpers/server';

interface Deal {
  id: number;
  name: string;
  amount: number;
  version: number;
}

describe('concurrent writers never lose an update', () => {
  let server: TestServer;
  let clients: ApiClient[];
  let deal: Deal;

  beforeAll(async () => {
    server = await startTestServer();
    const first = await loginAs(server, 'rep1@demo.test');
    clients = [first, ...(await Promise.all(Array.from({ length: 19 }, () => loginAs(server, 'rep1@demo.test'))))];
    const deals = (await first.query<Deal[]>('deal.list')).data;
    deal = deals.find((d) => d.name === 'Line 9 CBTC signalling platform')!;
  });
  afterAll(() => server.stop());

  it('20 clients × 50 versioned increments, retrying on CONFLICT, apply exactly 1,000', async () => {
    let conflicts = 0;
    const worker = async (client: ApiClient) => {
      let current = (await client.query<{ deal: Deal }>('deal.get', { id: deal.id })).data.deal;
      for (let applied = 0; applied < 50; ) {
        const res = await client.mutate<Deal>('deal.update', { id: deal.id, version: current.version, amount: current.amount + 1 });
        if (res.ok) {
          applied++;
          current = res.data;
        } else {
          expect(res.error?.data.code).toBe('CONFLICT');
          conflicts++;
          current = res.error!.data.current as Deal;
        }
      }
    };
    await Promise.all(clients.map(worker));
    const final = (await clients[0]!.query<{ deal: Deal }>('deal.get', { id: deal.id })).data.deal;
    expect(final.amount).toBe(deal.amount + 1000);
    expect(final.version).toBe(deal.version + 1000);
    // Each applied update is in the event log exactly once.
    const logged = server.database.sqlite
      .prepare(`select count(*) as n from events where deal_id = ? and kind = 'deal.updated'`)
      .get(deal.id) as { n: number };
    expect(logged.n).toBe(1000);
    expect(conflicts).toBeGreaterThan(0);
  }, 120_000);

  it('concurrent additions to one deal all land', async () => {
    const results = await Promise.all(
      clients.map((client, i) => client.mutate('nextStep.add', { dealId: deal.id, title: `Parallel step ${i}` })),
    );
    expect(results.every((res) => res.ok)).toBe(true);
    const room = (await clients[0]!.query<{ nextSteps: { title: string }[] }>('deal.get', { id: deal.id })).data;
    expect(room.nextSteps.filter((step) => step.title.startsWith('Parallel step')).length).toBe(20);
  });
});
