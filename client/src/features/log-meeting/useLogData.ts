import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { DEAL_PAGE_DEFAULT } from '../../../../shared/dealQuery';
import { LIMITS } from '../../../../shared/schemas/limits';
import { useTRPC } from '../../lib/trpc';
import { useDebounced } from '../../lib/useDebounced';
import { cachedDeals, cachedPeople, recentDealIds, type CachedDeal, type CachedPerson } from './offlineCache';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * The deals to pick from, recent first (opened or logged on this device lately), then the
 * server's order (the ones touched last first): the server's answer to what the rep typed
 * when it answers, the device's copy when it cannot. One page is plenty to pick from on a
 * phone; typing narrows it on the server, so no deal is out of reach.
 */
export function useLogDeals(keep: number | null, search: string): { deals: CachedDeal[]; total: number | undefined; loading: boolean } {
  const trpc = useTRPC();
  const q = useDebounced(search.trim().slice(0, LIMITS.name), SEARCH_DEBOUNCE_MS) || undefined;
  const live = useQuery({ ...trpc.deal.list.queryOptions({ status: 'open', sort: '-updatedAt', q, limit: DEAL_PAGE_DEFAULT }), placeholderData: keepPreviousData });
  const cached = useQuery({
    queryKey: ['offline', 'deals'],
    queryFn: async () => ((await cachedDeals()) ?? []).toSorted((a, b) => a.name.localeCompare(b.name)),
    networkMode: 'always',
    enabled: !live.data,
  });
  const source = live.data?.items ?? cached.data;
  const deals = useMemo(() => {
    const recent = recentDealIds();
    const rank = (id: number) => {
      const at = recent.indexOf(id);
      return at === -1 ? recent.length : at;
    };
    // Open deals, and the one the rep came from even if it has closed (a last meeting after a loss).
    const open = (source ?? []).filter((deal) => deal.status === 'open' || deal.id === keep);
    // A stable sort: among deals not opened lately, the source's own order stays.
    return open.map((deal) => ({ id: deal.id, name: deal.name, accountName: deal.accountName, status: deal.status })).toSorted((a, b) => rank(a.id) - rank(b.id));
  }, [source, keep]);
  return { deals, total: live.data?.total, loading: !source && (live.isPending || cached.isPending) };
}

/** The people on one deal's map, with the stance and version the rep sees now, and the deal itself when the server answers. */
export function useLogPeople(dealId: number | null): { people: CachedPerson[] | undefined; deal: CachedDeal | undefined; loading: boolean } {
  const trpc = useTRPC();
  const id = dealId ?? 0;
  const live = useQuery({ ...trpc.deal.get.queryOptions({ id }), enabled: id > 0 });
  const cached = useQuery({ queryKey: ['offline', 'people', id], queryFn: async () => (await cachedPeople(id)) ?? [], networkMode: 'always', enabled: id > 0 && !live.data });
  const people = useMemo(
    () => live.data?.stakeholders.filter((p) => !('leftAt' in p) || !p.leftAt).map((p) => ({ id: p.id, name: p.name, title: p.title, stance: p.stance, version: p.version })) ?? cached.data,
    [live.data, cached.data],
  );
  const room = live.data?.deal;
  const deal = useMemo(() => (room ? { id: room.id, name: room.name, accountName: room.accountName, status: room.status } : undefined), [room]);
  return { people, deal, loading: id > 0 && !people };
}
