import { useTranslation } from 'react-i18next';
import { COMPETITORS_POINT, NEXT_STEPS_POINT, SUCCESS_FACTORS_POINT } from '../../../../shared/domain';
import { useDealRoomData } from '../deal-room/useDealRoom';
import { ExternalAlliesPanel } from '../external-allies/ExternalAlliesPanel';
import { CompetitorsList } from './CompetitorsList';
import { InfoPointCard } from './InfoPointCard';
import { NextStepsList } from './NextStepsList';
import { SuccessFactorsList } from './SuccessFactorsList';

export default function NinePointsTab() {
  const { t } = useTranslation();
  const room = useDealRoomData();
  const confirmed = room.infoPoints.filter((p) => p.status === 'confirmed').length;
  return (
    <div className="nine-points">
      <div className="section-head">
        <h2>{t('infoPoints.title')}</h2>
        <div className="progress-inline" aria-label={t('infoPoints.progress', { confirmed, total: 9 })}>
          <div className="progress-bar">
            <span style={{ width: `${(confirmed / 9) * 100}%` }} />
          </div>
          <span>{t('infoPoints.progress', { confirmed, total: 9 })}</span>
        </div>
      </div>
      <div className="points-grid">
        {room.infoPoints.map((point) => (
          <InfoPointCard key={point.id} point={point} dealId={room.deal.id} stakeholders={room.stakeholders} settings={room.settings}>
            {point.point === NEXT_STEPS_POINT && <NextStepsList dealId={room.deal.id} steps={room.nextSteps} />}
            {point.point === COMPETITORS_POINT && <CompetitorsList dealId={room.deal.id} competitors={room.competitors} stakeholders={room.stakeholders} />}
            {point.point === SUCCESS_FACTORS_POINT && <SuccessFactorsList dealId={room.deal.id} factors={room.successFactors} />}
          </InfoPointCard>
        ))}
      </div>
      {/* Point 7 asks what each side can bring; the allies outside the customer are part of our side. */}
      <ExternalAlliesPanel accountId={room.deal.accountId} accountName={room.deal.accountName} />
    </div>
  );
}
