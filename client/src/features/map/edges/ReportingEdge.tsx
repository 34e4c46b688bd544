import { BaseEdge, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { DEFAULT_LAYOUT } from '../layout';
import type { ReportingEdgeType } from '../types';

/**
 * A reporting line, org-chart style: down from the boss, across just under
 * them, down to the report. Bending right under the boss (not halfway) keeps
 * a line that skips a row out of the cards on that row.
 */
export const ReportingEdge = memo(function ReportingEdge({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeProps<ReportingEdgeType>) {
  const bend = targetY > sourceY + DEFAULT_LAYOUT.rowGap ? sourceY + DEFAULT_LAYOUT.rowGap / 2 : undefined;
  const [path] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, borderRadius: 10, centerY: bend });
  return <BaseEdge path={path} className="reports-edge" />;
});
