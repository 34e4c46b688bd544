import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';

/**
 * The one tap to "Log a meeting": a button in the header on a wide screen, a round button
 * under the thumb (bottom right) on a phone. In a deal room it opens the form on that deal.
 */
export function LogMeetingLink() {
  const { t } = useTranslation();
  const [pathname] = useLocation();
  const deal = /^\/deals\/(\d+)/.exec(pathname)?.[1];
  if (/\/log$/.test(pathname)) return null;
  return (
    <Link to={deal ? `/deals/${deal}/log` : '/log'} className="log-meeting-link" data-testid="log-meeting-link" aria-label={t('sync.logMeeting')}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 5v14M5 12h14" />
      </svg>
      <span>{t('sync.logMeeting')}</span>
    </Link>
  );
}
