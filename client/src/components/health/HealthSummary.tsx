// The deal room's verdict and the risk-flag chips, apart from the badge and marks the pipeline shows: the first page does not load them.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { THRESHOLD_KEYS, type Stage, type ThresholdKey } from '../../../../shared/domain';
import { dueThresholds, type Health, type RiskFlag } from '../../../../shared/scoring';
import type { ThresholdSettings } from '../../../../shared/settings';
import { useFormat } from '../../lib/format';
import { HealthBadge, useScoringText } from './Health';
import './health.css';

/**
 * The deal room's verdict: status, the three thresholds with the stage each is
 * expected by and, on demand, every reason it is not crossed; then the risk flags.
 */
export function HealthSummary({ health, stage, settings, flags }: { health: Health; stage: Stage; settings: ThresholdSettings | undefined; flags?: ReactNode }) {
  const { t } = useTranslation();
  const text = useScoringText();
  const [open, setOpen] = useState<ThresholdKey | null>(null);
  const due = new Set(settings ? dueThresholds(stage, settings) : []);
  return (
    <section className="health-summary" aria-label={t('health.title')} data-testid="health-summary">
      <div className="health-head">
        <HealthBadge status={health.status} large />
        <span className="muted">{t('health.crossedOf', { count: health.crossed })}</span>
      </div>
      <ul className="threshold-list">
        {THRESHOLD_KEYS.map((key) => {
          const result = health.thresholds[key];
          const isOpen = open === key && !result.passed;
          return (
            <li key={key}>
              <button
                type="button"
                className={`threshold-row ${result.passed ? 'passed' : 'failed'}${isOpen ? ' open' : ''}`}
                aria-expanded={result.passed ? undefined : isOpen}
                aria-controls={isOpen ? 'threshold-reasons' : undefined}
                disabled={result.passed}
                onClick={() => setOpen(isOpen ? null : key)}
                data-testid={`threshold-${key}`}
                data-passed={result.passed}
                title={settings ? t('health.expectedBy', { stage: t(`stage.${settings.stageExpectations[key]}`) }) : undefined}
              >
                <span className="threshold-icon" aria-hidden="true">{result.passed ? '✓' : '✗'}</span>
                <strong className="threshold-name">{t(`threshold.${key}`)}</strong>
                <span className="threshold-state small">
                  {result.passed ? t('health.crossed') : t('health.reasonCount', { count: result.details.length })}
                  {due.has(key) && !result.passed && <span className="due-tag">{t('health.due')}</span>}
                  {!result.passed && <span className="chevron" aria-hidden="true">{isOpen ? '▾' : '▸'}</span>}
                </span>
              </button>
              {isOpen && (
                <ul className="threshold-reasons" id="threshold-reasons" data-testid="threshold-reasons">
                  {result.details.map((detail, index) => (
                    <li key={index}>{text(detail)}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {/* The deal room passes its own list (with snooze actions); elsewhere the plain chips. */}
      {flags ?? (health.flags.length > 0 && (
        <ul className="risk-flags" aria-label={t('health.flags')} data-testid="risk-flags">
          {health.flags.map((flag) => (
            <FlagChip key={flag.code} flag={flag} />
          ))}
        </ul>
      ))}
    </section>
  );
}

/** One flag; a snoozed one is dimmed and says until when, why and who (SPEC §10), so it never alarms. */
export function FlagChip({ flag, children }: { flag: RiskFlag; children?: ReactNode }) {
  const { t } = useTranslation();
  const text = useScoringText();
  const format = useFormat();
  const { snoozed } = flag;
  return (
    <li className={`flag-chip severity-${flag.severity}${snoozed ? ' snoozed' : ''}`} title={text(flag)} data-code={flag.code} data-snoozed={snoozed ? 'true' : undefined}>
      <span className="flag-title">{t(`scoring:flagTitle.${flag.code}`)}</span>
      <span className="flag-text">{text(flag)}</span>
      {snoozed && (
        <span className="flag-snoozed" data-testid="flag-snoozed">
          {t('health.snoozedNote', { date: format.date(snoozed.until), reason: snoozed.reason, by: snoozed.by })}
        </span>
      )}
      {children}
    </li>
  );
}
