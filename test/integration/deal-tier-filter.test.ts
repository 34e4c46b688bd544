import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_TIERS } from '../../shared/domain';
import { type ApiSession, loginAs, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';

type Deal = RouterOutputs['deal']['list']['items'][number];

/**
 * The pipeline's tier filter (SPEC §13): the account's tier is filtered by the database like
 * every other filter, so a filtered list pages and counts the same way as an unfiltered one.
 */
describe('deal.list and review.pipeline: tier filter', () => {
  let server: TestServer;
  let manager: ApiSession;
  let everything: Deal[];

  beforeAll(async () => {
    server = await startTestServer();
    manager = await loginAs(server, 'manager@demo.test');
    everything = (await manager.trpc.deal.list.query({ limit: 200 })).items;
  });
  afterAll(() => server.stop());

  it('the demo has deals of more than one tier, so the filter has something to leave out', () => {
    expect(new Set(everything.map((deal) => deal.accountTier)).size).toBeGreaterThan(1);
  });

  it.each(ACCOUNT_TIERS)('tier %s: exactly the deals of that tier, counted in total, page after page', async (tier) => {
    const expected = everything.filter((deal) => deal.accountTier === tier).map((deal) => deal.id);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await manager.trpc.deal.list.query({ tier, limit: 2, cursor });
      expect(page.total).toBe(expected.length);
      seen.push(...page.items.map((deal) => deal.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.toSorted((a, b) => a - b)).toEqual(expected.toSorted((a, b) => a - b));
  });

  it('combines with the other filters, and review.pipeline takes it too', async () => {
    const tierA = (await manager.trpc.review.pipeline.query({ tier: 'A', limit: 200 })).items;
    const openA = everything.filter((deal) => deal.accountTier === 'A' && deal.status === 'open');
    expect(tierA.map((deal) => deal.id).toSorted((a, b) => a - b)).toEqual(openA.map((deal) => deal.id).toSorted((a, b) => a - b));
    const wonA = await manager.trpc.deal.list.query({ tier: 'A', status: 'won' });
    expect(wonA.items.every((deal) => deal.accountTier === 'A' && deal.status === 'won')).toBe(true);
    expect(wonA.total).toBe(everything.filter((deal) => deal.accountTier === 'A' && deal.status === 'won').length);
  });

  it('the export takes the pipeline page’s whole query: tier, team, search and sort', async () => {
    const [team] = await manager.trpc.team.list.query();
    const query = `tier=A&teamId=${team!.id}&q=a&sort=-amount`;
    const res = await fetch(`${manager.baseUrl}/api/export/deals.csv?${query}`, { headers: { cookie: manager.cookie ?? '' } });
    expect(res.status).toBe(200);
    const expected = (await manager.trpc.deal.list.query({ tier: 'A', teamId: team!.id, q: 'a', sort: '-amount', limit: 200 })).items;
    // One line per deal after the header (no name in the demo holds a line break).
    const lines = (await res.text()).trim().split('\n');
    expect(lines.length - 1).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('refuses a tier that does not exist, naming the field', async () => {
    // A wrong value on purpose: the type would refuse it before the server could.
    const res = await manager.query('deal.list', { tier: 'Z' as 'A' });
    expect(res.ok).toBe(false);
    expect(res.error?.message).toContain('tier');
  });
});
