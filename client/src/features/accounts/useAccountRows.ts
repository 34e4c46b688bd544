import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import type { AccountRow } from './model';

/**
 * `account.list` for one team or all the user sees. The other filters apply on the client:
 * the list is every account at once (a team has hundreds), so a filter or a sort is instant.
 */
export function useAccountRows(teamId: number | undefined) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.account.list.queryOptions(teamId === undefined ? undefined : { teamId }),
    select: (items): AccountRow[] => items,
  });
}
