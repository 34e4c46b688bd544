import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { StageBadge, StatusBadge } from '../../components/Badges';
import { useScoringText } from '../../components/health/Health';
import { useFormat } from '../../lib/format';
import { AccountFlags, AccountHealthBadge, PatternText } from './AccountBits';
import type { RoomData } from './roomTypes';

/** Every indicator with its value as a bar and its reason in a sentence; the suggestion and its reasons below. */
export function ScorecardCard({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const scoring = useScoringText();
  const { scorecard } = room;
  const reasons = scorecard.details.map((detail) => scoring(detail));
  return (
    <section className="card room-card scorecard" aria-labelledby="scorecard-title" data-testid="scorecard">
      <div className="room-card-head">
        <h2 className="card-title" id="scorecard-title">
          {t('accountRoom.scorecard')}
        </h2>
        <span className="score-chip">{t('accountRoom.score', { score: format.percent(scorecard.score) })}</span>
        <span className={`badge tier tier-${scorecard.suggestedTier}`}>{t('accountRoom.suggestedTier', { tier: `${scorecard.suggestedTier} · ${t(`tier.${scorecard.suggestedTier}.name`)}` })}</span>
      </div>
      <p className="muted small">{t('accountRoom.scorecardIntro')}</p>
      <ul className="indicators">
        {scorecard.indicators.map((item) => (
          <li key={item.key} className="indicator" data-indicator={item.key}>
            <div className="indicator-head">
              <strong>{t(`scorecardIndicator.${item.key}`, { defaultValue: item.key })}</strong>
              <span className="muted small">{item.source === 'manual' ? t('accountRoom.manual') : t('accountRoom.computed')}</span>
              <span className="indicator-value">{item.value === null ? <span className="muted small">{t('accountRoom.noValue')}</span> : format.percent(item.value)}</span>
            </div>
            <span className="indicator-track" role="img" aria-label={item.value === null ? t('accountRoom.noValue') : format.percent(item.value)}>
              <span className={item.value === null ? 'indicator-fill none' : 'indicator-fill'} style={{ width: `${Math.round((item.value ?? 0) * 100)}%` }} />
            </span>
            <p className="indicator-reason small">{scoring(item.detail)}</p>
          </li>
        ))}
      </ul>
      {reasons.length > 0 && (
        <ul className="suggest-reasons small">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HealthCard({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  return (
    <section className={`card room-card account-watch watch-${room.health.status}`} aria-labelledby="watch-title" data-testid="defection-watch">
      <div className="room-card-head">
        <h2 className="card-title" id="watch-title">
          {t('accountRoom.healthTitle')}
        </h2>
        <AccountHealthBadge status={room.health.status} />
      </div>
      {room.health.flags.length === 0 ? <p className="muted small">{t('accountRoom.healthy')}</p> : <AccountFlags flags={room.health.flags} />}
    </section>
  );
}

export function PurchasesCard({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { purchase } = room;
  const dealsById = new Map(room.deals.map((deal) => [deal.id, deal]));
  return (
    <section className="card room-card" aria-labelledby="orders-title" data-testid="purchases">
      <div className="room-card-head">
        <h2 className="card-title" id="orders-title">
          {t('accountRoom.purchases')}
        </h2>
        <PatternText pattern={purchase.pattern} />
      </div>
      <p className="muted small">{t(`purchasePatternHint.${purchase.pattern}`)}</p>
      <dl className="facts mini-facts">
        <div>
          <dt>{t('accountRoom.wonTotal')}</dt>
          <dd className="fact-amount">{format.money(purchase.wonTotal, purchase.currency)}</dd>
        </div>
        <div>
          <dt>{t('accountRoom.firstOrder')}</dt>
          <dd>{format.date(purchase.firstOrderAt)}</dd>
        </div>
        <div>
          <dt>{t('accountRoom.lastOrder')}</dt>
          <dd>{format.date(purchase.lastOrderAt)}</dd>
        </div>
      </dl>
      {purchase.orders.length === 0 ? (
        <p className="muted small">{t('accountRoom.noOrders')}</p>
      ) : (
        <ol className="orders">
          {[...purchase.orders].reverse().map((order) => (
            <li key={order.dealId}>
              <span className="order-date">{format.date(order.closeDate)}</span>
              {dealsById.get(order.dealId)?.canOpen === false ? <span>{dealsById.get(order.dealId)!.name}</span> : <Link to={`/deals/${order.dealId}/info`}>{dealsById.get(order.dealId)?.name ?? `#${order.dealId}`}</Link>}
              <span className="num strong">{format.money(order.amount, order.currency)}</span>
            </li>
          ))}
        </ol>
      )}
      {purchase.leftOut.length > 0 && (
        <p className="sums-note left-out" role="note">
          {t('accounts.leftOut', { base: purchase.currency, currencies: purchase.leftOut.join(', ') })}
        </p>
      )}
    </section>
  );
}

/** Every deal of the account, open first, with a total per status in the account's base currency where it can. */
export function DealsCard({ room, actions, children }: { room: RoomData; actions?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groups = (['open', 'won', 'lost'] as const).map((status) => ({ status, deals: room.deals.filter((deal) => deal.status === status), total: room.dealTotals[status] }));
  const leftOut = [...new Set(groups.flatMap((group) => group.total.leftOut))].sort();
  return (
    <section className="card room-card" aria-labelledby="deals-title" data-testid="account-deals">
      <div className="room-card-head">
        <h2 className="card-title" id="deals-title">
          {t('accountRoom.deals')}
        </h2>
        <div className="room-card-actions">{actions}</div>
      </div>
      {children}
      {room.hiddenDeals > 0 && <p className="muted small">{t('accountRoom.hiddenDeals', { count: room.hiddenDeals })}</p>}
      {room.deals.length === 0 ? (
        <p className="muted small">{t('accountRoom.noDeals')}</p>
      ) : (
        groups
          .filter((group) => group.deals.length > 0)
          .map((group) => (
            <div key={group.status} className="deal-group" data-status={group.status}>
              <h3 className="deal-group-title">
                <StatusBadge status={group.status} /> <span className="muted small">{group.deals.length}</span>
                <span className="deal-group-total" title={group.total.leftOut.length > 0 ? t('accountRoom.totalLeftOut', { currencies: group.total.leftOut.join(', ') }) : undefined}>
                  {format.money(group.total.amount, group.total.currency)}
                  {group.total.leftOut.length > 0 && ' *'}
                </span>
              </h3>
              <ul className="account-deal-list">
                {group.deals.map((deal) => (
                  <li key={deal.id} data-deal-id={deal.id}>
                    {deal.canOpen ? (
                      <Link to={`/deals/${deal.id}/info`} className="deal-link">
                        {deal.name}
                      </Link>
                    ) : (
                      <span className="deal-link" title={t('accountRoom.notYourDeal')}>
                        {deal.name}
                      </span>
                    )}
                    <StageBadge stage={deal.stage} />
                    <span className="muted small">{format.date(deal.closeDate)}</span>
                    {deal.ownerName && <span className="muted small">{deal.ownerName}</span>}
                    <span className="num strong">{format.money(deal.amount, deal.currency)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))
      )}
      {leftOut.length > 0 && (
        <p className="sums-note left-out" role="note">
          * {t('accounts.leftOut', { base: room.purchase.currency, currencies: leftOut.join(', ') })}
        </p>
      )}
    </section>
  );
}
