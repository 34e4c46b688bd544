import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { STANCE_COLOR } from '../stance';
import type { StakeholderNodeType } from '../types';

/** One card per stakeholder. Memoised: React Flow re-renders only the cards whose data changed. */
export const StakeholderNode = memo(function StakeholderNode({ data, selected }: NodeProps<StakeholderNodeType>) {
  const { t } = useTranslation();
  const { person, daysSinceContact } = data;
  const color = STANCE_COLOR[person.stance];
  return (
    <div
      className={`sh-node stance-${person.stance}${selected ? ' selected' : ''}`}
      style={{ borderColor: color }}
      data-testid="stakeholder-node"
      aria-label={`${person.name}, ${person.title ?? ''}, ${t(`stance.${person.stance}`)}`}
    >
      <Handle type="target" position={Position.Top} className="sh-handle" />
      <div className="sh-stance" style={{ background: color }}>
        {t(`stance.${person.stance}`)}
      </div>
      <div className="sh-name" title={person.name}>
        {person.name}
      </div>
      <div className="sh-title" title={person.title ?? undefined}>
        {person.title || t(`level.${person.level}`)}
      </div>
      <div className="sh-row">
        <span className="sh-influence" aria-label={t('map.influenceOf', { value: person.influence })} title={t('map.influenceOf', { value: person.influence })}>
          {[1, 2, 3, 4, 5].map((mark) => (
            <i key={mark} className={mark <= person.influence ? 'on' : undefined} />
          ))}
        </span>
        <span className="sh-contact" title={t('map.lastContact')}>
          {daysSinceContact === null ? t('map.neverContacted') : t('map.daysAgo', { count: daysSinceContact })}
        </span>
      </div>
      <div className="sh-badges">
        {person.decisionRole === 'final_decision_maker' && <span className="sh-badge fdm">{t('map.badge.fdm')}</span>}
        {person.isCoach && <span className="sh-badge coach">{t('map.badge.coach')}</span>}
        {person.stance === 'ally' && <span className="sh-badge ally">{t('map.badge.ally')}</span>}
        {person.decisionRole !== 'final_decision_maker' && <span className="sh-role">{t(`decisionRole.${person.decisionRole}`)}</span>}
      </div>
      <Handle type="source" position={Position.Bottom} className="sh-handle" />
    </div>
  );
});
