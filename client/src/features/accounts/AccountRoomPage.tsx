import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { TierBadge } from '../../components/Badges';
import { ErrorState, Loading, NotFound } from '../../components/States';
import { useTRPC } from '../../lib/trpc';
import { AccountFactsForm, AccountFactsView } from './AccountFacts';
import { AccountHistoryCard } from './AccountHistoryCard';
import { AccountHealthBadge, PatternText, PhaseBadge, PseudoKeyBadge } from './AccountBits';
import { ActivitiesCard, ComplaintsCard, PracticesCard, RecordOrderForm, TierHistoryCard } from './RoomLists';
import { DealsCard, HealthCard, PurchasesCard, ScorecardCard } from './RoomSections';
import type { RoomData } from './roomTypes';
import './accounts.css';

// React Flow and dagre load only when the room is opened, in their own chunks (as the deal map's do).
const OrgChart = lazy(() => import('./OrgChart'));

export default function AccountRoomPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  return <AccountRoom id={id} />;
}

function AccountRoom({ id }: { id: number }) {
  const trpc = useTRPC();
  const room = useQuery(trpc.account.get.queryOptions({ id }));
  if (room.isPending) return <Loading />;
  if (room.isError)
    return (
      <div className="page">
        <ErrorState error={room.error} onRetry={() => void room.refetch()} />
      </div>
    );
  return <Room room={room.data} />;
}

function Room({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const { account } = room;
  const people = useMemo(() => {
    const dealsById = new Map(room.deals.map((deal) => [deal.id, deal]));
    return room.contacts.map((contact) => ({ ...contact, deals: contact.deals.flatMap((part) => { const deal = dealsById.get(part.dealId); return deal ? [{ id: deal.id, name: deal.name, canOpen: deal.canOpen }] : []; }) }));
  }, [room.contacts, room.deals]);
  return (
    <div className="page account-room" data-account-id={account.id}>
      <header className="card account-header">
        <div className="deal-header-top">
          <div>
            <div className="crumbs">
              <Link to="/accounts">{t('accountRoom.crumbs')}</Link> / <span>{account.name}</span>
            </div>
            <h1 className="deal-title" data-testid="account-name">
              {account.name}
            </h1>
            <div className="account-badges">
              <TierBadge tier={account.tier} />
              <PhaseBadge phase={account.phase} />
              <PatternText pattern={room.purchase.pattern} />
              {room.pseudoKey && <PseudoKeyBadge />}
              <AccountHealthBadge status={room.health.status} />
            </div>
          </div>
          {!editing && room.canEdit && (
            <div className="deal-header-actions">
              <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="edit-account">
                {t('accountRoom.edit')}
              </button>
            </div>
          )}
        </div>
        {editing ? <AccountFactsForm room={room} onDone={() => setEditing(false)} /> : <AccountFactsView room={room} />}
      </header>

      <div className="room-grid">
        <div className="room-main">
          <ScorecardCard room={room} />
          <DealsCard
            room={room}
            actions={
              !recording && (
                <button type="button" className="btn btn-small" onClick={() => setRecording(true)} data-testid="record-order">
                  {t('accountRoom.recordOrder')}
                </button>
              )
            }
          >
            {recording && <RecordOrderForm room={room} onDone={() => setRecording(false)} />}
          </DealsCard>
          <PurchasesCard room={room} />
          <section className="card room-card" aria-labelledby="org-title">
            <h2 className="card-title" id="org-title">
              {t('accountRoom.orgChart')}
            </h2>
            <p className="muted small">{t('accountRoom.orgChartIntro')}</p>
            {room.contacts.length === 0 ? (
              <p className="muted small">{t('accountRoom.noContacts')}</p>
            ) : (
              <Suspense fallback={<Loading />}>
                <OrgChart people={people} accountName={account.name} />
              </Suspense>
            )}
          </section>
        </div>
        <aside className="room-side">
          <HealthCard room={room} />
          <PracticesCard room={room} />
          <ComplaintsCard room={room} />
          <ActivitiesCard room={room} />
          <TierHistoryCard room={room} />
          <AccountHistoryCard room={room} />
        </aside>
      </div>
    </div>
  );
}
