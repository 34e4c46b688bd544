import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng } from 'html-to-image';
import { RENDER_ALL_EVENT } from './MapCanvas';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * A big map keeps only the cards on screen in the DOM: ask it for all of them and wait until
 * they are there (a second at most — past that, the export draws what there is).
 */
async function renderEveryCard(container: HTMLElement, count: number): Promise<void> {
  container.dispatchEvent(new CustomEvent(RENDER_ALL_EVENT, { detail: true }));
  for (let frame = 0; frame < 60 && container.querySelectorAll('.react-flow__node').length < count; frame++) await nextFrame();
  // One more frame: the lines are drawn in the commit after their cards.
  await nextFrame();
}

/** Render the whole map (not just what is on screen) to a PNG and download it. */
export async function exportMapPng(container: HTMLElement, nodes: Node[], fileName: string): Promise<string> {
  const viewportElement = container.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportElement || nodes.length === 0) throw new Error('Nothing to export');
  const bounds = getNodesBounds(nodes);
  const width = Math.min(4000, Math.max(800, Math.ceil(bounds.width + 160)));
  const height = Math.min(4000, Math.max(600, Math.ceil(bounds.height + 160)));
  const viewport = getViewportForBounds(bounds, width, height, 0.2, 2, 0.08);
  let dataUrl: string;
  try {
    await renderEveryCard(container, nodes.length);
    dataUrl = await toPng(viewportElement, {
      backgroundColor: '#ffffff',
      width,
      height,
      style: { width: `${width}px`, height: `${height}px`, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` },
    });
  } finally {
    container.dispatchEvent(new CustomEvent(RENDER_ALL_EVENT, { detail: false }));
  }
  const link = document.createElement('a');
  link.download = fileName;
  link.href = dataUrl;
  link.click();
  return dataUrl;
}

export function mapFileName(dealName: string): string {
  const slug = dealName.trim().replace(/[\\/:*?"<>|]+/g, '').replace(/\s+/g, '-');
  return `${slug || 'deal'}-influence-map.png`;
}
