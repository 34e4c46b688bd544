import type { CSSProperties } from 'react';

type Size = { width: number; height: number };

const FONT_SIZE = 12;
const PADDING = { x: 5, y: 2 };
const sizes = new Map<string, Size>();
let canvas: CanvasRenderingContext2D | null | undefined;

/**
 * A label's box from the font, once per distinct text (a map has three: one per kind). React Flow's
 * own edge label measures each one in an effect with `getBBox()` and renders again: on a map with 450
 * relationships that forced layout and a second render of every label, ~300 ms of the first paint.
 */
function measure(text: string): Size {
  let size = sizes.get(text);
  if (!size) {
    canvas ??= document.createElement('canvas').getContext('2d');
    if (canvas) {
      canvas.font = `700 ${FONT_SIZE}px ${getComputedStyle(document.body).fontFamily}`;
      const metrics = canvas.measureText(text);
      size = { width: metrics.width, height: metrics.fontBoundingBoxAscent + metrics.fontBoundingBoxDescent };
    } else {
      size = { width: text.length * FONT_SIZE * 0.6, height: FONT_SIZE * 1.2 };
    }
    sizes.set(text, size);
  }
  return size;
}

/** A relationship's word on a white pill, centred on (x, y); the classes are React Flow's, so its styles and ours apply. */
export function EdgeLabel({ x, y, text, color }: { x: number; y: number; text: string; color: string }) {
  const { width, height } = measure(text);
  const textStyle: CSSProperties = { fill: color, fontWeight: 700, fontSize: FONT_SIZE };
  return (
    <g transform={`translate(${x - width / 2} ${y - height / 2})`} className="react-flow__edge-textwrapper">
      <rect x={-PADDING.x} y={-PADDING.y} width={width + 2 * PADDING.x} height={height + 2 * PADDING.y} rx={4} ry={4} className="react-flow__edge-textbg" style={{ fill: '#fff', fillOpacity: 0.95 }} />
      <text className="react-flow__edge-text" y={height / 2} dy="0.3em" style={textStyle}>
        {text}
      </text>
    </g>
  );
}
