import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../../lib/trpc';
import { cachedDeals, cachedPeople, recentDealIds, type CachedDeal, type CachedPerson } from './offlineCache';

/**
 * The deals to pick from, recent first (opened or logged on this device lately), then by
 * name: the server's list when it answers, the device's copy when it cannot.
 */
export function useLogDeals(keep: number | null): { deals: CachedDeal[]; loading: boolean } {
  const trpc = useTRPC();
  // The rep's open deals, the ones touched last first: a page is plenty to pick from on a phone.
  const live = useQuery(trpc.deal.list.queryOptions({ status: 'open', sort: '-updatedAt', limit: 200 }));
  const cached = useQuery({ queryKey: ['offline', 'deals'], queryFn: async () => (await cachedDeals()) ?? [], networkMode: 'always', enabled: !live.data });
  const source = live.data?.items ?? cached.data;
  const deals = useMemo(() => {
    const recent = recentDealIds();
    const rank = (id: number) => {
      const at = recent.indexOf(id);
      return at === -1 ? recent.length : at;
    };
    // Open deals, and the one the rep came from even if it has closed (a last meeting after a loss).
    const open = (source ?? []).filter((deal) => deal.status === 'open' || deal.id === keep);
    return open.map((deal) => ({ id: deal.id, name: deal.name, accountName: deal.accountName, status: deal.status })).toSorted((a, b) => rank(a.id) - rank(b.id) || a.name.localeCompare(b.name));
  }, [source, keep]);
  return { deals, loading: !source && (live.isPending || cached.isPending) };
}

/** The people on one deal's map, with the stance and version the rep sees now. */
export function useLogPeople(dealId: number | null): { people: CachedPerson[] | undefined; loading: boolean } {
  const trpc = useTRPC();
  const id = dealId ?? 0;
  const live = useQuery({ ...trpc.deal.get.queryOptions({ id }), enabled: id > 0 });
  const cached = useQuery({ queryKey: ['offline', 'people', id], queryFn: async () => (await cachedPeople(id)) ?? [], networkMode: 'always', enabled: id > 0 && !live.data });
  const people = useMemo(
    () => live.data?.stakeholders.filter((p) => !('leftAt' in p) || !p.leftAt).map((p) => ({ id: p.id, name: p.name, title: p.title, stance: p.stance, version: p.version })) ?? cached.data,
    [live.data, cached.data],
  );
  return { people, loading: id > 0 && !people };
}
