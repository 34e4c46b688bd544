import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { ErrorState, Loading } from '../../components/States';
import { useMe } from './useCurrentUser';

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const [pathname] = useLocation();
  const search = useSearch();
  if (me.isPending) return <Loading />;
  // With no signal, the user remembered on this device keeps the app open (the offline meeting log).
  if (me.isError && me.data === undefined) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = search ? `${pathname}?${search}` : pathname;
    return <Redirect to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
