import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng } from 'html-to-image';

/** Render the whole map (not just what is on screen) to a PNG and download it. */
export async function exportMapPng(container: HTMLElement, nodes: Node[], fileName: string): Promise<string> {
  const viewportElement = container.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportElement || nodes.length === 0) throw new Error('Nothing to export');
  const bounds = getNodesBounds(nodes);
  const width = Math.min(4000, Math.max(800, Math.ceil(bounds.width + 160)));
  const height = Math.min(4000, Math.max(600, Math.ceil(bounds.height + 160)));
  const viewport = getViewportForBounds(bounds, width, height, 0.2, 2, 0.08);
  const dataUrl = await toPng(viewportElement, {
    backgroundColor: '#ffffff',
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` },
  });
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
