import { useTranslation } from 'react-i18next';
import { THRESHOLD_KEYS } from '../../../../shared/domain';
import { useFormat } from '../../lib/format';
import type { HistoryData } from './describeEvent';

/** "Relationships built — crossed, 3 Nov, by Riley Zhang", newest first, with where the deal stands now. */
export function ThresholdChanges({ data }: { data: HistoryData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const latest = data.snapshots.at(-1);
  return (
    <section className="card history-card history-thresholds" aria-labelledby="history-thresholds-title">
      <h2 className="card-title" id="history-thresholds-title">
        {t('history.thresholdsTitle')}
      </h2>
      {latest && (
        <div className="history-now">
          <span className="small strong">{t('history.now', { crossed: latest.crossed })}</span>
          <ul className="history-now-list">
            {THRESHOLD_KEYS.map((key) => (
              <li key={key} className={latest.thresholds[key] ? 'passed' : 'failed'}>
                <span aria-hidden="true">{latest.thresholds[key] ? '✓' : '○'}</span> {t(`threshold.${key}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {data.thresholdChanges.length === 0 ? (
        <p className="muted small history-none">{t('history.thresholdsEmpty')}</p>
      ) : (
        <ol className="history-threshold-list" data-testid="history-threshold-list">
          {data.thresholdChanges.map((change, index) => (
            <li key={`${change.at}-${change.threshold}-${index}`} className={change.passed ? 'crossed' : 'lost'}>
              <span className={`history-glyph ${change.passed ? 'crossed' : 'lost'}`} aria-hidden="true">
                {change.passed ? '▲' : '▼'}
              </span>
              <div>
                <div className="strong">{t('history.thresholdChange', { threshold: t(`threshold.${change.threshold}`), change: t(change.passed ? 'history.crossed' : 'history.lost') })}</div>
                <div className="muted small">
                  {change.actorName ? t('history.thresholdMeta', { date: format.date(change.at), actor: change.actorName }) : t('history.thresholdMetaNoActor', { date: format.date(change.at) })}
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
