import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { daysSince } from '../../../../shared/dates';
import { hasLeft } from '../../../../shared/scoring/people';
import { useFormat } from '../../lib/format';
import { STANCE_COLOR } from './stance';
import type { StakeholderRow } from './types';

interface PeopleListProps {
  people: readonly StakeholderRow[];
  now: number;
  selectedId: number | null;
  onOpen: (id: number) => void;
  onAddPerson: () => void;
}

/**
 * The map's people as a list of cards, for a phone: the same facts as a card on the canvas
 * (name, title, role, stance, influence, last contact, ally / coach / final-decision-maker)
 * in a column a thumb can scroll. The most influential come first, as in the influence ranking.
 */
export function PeopleList({ people, now, selectedId, onOpen, onAddPerson }: PeopleListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const sorted = [...people].sort((a, b) => b.influence - a.influence || a.name.localeCompare(b.name));
  return (
    <div className="people-list-wrap card" data-testid="people-list">
      <div className="people-list-head">
        <span className="muted small">{t('map.peopleCount', { count: people.length })}</span>
        <button type="button" className="btn btn-primary" onClick={onAddPerson}>
          {t('map.addPerson')}
        </button>
      </div>
      {people.length === 0 ? (
        <div className="people-list-empty">
          <strong>{t('map.emptyTitle')}</strong>
          <p className="muted">{t('map.emptyBody')}</p>
        </div>
      ) : (
        <ul className="people-list">
          {sorted.map((person) => {
            const days = person.lastContactAt ? Math.max(0, daysSince(person.lastContactAt, new Date(now))) : null;
            const isFinal = person.decisionRole === 'final_decision_maker';
            // Someone who left stays listed, greyed and badged, as on the canvas.
            const leftLabel = hasLeft(person, new Date(now)) ? t('leftCustomer.onDate', { date: format.date(person.leftAt) }) : null;
            return (
              <li key={person.id}>
                <button
                  type="button"
                  className={`person-card stance-${person.stance}${person.id === selectedId ? ' selected' : ''}${leftLabel ? ' left' : ''}`}
                  style={{ '--stance': STANCE_COLOR[person.stance] } as CSSProperties}
                  aria-pressed={person.id === selectedId}
                  onClick={() => onOpen(person.id)}
                  data-testid="person-card"
                  data-id={person.id}
                >
                  <span className="person-card-main">
                    <span className="person-card-name">{person.name}</span>
                    <span className="person-card-title">{person.title || person.department || '—'}</span>
                    <span className="person-card-meta">
                      {t(`level.${person.level}`)} · {t(`decisionRole.${person.decisionRole}`)}
                    </span>
                  </span>
                  <span className="person-card-side">
                    <span className="sh-influence" role="img" aria-label={t('map.influenceOf', { value: person.influence })} style={{ '--influence': person.influence } as CSSProperties} />
                    <span className={`person-card-contact${days === null ? ' never' : ''}`} title={t('map.lastContact')}>
                      {days === null ? t('map.neverContacted') : t('map.daysAgo', { count: days })}
                    </span>
                  </span>
                  <span className="person-card-badges">
                    {leftLabel && (
                      <span className="sh-badge left" role="img" aria-label={leftLabel}>
                        {t('leftCustomer.badge')}
                      </span>
                    )}
                    <span className={`kp-stance${person.stance === 'ally' ? ' ally' : ''}`}>
                      {person.stance === 'ally' && <span aria-hidden="true">★</span>}
                      {t(`stance.${person.stance}`)}
                    </span>
                    {isFinal && <span className="sh-badge fdm">{t('map.badge.fdm')}</span>}
                    {person.isCoach && <span className="sh-badge coach">{t('map.badge.coach')}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
