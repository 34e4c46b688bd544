import { useTranslation } from 'react-i18next';
import { THRESHOLD_KEYS, type ThresholdKey } from '../../../../shared/domain';

/**
 * The three thresholds as a closed deal had them when it closed (SPEC §10): the same
 * marks as a live deal's, read from the record kept at the close instead of today's score.
 */
export function ClosedThresholdMarks({ crossed }: { crossed: Record<ThresholdKey, boolean> }) {
  const { t } = useTranslation();
  const missing = THRESHOLD_KEYS.filter((key) => !crossed[key]).map((key) => t(`threshold.${key}`));
  const label = missing.length === 0 ? t('losses.allCrossedAtClose') : t('losses.missingAtClose', { thresholds: missing.join(', ') });
  return (
    <span className="threshold-marks" role="img" aria-label={label} title={label} data-testid="closed-thresholds">
      {THRESHOLD_KEYS.map((key) => (
        <span key={key} className={`threshold-mark ${crossed[key] ? 'passed' : 'failed'}`} data-threshold={key} data-passed={crossed[key]}>
          {t(`health.short.${key}`)}
        </span>
      ))}
    </span>
  );
}
