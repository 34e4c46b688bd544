import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TDealQuery } from '../../../../shared/schemas/deal';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../lib/trpc';

export type DealRow = RouterOutputs['deal']['list']['items'][number];

/**
 * `deal.list` a page at a time (SPEC §13): the first page of 50, then the next as the user
 * scrolls or asks. Only the pages loaded are held; a new filter or sort starts again from the
 * first page, and the page before stays on screen until it arrives (no flash of "loading").
 *
 * The key is tRPC's own (so `deal.list.pathFilter()` invalidates it), but the request is made
 * here: tRPC's infinite queryFn adds a `direction` to the input, which the strict query schema
 * refuses as an unknown key.
 */
export function useDealPages(query: Omit<TDealQuery, 'cursor'>) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const pages = useInfiniteQuery({
    queryKey: trpc.deal.list.infiniteQueryKey(query),
    queryFn: ({ pageParam, signal }) => client.deal.list.query({ ...query, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const total = pages.data?.pages.at(-1)?.total ?? 0;
  return { pages, rows, total, more: () => void (pages.hasNextPage && !pages.isFetchingNextPage && pages.fetchNextPage()) };
}
