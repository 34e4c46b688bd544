import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { THRESHOLD_KEYS } from '../../../../shared/domain';
import { CHANGE_TONE, type StandupChangeKind } from '../../../../shared/standup';
import { StageBadge } from '../../components/Badges';
import { HealthBadge, useScoringText } from '../../components/health/Health';
import { useFormat } from '../../lib/format';
import { topChanges, useChangeText, type StandupDeal } from './changeText';
import { CoverageArrow } from './CoverageArrow';

/** As many changes as a projector slide holds at a readable size. */
const SLIDE_CHANGES = 7;

/**
 * Presenter mode: one deal per slide, large type for a projector, in full
 * screen when the browser allows it. → / space / PageDown step on, ← / PageUp
 * step back, Esc leaves (leaving full screen leaves too).
 */
export default function Presenter({ deals, onClose }: { deals: StandupDeal[]; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(0);
  const total = deals.length;
  const current = Math.min(index, total - 1);
  const deal = deals[current]!;

  useEffect(() => {
    const overlay = ref.current;
    overlay?.focus();
    let entered = false;
    const onFullscreenChange = () => {
      if (document.fullscreenElement) entered = true;
      else if (entered) onClose();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    if (overlay && typeof overlay.requestFullscreen === 'function' && !document.fullscreenElement) {
      overlay.requestFullscreen().catch(() => {
        // Not allowed here (no user gesture, or an embedded frame): the overlay still covers the window.
      });
    }
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [onClose]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const step = { ArrowRight: 1, ' ': 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[event.key];
      if (step !== undefined) {
        event.preventDefault();
        setIndex((i) => Math.max(0, Math.min(total - 1, i + step)));
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        setIndex(event.key === 'Home' ? 0 : total - 1);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [total, onClose]);

  return createPortal(
    <div ref={ref} className="presenter" role="dialog" aria-modal="true" aria-label={t('standup.presenterLabel')} tabIndex={-1} data-testid="presenter">
      <header className="presenter-top">
        <span className="presenter-owner">
          {deal.ownerName} · {deal.accountName}
        </span>
        <span className="presenter-progress" data-testid="presenter-progress" aria-live="polite">
          {t('standup.progress', { current: current + 1, total })}
        </span>
        <button type="button" className="presenter-exit" onClick={onClose} aria-label={t('standup.exit')} title={t('standup.exit')}>
          ✕
        </button>
      </header>
      <Slide key={deal.dealId} deal={deal} />
      <footer className="presenter-bottom">
        <button type="button" className="presenter-nav" onClick={() => setIndex(current - 1)} disabled={current === 0} aria-label={t('standup.previous')}>
          ←
        </button>
        <div className="presenter-bar" aria-hidden="true">
          <span style={{ width: `${((current + 1) / total) * 100}%` }} />
        </div>
        <span className="presenter-hint">{t('standup.keysHint')}</span>
        <button type="button" className="presenter-nav" onClick={() => setIndex(current + 1)} disabled={current === total - 1} aria-label={t('standup.next')}>
          →
        </button>
      </footer>
    </div>,
    document.body,
  );
}

function Slide({ deal }: { deal: StandupDeal }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useChangeText();
  const scoringText = useScoringText();
  const shown = topChanges(deal.changes, SLIDE_CHANGES);
  const more = deal.changes.length - shown.length;
  return (
    <main className="presenter-slide" data-testid="presenter-slide" data-deal-id={deal.dealId}>
      <h1 className="presenter-title">{deal.dealName}</h1>
      <div className="presenter-facts">
        <StageBadge stage={deal.stage} />
        <HealthBadge status={deal.health.status} large />
        <span className="presenter-amount">{format.money(deal.amount, deal.currency)}</span>
        <span className="presenter-coverage">
          <CoverageArrow delta={deal.coverageDelta} from={deal.coverage.since} to={deal.coverage.until} large />
          <span className="presenter-coverage-text">{t('standup.coverageFromTo', { from: format.percent(deal.coverage.since), to: format.percent(deal.coverage.until) })}</span>
        </span>
      </div>
      <div className="presenter-grid">
        <section className="presenter-panel" aria-label={t('standup.thresholds')}>
          <h2 className="presenter-panel-title">{t('standup.thresholds')}</h2>
          <ul className="presenter-thresholds">
            {THRESHOLD_KEYS.map((key) => {
              const { passed, details } = deal.health.thresholds[key];
              return (
                <li key={key} className={passed ? 'passed' : 'failed'} data-threshold={key} data-passed={passed}>
                  <span className="presenter-threshold-icon" aria-hidden="true">
                    {passed ? '✓' : '✗'}
                  </span>
                  <span>
                    <span className="presenter-threshold-name">{t(`threshold.${key}`)}</span>
                    {/* Not crossed: the first reason is what the team discusses — the next thing to do. */}
                    {!passed && details[0] ? (
                      <span className="presenter-threshold-reason">{scoringText(details[0])}</span>
                    ) : (
                      <span className="presenter-threshold-state">{passed ? t('standup.passed') : t('standup.failed')}</span>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
        <section className="presenter-panel" aria-label={t('standup.whatChanged')}>
          <h2 className="presenter-panel-title">{t('standup.whatChanged')}</h2>
          <ul className="presenter-changes">
            {shown.map((change, index) => (
              <li key={index} className={`tone-${CHANGE_TONE[change.kind as StandupChangeKind] ?? 'neutral'}`}>
                {text(change)}
              </li>
            ))}
          </ul>
          {more > 0 && <p className="presenter-more">{t('standup.moreChanges', { count: more })}</p>}
        </section>
      </div>
    </main>
  );
}
