import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../../lib/trpc';
import type { DealRoomData } from '../deal-room/useDealRoom';
import type { StakeholderRow } from './types';

/**
 * Put stakeholders the server just returned straight into the deal room's
 * cached `deal.get`, so the card, its version and the coverage figures change
 * at once instead of after the refetch.
 */
export function usePatchStakeholders(dealId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (saved: readonly StakeholderRow[]) => {
      if (saved.length === 0) return;
      const byId = new Map(saved.map((person) => [person.id, person]));
      queryClient.setQueryData(trpc.deal.get.queryKey({ id: dealId }), (room: DealRoomData | undefined) =>
        room ? { ...room, stakeholders: room.stakeholders.map((person) => byId.get(person.id) ?? person) } : room,
      );
    },
    [queryClient, trpc, dealId],
  );
}
