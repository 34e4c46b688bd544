import { useQuery } from '@tanstack/react-query';
import { useParams } from 'wouter';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';

export type DealRoomData = RouterOutputs['deal']['get'];

export function useDealId(): number {
  const { id } = useParams();
  const parsed = Number(id);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 0;
}

/** The deal room's one query; every tab reads from it and mutations invalidate it. */
export function useDealRoom() {
  const trpc = useTRPC();
  const id = useDealId();
  return useQuery({ ...trpc.deal.get.queryOptions({ id }), enabled: id > 0 });
}

export function useDealRoomData(): DealRoomData {
  const room = useDealRoom();
  if (!room.data) throw new Error('useDealRoomData before the deal loaded');
  return room.data;
}
