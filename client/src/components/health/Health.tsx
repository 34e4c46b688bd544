import { useTranslation } from 'react-i18next';
import { THRESHOLD_KEYS, type HealthStatus } from '../../../../shared/domain';
import type { Health, ScoringMessage } from '../../../../shared/scoring';
import './health.css';

/** Reasons and flags travel as i18n keys with parameters, so they read in the viewer's language. */
export function useScoringText() {
  const { t } = useTranslation();
  return (message: ScoringMessage) => t(`scoring:${message.key}`, message.params);
}

export function HealthBadge({ status, large = false }: { status: HealthStatus; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`health-badge health-${status}${large ? ' large' : ''}`} data-testid="health-status" data-status={status}>
      <span className="health-dot" aria-hidden="true" />
      {t(`scoring:status.${status}`)}
    </span>
  );
}

/** The three thresholds as three marks: filled when crossed. Hover (or focus) shows the reasons. */
export function ThresholdMarks({ health }: { health: Pick<Health, 'thresholds' | 'crossed'> }) {
  const { t } = useTranslation();
  const text = useScoringText();
  return (
    <span className="threshold-marks" role="img" aria-label={t('health.crossedOf', { count: health.crossed })} data-testid="threshold-marks">
      {THRESHOLD_KEYS.map((key) => {
        const result = health.thresholds[key];
        const title = [t(`threshold.${key}`), ...result.details.map(text)].join('\n');
        return (
          <span key={key} className={`threshold-mark ${result.passed ? 'passed' : 'failed'}`} title={title} data-threshold={key} data-passed={result.passed}>
            {t(`health.short.${key}`)}
          </span>
        );
      })}
    </span>
  );
}
