import type { AriaLabelConfig } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** React Flow's screen-reader texts (cards, edges, controls) in the user's language instead of its built-in English. */
export function useMapAriaLabels(): Partial<AriaLabelConfig> {
  const { t } = useTranslation();
  return useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'node.a11yDescription.default': t('map.a11y.node'),
      'node.a11yDescription.keyboardDisabled': t('map.a11y.node'),
      'node.a11yDescription.ariaLiveMessage': ({ direction }) => t('map.a11y.moved', { direction: t(`map.a11y.direction.${direction}`) }),
      'edge.a11yDescription.default': t('map.a11y.edge'),
      'controls.ariaLabel': t('map.a11y.controls'),
      'controls.zoomIn.ariaLabel': t('map.a11y.zoomIn'),
      'controls.zoomOut.ariaLabel': t('map.a11y.zoomOut'),
      'controls.fitView.ariaLabel': t('map.a11y.fitView'),
      'handle.ariaLabel': t('map.a11y.handle'),
    }),
    [t],
  );
}
