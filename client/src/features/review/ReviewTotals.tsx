import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { THRESHOLD_KEYS, type HealthStatus } from '../../../../shared/domain';
import { HealthBadge } from '../../components/health/Health';
import { useFormat } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';

interface Props {
  groups: readonly Exclude<HealthStatus, 'closed'>[];
  teamId: number | undefined;
  /** The health the list is narrowed to; a tile turns it on and off. */
  health: HealthStatus | undefined;
  onHealth: (health: HealthStatus | undefined) => void;
}

/**
 * The review's header (SPEC §13): counts from `review.summary`, one grouped query on the
 * server, for the whole team (or every team the user sees) — never a count of the rows
 * loaded so far, which a paged list cannot give.
 */
export function ReviewTotals({ groups, teamId, health, onHealth }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const summary = useQuery(trpc.review.summary.queryOptions(teamId === undefined ? undefined : { teamId }));
  if (!summary.data) return null;
  const { byStatus, missing, open } = summary.data;
  return (
    <section aria-label={t('review.totals')} data-testid="review-summary">
      <div className="review-totals" data-testid="review-totals">
        {groups.map((status) => (
          <button key={status} type="button" className={`review-total total-${status}`} aria-pressed={health === status} onClick={() => onHealth(health === status ? undefined : status)} data-status={status}>
            <HealthBadge status={status} />
            <span className="review-total-amount" data-testid="review-total-count">
              {format.count(byStatus[status])}
            </span>
            <span className="review-total-count">{t('review.ofOpen', { count: open, open: format.count(open) })}</span>
          </button>
        ))}
      </div>
      <p className="review-missing muted small" data-testid="review-missing">
        <strong>{t('review.missingTitle')}</strong>{' '}
        {THRESHOLD_KEYS.map((key) => (
          <span key={key} className="review-missing-item" data-threshold={key}>
            {t(`threshold.${key}`)} <strong>{format.count(missing[key])}</strong>
          </span>
        ))}
      </p>
    </section>
  );
}
