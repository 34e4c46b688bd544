import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLatestCallback } from '../../lib/useLatestCallback';
import { useFormat } from '../../lib/format';

interface Props {
  /** Deals on screen, and how many match the filters on the server. */
  shown: number;
  total: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  /** A compact line (a board column) instead of the page's footer. */
  compact?: boolean;
}

/** Start fetching this far before the end of the list comes into view, so scrolling rarely waits. */
const AHEAD = '600px';

/**
 * The end of a paged list: "Showing 50 of 1,234 deals", a sentinel that asks for the next page
 * as it nears the viewport (IntersectionObserver), and a real button for keyboards and screen
 * readers, which never scroll a sentinel into view on purpose.
 */
export function LoadMore({ shown, total, hasMore, loading, onMore, compact = false }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const sentinel = useRef<HTMLDivElement>(null);
  // The latest callback without re-observing on every render.
  const more = useLatestCallback(onMore);

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasMore || loading) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && more(), { rootMargin: AHEAD });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, loading, more]);

  return (
    <div className={compact ? 'load-more compact' : 'load-more'} data-testid="load-more">
      <p className="muted small" aria-live="polite" data-testid="showing">
        {t('paging.showing', { count: total, shown: format.count(shown), total: format.count(total) })}
      </p>
      {hasMore && (
        <>
          <div ref={sentinel} className="load-more-sentinel" aria-hidden="true" />
          <button type="button" className="btn btn-small" onClick={onMore} disabled={loading}>
            {loading ? t('paging.loading') : t('paging.more')}
          </button>
        </>
      )}
    </div>
  );
}
