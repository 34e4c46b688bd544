import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { ErrorState, Loading, NotFound } from '../../components/States';
import { CoachingNotes } from '../review/CoachingNotes';
import { DealHeader } from './DealHeader';
import { useDealId, useDealRoom } from './useDealRoom';

const TABS = ['map', 'info', 'activity', 'history'] as const;

export default function DealRoomPage() {
  const { t } = useTranslation();
  const id = useDealId();
  const room = useDealRoom();
  const { pathname } = useLocation();
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
          <Outlet />
        </Suspense>
      </section>
    </div>
  );
}
