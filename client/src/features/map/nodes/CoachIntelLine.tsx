import type { CoachIntel } from './cardFacts';
import { useCardText } from './cardText';

/**
 * A coach is worth what they tell us (SPEC §10): one compact line on their card with the
 * age of their last intelligence, in the warning colour once they count as silent.
 */
export function CoachIntelLine({ intel }: { intel: CoachIntel }) {
  const words = useCardText();
  const text = intel.days === null ? words.coachNever : intel.silent ? words.coachSilent(intel.days) : words.coachLastIntel(intel.days);
  return (
    <div className={`sh-intel${intel.silent ? ' silent' : ''}`} data-testid="coach-intel">
      {intel.silent && <span aria-hidden="true">⚠ </span>}
      {text}
    </div>
  );
}
