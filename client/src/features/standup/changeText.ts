import { useTranslation } from 'react-i18next';
import { describeChange, type StandupChangeKind, type StandupParams } from '../../../../shared/standup';
import { useFormat } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';

export type StandupDeal = RouterOutputs['standup']['changes'][number];
export type StandupChange = StandupDeal['changes'][number];

/** A change as a sentence in the reader's language (the server's `summary` is English). */
export function useChangeText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (change: { kind: string; params: StandupParams }) => describeChange(t, change, { date: format.date, money: format.money });
}

/** Coverage delta in percentage points, signed: +6, −3, 0. */
export function coveragePoints(delta: number): number {
  return Math.round(delta * 100);
}

/**
 * The changes worth a slide, most telling first: thresholds, stage, people,
 * then the rest; within a rank, in the order they happened.
 */
const RANK: Partial<Record<StandupChangeKind, number>> = {
  thresholdLost: 0,
  thresholdCrossed: 0,
  stageChanged: 1,
  newAlly: 2,
  newCoach: 2,
  coachLost: 2,
  championLeft: 2,
  stanceChanged: 2,
  flagWoke: 3,
  flagSnoozed: 3,
  personLeft: 3,
  nextStepOverdue: 3,
  closeDateChanged: 3,
  amountChanged: 3,
  competitorAdded: 3,
  successFactorsReordered: 4,
  successFactorAdded: 4,
  successFactorRemoved: 4,
  successFactorRenamed: 4,
  infoPointConfirmed: 4,
};
export function topChanges(changes: readonly StandupChange[], limit: number): StandupChange[] {
  return [...changes].sort((a, b) => (RANK[a.kind] ?? 5) - (RANK[b.kind] ?? 5) || a.at.localeCompare(b.at)).slice(0, limit);
}
