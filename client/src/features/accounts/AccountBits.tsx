import { useTranslation } from 'react-i18next';
import { useScoringText } from '../../components/health/Health';
import type { AccountFlagView, AccountHealthStatus, AccountPattern, AccountPhase } from './model';

export function AccountHealthBadge({ status }: { status: AccountHealthStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`health-badge account-health-${status}`} data-testid="account-health" data-status={status}>
      <span className="health-dot" aria-hidden="true" />
      {t(`accountHealth.${status}`)}
    </span>
  );
}

export function PhaseBadge({ phase }: { phase: AccountPhase }) {
  const { t } = useTranslation();
  return (
    <span className={`badge phase phase-${phase}`} title={t(`accountPhaseHint.${phase}`)}>
      {t(`accountPhase.${phase}`)}
    </span>
  );
}

export function PatternText({ pattern }: { pattern: AccountPattern }) {
  const { t } = useTranslation();
  return (
    <span className={`pattern pattern-${pattern}`} title={t(`purchasePatternHint.${pattern}`)}>
      {t(`purchasePattern.${pattern}`)}
    </span>
  );
}

/** A one-off buyer treated like a key account: the badge says what it is, never "key account". */
export function PseudoKeyBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge warn pseudo-key" title={t('pseudoKey.title')} data-testid="pseudo-key">
      {t('pseudoKey.badge')}
    </span>
  );
}

export function useFlagText() {
  const { t } = useTranslation();
  const scoring = useScoringText();
  return {
    title: (flag: AccountFlagView) => t(`accountFlag.${flag.code}`, { defaultValue: flag.code }),
    message: (flag: AccountFlagView) => (flag.key ? scoring({ key: flag.key, params: flag.params ?? {} }) : flag.message),
  };
}

/** The defection watch's flags, each with the sentence a key-account manager can act on. */
export function AccountFlags({ flags, compact = false }: { flags: readonly AccountFlagView[]; compact?: boolean }) {
  const { t } = useTranslation();
  const text = useFlagText();
  if (flags.length === 0) return compact ? null : <p className="muted small">{t('accounts.noFlags')}</p>;
  return (
    <ul className={compact ? 'risk-flags account-flags compact' : 'risk-flags account-flags'} data-testid="account-flags">
      {flags.map((flag) => (
        <li key={flag.code} className={`flag-chip severity-${flag.severity === 'critical' ? 'high' : flag.severity === 'warning' ? 'medium' : flag.severity}`} data-flag={flag.code} title={compact ? text.message(flag) : undefined}>
          <span className="flag-title">{text.title(flag)}</span>
          {!compact && <span className="flag-text">{text.message(flag)}</span>}
        </li>
      ))}
    </ul>
  );
}
