import { Panel, useReactFlow } from '@xyflow/react';
import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useDealRoomData } from '../deal-room/useDealRoom';
import { loadAutoLayout } from './layout';
import { FIT_VIEW } from './MapCanvas';
import type { AppEdge, AppNode } from './types';
import type { useMapNodes } from './useMapNodes';

interface MapToolbarProps {
  /** The canvas element the PNG is drawn from. */
  canvas: RefObject<HTMLDivElement>;
  /** Saves the given positions; resolves to how many could not be saved. */
  placeAll: ReturnType<typeof useMapNodes>['placeAll'];
  onAddPerson: () => void;
  /** A line for the map's notice strip; null clears it. */
  onNotice: (message: string | null) => void;
  /** Whether the chain to the decision-maker is highlighted, and the switch for it. */
  allyPath: { on: boolean; toggle: () => void };
}

/** Above the map: add a person, arrange everyone by reporting lines, show the path to the decision-maker, export the picture. */
export function MapToolbar({ canvas, placeAll, onAddPerson, onNotice, allyPath }: MapToolbarProps) {
  const { t } = useTranslation();
  const room = useDealRoomData();
  const flow = useReactFlow<AppNode, AppEdge>();
  const [busy, setBusy] = useState<'layout' | 'export' | null>(null);
  const empty = room.stakeholders.length === 0;

  const autoLayout = async () => {
    setBusy('layout');
    onNotice(null);
    try {
      // dagre is only needed here (and on a map nobody has arranged yet): loaded on the first press, not with the map.
      const { layoutMap } = await loadAutoLayout();
      const failed = await placeAll(layoutMap(room.stakeholders, room.relationships));
      if (failed > 0) onNotice(t('map.layoutPartly', { count: failed }));
      window.requestAnimationFrame(() => void flow.fitView({ ...FIT_VIEW, duration: 300 }));
    } catch {
      onNotice(t('map.layoutFailed'));
    } finally {
      setBusy(null);
    }
  };

  const exportPng = async () => {
    if (!canvas.current) return;
    setBusy('export');
    onNotice(null);
    try {
      // html-to-image is only needed here: loaded on the first export, not with the map.
      const { exportMapPng, mapFileName } = await import('./exportPng');
      await exportMapPng(canvas.current, flow.getNodes(), mapFileName(room.deal.name));
    } catch {
      onNotice(t('map.exportFailed'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Panel position="top-left" className="map-toolbar">
      <button type="button" className="btn btn-primary btn-small" onClick={onAddPerson}>
        {t('map.addPerson')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => void autoLayout()} disabled={busy !== null || empty} title={t('map.autoLayoutHint')}>
        {busy === 'layout' ? t('map.arranging') : t('map.autoLayout')}
      </button>
      <button type="button" className={`btn btn-small${allyPath.on ? ' btn-pressed' : ''}`} onClick={allyPath.toggle} disabled={empty} aria-pressed={allyPath.on} title={t('map.allyPath.hint')}>
        {t('map.allyPath.button')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => void exportPng()} disabled={busy !== null || empty}>
        {busy === 'export' ? t('map.exporting') : t('map.exportPng')}
      </button>
    </Panel>
  );
}
