import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { coveragePoints } from './changeText';

/** ▲ +6 / ▼ −3 / → 0: how support coverage moved over the period. */
export function CoverageArrow({ delta, from, to, large = false }: { delta: number; from: number; to: number; large?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const points = coveragePoints(delta);
  const direction = points > 0 ? 'up' : points < 0 ? 'down' : 'same';
  const label = direction === 'up' ? t('standup.coverageUp', { delta: points }) : direction === 'down' ? t('standup.coverageDown', { delta: -points }) : t('standup.coverageSame');
  return (
    <span className={`coverage-arrow coverage-${direction}${large ? ' large' : ''}`} title={t('standup.coverageFromTo', { from: format.percent(from), to: format.percent(to) })} data-testid="coverage-delta" data-delta={delta}>
      <span aria-hidden="true" className="coverage-arrow-glyph">
        {direction === 'up' ? '▲' : direction === 'down' ? '▼' : '→'}
      </span>
      <span aria-hidden="true">{points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0'}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
