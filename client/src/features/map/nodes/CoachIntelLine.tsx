import { useTranslation } from 'react-i18next';
import type { CoachIntel } from './cardFacts';

/**
 * A coach is worth what they tell us (SPEC §10): one compact line on their card with the
 * age of their last intelligence, in the warning colour once they count as silent.
 */
export function CoachIntelLine({ intel }: { intel: CoachIntel }) {
  const { t } = useTranslation();
  const text = intel.days === null ? t('coachIntel.card.never') : intel.silent ? t('coachIntel.card.silent', { count: intel.days }) : t('coachIntel.card.lastIntel', { count: intel.days });
  return (
    <div className={`sh-intel${intel.silent ? ' silent' : ''}`} data-testid="coach-intel">
      {intel.silent && <span aria-hidden="true">⚠ </span>}
      {text}
    </div>
  );
}
