import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext, type CSSProperties } from 'react';
import { STANCE_COLOR } from '../stance';
import type { StakeholderNodeType } from '../types';
import { FarZoomContext, useCardText } from './cardText';
import { CoachIntelLine } from './CoachIntelLine';

/** One card per stakeholder. Memoised: React Flow re-renders only the cards whose data changed. */
export const StakeholderNode = memo(function StakeholderNode({ data, selected }: NodeProps<StakeholderNodeType>) {
  const text = useCardText();
  const far = useContext(FarZoomContext);
  const { person, daysSinceContact, left, coach } = data;
  const stance = text.stance[person.stance];
  const contact = daysSinceContact === null ? text.neverContacted : text.daysAgo(daysSinceContact);
  const isFinal = person.decisionRole === 'final_decision_maker';
  const leftLabel = left ? text.leftOnDate(person.leftAt) : null;
  return (
    <div
      className={`sh-node stance-${person.stance}${selected ? ' selected' : ''}${left ? ' left' : ''}`}
      style={{ '--stance': STANCE_COLOR[person.stance] } as CSSProperties}
      data-testid="stakeholder-node"
      data-left={left || undefined}
      title={[person.name, person.title, leftLabel, stance, `${text.lastContact}: ${contact}`].filter(Boolean).join('\n')}
    >
      <Handle type="target" position={Position.Top} className="sh-handle" />
      <div className="sh-name">{person.name}</div>
      {/* Zoomed out, the name alone (the rest would be a few pixels tall). */}
      {!far && (
        <>
          <div className="sh-title">{person.title || person.department || '—'}</div>
          <div className="sh-meta">
            {text.level[person.level]}
            {/* The final decision-maker's role is their badge below. */}
            {!isFinal && ` · ${text.decisionRole[person.decisionRole]}`}
          </div>
          <div className="sh-row">
            {/* One element, its dots drawn by CSS (--influence of them dark): a card is drawn 300 times on a big map. */}
            <span className="sh-influence" role="img" aria-label={text.influenceOf(person.influence)} style={{ '--influence': person.influence } as CSSProperties} />
            <span className={`sh-contact${daysSinceContact === null ? ' never' : ''}`} aria-label={`${text.lastContact}: ${contact}`}>
              {daysSinceContact === null ? text.never : text.daysShort(daysSinceContact)}
            </span>
          </div>
          {coach && <CoachIntelLine intel={coach} />}
          <div className="sh-badges">
            {/* Someone who left stays on the map, badged: the history around them still matters. */}
            {leftLabel && (
              <span className="sh-badge left" role="img" aria-label={leftLabel}>
                {text.left}
              </span>
            )}
            {/* The stance pill doubles as the ally badge: an ally's pill is the solid green one with a star. */}
            <span className={`sh-stance${person.stance === 'ally' ? ' sh-badge ally' : ''}`}>
              {person.stance === 'ally' && <span aria-hidden="true">★ </span>}
              {stance}
            </span>
            {isFinal && <span className="sh-badge fdm">{text.fdm}</span>}
            {person.isCoach && <span className="sh-badge coach">{text.coach}</span>}
          </div>
        </>
      )}
      <Handle type="source" position={Position.Bottom} className="sh-handle" />
    </div>
  );
});
