import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/** After a write in the deal room, refetch exactly that deal (and the pipeline row it feeds). */
export function useInvalidateDeal(dealId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.deal.get.queryFilter({ id: dealId })),
      queryClient.invalidateQueries(trpc.deal.list.pathFilter()),
    ]);
  };
}
