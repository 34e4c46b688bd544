import { useTranslation } from 'react-i18next';
import type { AccountTier, DealStatus, Stage } from '../../../shared/domain';

export function TierBadge({ tier }: { tier: AccountTier }) {
  const { t } = useTranslation();
  return (
    <span className={`badge tier tier-${tier}`} title={t(`tier.${tier}.hint`)}>
      {tier} · {t(`tier.${tier}.name`)}
    </span>
  );
}

export function StageBadge({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return <span className={`badge stage stage-${stage}`}>{t(`stage.${stage}`)}</span>;
}

export function StatusBadge({ status }: { status: DealStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status status-${status}`}>{t(`dealStatus.${status}`)}</span>;
}
