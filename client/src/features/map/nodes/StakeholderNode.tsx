import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { INFLUENCE_MAX } from '../../../../../shared/domain';
import { useFormat } from '../../../lib/format';
import { STANCE_COLOR } from '../stance';
import type { StakeholderNodeType } from '../types';
import { CoachIntelLine } from './CoachIntelLine';

const MARKS = Array.from({ length: INFLUENCE_MAX }, (_, index) => index + 1);

/** One card per stakeholder. Memoised: React Flow re-renders only the cards whose data changed. */
export const StakeholderNode = memo(function StakeholderNode({ data, selected }: NodeProps<StakeholderNodeType>) {
  const { t } = useTranslation();
  const format = useFormat();
  const { person, daysSinceContact, left, coach } = data;
  const stance = t(`stance.${person.stance}`);
  const contact = daysSinceContact === null ? t('map.neverContacted') : t('map.daysAgo', { count: daysSinceContact });
  const isFinal = person.decisionRole === 'final_decision_maker';
  const leftLabel = left ? t('leftCustomer.onDate', { date: format.date(person.leftAt) }) : null;
  return (
    <div
      className={`sh-node stance-${person.stance}${selected ? ' selected' : ''}${left ? ' left' : ''}`}
      style={{ '--stance': STANCE_COLOR[person.stance] } as CSSProperties}
      data-testid="stakeholder-node"
      data-left={left || undefined}
      title={[person.name, person.title, leftLabel, stance, `${t('map.lastContact')}: ${contact}`].filter(Boolean).join('\n')}
    >
      <Handle type="target" position={Position.Top} className="sh-handle" />
      <div className="sh-name">{person.name}</div>
      <div className="sh-title">{person.title || person.department || '—'}</div>
      <div className="sh-meta">
        {t(`level.${person.level}`)}
        {/* The final decision-maker's role is their badge below. */}
        {!isFinal && ` · ${t(`decisionRole.${person.decisionRole}`)}`}
      </div>
      <div className="sh-row">
        <span className="sh-influence" role="img" aria-label={t('map.influenceOf', { value: person.influence })}>
          {MARKS.map((mark) => (
            <i key={mark} className={mark <= person.influence ? 'on' : undefined} />
          ))}
        </span>
        <span className={`sh-contact${daysSinceContact === null ? ' never' : ''}`} aria-label={`${t('map.lastContact')}: ${contact}`}>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="8" cy="8" r="6.5" />
            <path d="M8 4.5V8l2.5 1.5" />
          </svg>
          {daysSinceContact === null ? t('map.never') : t('map.daysShort', { count: daysSinceContact })}
        </span>
      </div>
      {coach && <CoachIntelLine intel={coach} />}
      <div className="sh-badges">
        {/* Someone who left stays on the map, badged: the history around them still matters. */}
        {leftLabel && (
          <span className="sh-badge left" role="img" aria-label={leftLabel}>
            {t('leftCustomer.badge')}
          </span>
        )}
        {/* The stance pill doubles as the ally badge: an ally's pill is the solid green one with a star. */}
        <span className={`sh-stance${person.stance === 'ally' ? ' sh-badge ally' : ''}`}>
          {person.stance === 'ally' && <span aria-hidden="true">★ </span>}
          {stance}
        </span>
        {isFinal && <span className="sh-badge fdm">{t('map.badge.fdm')}</span>}
        {person.isCoach && <span className="sh-badge coach">{t('map.badge.coach')}</span>}
      </div>
      <Handle type="source" position={Position.Bottom} className="sh-handle" />
    </div>
  );
});
