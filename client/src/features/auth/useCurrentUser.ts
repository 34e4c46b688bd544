import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 });
}

/** The signed-in user; only used below RequireAuth, which guarantees one. */
export function useCurrentUser() {
  const me = useMe();
  if (!me.data) throw new Error('useCurrentUser outside RequireAuth');
  return me.data.user;
}
