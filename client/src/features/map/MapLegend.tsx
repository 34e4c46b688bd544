import { Panel } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIP_KINDS, STANCES } from '../../../../shared/domain';
import { STANCE_COLOR } from './stance';

/** What the colours and lines mean, in the corner of the map (and of the exported picture's viewer's mind). */
export function MapLegend() {
  const { t } = useTranslation();
  return (
    <Panel position="bottom-left" className="map-legend" aria-label={t('map.legend')}>
      {STANCES.map((stance) => (
        <span key={stance}>
          <i style={{ background: STANCE_COLOR[stance] }} />
          {t(`stance.${stance}`)}
        </span>
      ))}
      <span className="legend-sep" />
      {RELATIONSHIP_KINDS.map((kind) => (
        <span key={kind}>
          <i className={`line ${kind}`} />
          {t(`relationship.${kind}`)}
        </span>
      ))}
      <span>
        <i className="line reports" />
        {t('map.reportsTo')}
      </span>
      <span className="legend-sep" />
      <span>
        <b className="legend-marks" aria-hidden="true">●●●○○</b>
        {t('map.influenceLegend')}
      </span>
    </Panel>
  );
}
