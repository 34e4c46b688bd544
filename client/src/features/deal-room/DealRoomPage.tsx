import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ErrorState, Loading, NotFound } from '../../components/States';
import { CoachingNotes } from '../review/CoachingNotes';
import { DealHeader } from './DealHeader';
import { useDealId, useDealRoom } from './useDealRoom';

const TABS = ['map', 'info', 'activity', 'history'] as const;

/** The deal room: its header and tabs around `children`, the current tab's screen (routes.tsx). */
export default function DealRoomPage({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const id = useDealId();
  const room = useDealRoom();
  const [pathname] = useLocation();
  // /deals/:id opens the map, so the map tab is the current one there too.
  const current = TABS.find((tab) => pathname.endsWith(`/${tab}`)) ?? 'map';
  if (!id) return <NotFound />;
  if (room.isPending) return <Loading />;
  if (room.isError) return <ErrorState error={room.error} onRetry={() => void room.refetch()} />;
  return (
    <div className="page deal-room">
      <DealHeader room={room.data} />
      <CoachingNotes dealId={room.data.deal.id} />
      <nav className="tabs" aria-label={t('dealRoom.tabs')}>
        {TABS.map((tab) => (
          <Link key={tab} to={`/deals/${id}/${tab}`} className={tab === current ? 'tab active' : 'tab'} aria-current={tab === current ? 'page' : undefined}>
            {t(`dealRoom.tab.${tab}`)}
          </Link>
        ))}
      </nav>
      <section className="tab-panel">
        <Suspense fallback={<Loading />}>
          {children}
        </Suspense>
      </section>
    </div>
  );
}
