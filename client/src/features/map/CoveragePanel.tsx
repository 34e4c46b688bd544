import { useTranslation } from 'react-i18next';
import { LEVELS } from '../../../../shared/domain';
import { computeCoverage, presentPeople, rankKeyPeople } from '../../../../shared/scoring';
import { useFormat } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { STANCE_COLOR } from './stance';
import type { StakeholderRow } from './types';

const KEY_PEOPLE_SHOWN = 8;

/**
 * The §4 coverage figures, computed by the same shared functions the server uses: people who
 * left the customer count for nothing, and a level with nobody mapped fails as the threshold does.
 */
export function CoveragePanel({ stakeholders, onSelect }: { stakeholders: StakeholderRow[]; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const present = presentPeople(stakeholders, new Date(now));
  const coverage = computeCoverage(present);
  const ranking = rankKeyPeople(present).slice(0, KEY_PEOPLE_SHOWN);
  const figures = [
    { key: 'influence', value: format.percent(coverage.influence), ratio: coverage.influence },
    { key: 'headcount', value: format.percent(coverage.headcount), ratio: coverage.headcount },
    { key: 'net', value: `${coverage.net > 0 ? '+' : ''}${coverage.net.toFixed(2)}`, ratio: (coverage.net + 1) / 2 },
    { key: 'opposition', value: format.percent(coverage.opposition), ratio: coverage.opposition },
  ] as const;
  return (
    <section className="card coverage-panel" aria-label={t('coverage.title')} data-testid="coverage-panel">
      <h2 className="card-title">{t('coverage.title')}</h2>
      <div className="coverage-figures">
        {figures.map((figure) => (
          <div key={figure.key} className={`coverage-figure ${figure.key}`} data-testid={`coverage-${figure.key}`}>
            <span className="figure-value">{figure.value}</span>
            <span className="figure-label">{t(`coverage.${figure.key}`)}</span>
            <span className="figure-bar">
              <span style={{ width: `${Math.round(figure.ratio * 100)}%` }} />
            </span>
          </div>
        ))}
      </div>
      <h3 className="subhead">{t('coverage.breadth')}</h3>
      <ul className="breadth">
        {LEVELS.map((level) => {
          const state = coverage.levels[level];
          return (
            <li key={level} className={state === null ? 'none' : state ? 'yes' : 'no'} data-testid={`breadth-${level}`}>
              <span className="breadth-mark" aria-hidden="true">
                {state === null ? '?' : state ? '✓' : '✗'}
              </span>
              <span>{t(`level.${level}`)}</span>
              <span className="muted small">{state === null ? t('coverage.nobody') : state ? t('coverage.supported') : t('coverage.notSupported')}</span>
              {/* Nobody mapped fails "relationships built" too: say what to look for, in the threshold's own words. */}
              {state === null && <span className="breadth-ask small">{t(`scoring:reason.relationships.nobodyAt.${level}`)}</span>}
            </li>
          );
        })}
      </ul>
      <h3 className="subhead">{t('coverage.keyPeople')}</h3>
      {ranking.length === 0 ? (
        <p className="muted small">{t('map.emptyBody')}</p>
      ) : (
        <ol className="key-people">
          {ranking.map((person) => (
            <li key={person.id}>
              <button type="button" className="key-person" onClick={() => onSelect(person.id)}>
                <span className="kp-influence">{person.influence}</span>
                <span className="kp-name">
                  {person.name}
                  {person.isCoach && <span className="badge coach">{t('map.badge.coach')}</span>}
                </span>
                <span className="kp-stance" style={{ '--stance': STANCE_COLOR[person.stance] } as React.CSSProperties}>
                  {t(`stance.${person.stance}`)}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
