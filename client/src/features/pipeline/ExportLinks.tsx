import { useTranslation } from 'react-i18next';
import type { PipelineFilters } from './usePipelineFilters';

/**
 * Plain download links to /api/export (SPEC §12): the browser sends the session cookie and
 * saves the file under the server's dated name. They carry every filter the page applies,
 * server-side ones and the page's own tier/health, so the file holds the rows on screen.
 */
export function ExportLinks({ filters }: { filters: PipelineFilters }) {
  const { t } = useTranslation();
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.stage) query.set('stage', filters.stage);
  if (filters.ownerId) query.set('ownerId', String(filters.ownerId));
  if (filters.tier) query.set('tier', filters.tier);
  if (filters.health) query.set('health', filters.health);
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return (
    <>
      <a className="btn" href={`/api/export/deals.csv${search}`} download title={t('pipeline.exportHint')} data-testid="export-csv">
        {t('pipeline.exportCsv')}
      </a>
      <a className="btn" href={`/api/export/deals.xlsx${search}`} download title={t('pipeline.exportHint')} data-testid="export-xlsx">
        {t('pipeline.exportExcel')}
      </a>
    </>
  );
}
