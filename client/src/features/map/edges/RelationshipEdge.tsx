import { BaseEdge, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo, useContext } from 'react';
import { FarZoomContext } from '../nodes/cardText';
import type { AppNode, RelationshipEdgeType } from '../types';
import { KIND_COLOR } from './buildEdges';
import { EdgeLabel } from './EdgeLabel';

type Point = { x: number; y: number };

/** Where the line from this card's centre towards the other card's centre leaves this card's border. */
function borderPoint(node: InternalNode<AppNode>, towards: Point): Point {
  const width = (node.measured.width ?? node.width ?? 0) / 2;
  const height = (node.measured.height ?? node.height ?? 0) / 2;
  const centre = { x: node.internals.positionAbsolute.x + width, y: node.internals.positionAbsolute.y + height };
  const dx = towards.x - centre.x;
  const dy = towards.y - centre.y;
  if (dx === 0 && dy === 0) return centre;
  const scale = 1 / Math.max(Math.abs(dx) / (width + 4), Math.abs(dy) / (height + 4));
  return { x: centre.x + dx * scale, y: centre.y + dy * scale };
}

const centreOf = (node: InternalNode<AppNode>): Point => ({
  x: node.internals.positionAbsolute.x + (node.measured.width ?? 0) / 2,
  y: node.internals.positionAbsolute.y + (node.measured.height ?? 0) / 2,
});

/**
 * A relationship between two people, drawn card border to card border (not
 * handle to handle) with a slight bow, so it never hides behind a reporting
 * line and two-way relationships stay apart. The label is SVG under the cards,
 * so it can never cover a card.
 */
export const RelationshipEdge = memo(function RelationshipEdge({ source, target, data, markerEnd, selected }: EdgeProps<RelationshipEdgeType>) {
  const from = useInternalNode<AppNode>(source);
  const to = useInternalNode<AppNode>(target);
  const far = useContext(FarZoomContext);
  if (!from || !to || !data) return null;
  const start = borderPoint(from, centreOf(to));
  const end = borderPoint(to, centreOf(from));
  const length = Math.hypot(end.x - start.x, end.y - start.y) || 1;
  const bow = Math.min(40, length * 0.12);
  const control = { x: (start.x + end.x) / 2 - ((end.y - start.y) / length) * bow, y: (start.y + end.y) / 2 + ((end.x - start.x) / length) * bow };
  const path = `M ${start.x},${start.y} Q ${control.x},${control.y} ${end.x},${end.y}`;
  const color = KIND_COLOR[data.kind];
  return (
    <>
      <BaseEdge
        path={path}
        markerEnd={markerEnd}
        interactionWidth={16}
        className={`relationship-edge kind-${data.kind}${selected ? ' selected' : ''}`}
        style={{ stroke: color, strokeWidth: (selected ? 1.5 : 0.5) + data.strength * 1.1 }}
      />
      {/* Between two cards side by side there is no room for words, nor zoomed out: the colour and the legend say it. */}
      {!far && length > 64 && <EdgeLabel x={0.25 * start.x + 0.5 * control.x + 0.25 * end.x} y={0.25 * start.y + 0.5 * control.y + 0.25 * end.y} text={data.label} color={color} />}
    </>
  );
});
