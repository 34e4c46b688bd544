import { useTranslation } from 'react-i18next';
import { PIPELINE_DEFAULT_SORT, dealQuery, type PipelineFilters } from './usePipelineFilters';

/**
 * Plain download links to /api/export (SPEC §12): the browser sends the session cookie and
 * saves the file under the server's dated name. They carry the page's query — search,
 * filters and sort — so the file holds the list on screen, in its order, every page of it.
 */
export function ExportLinks({ filters }: { filters: PipelineFilters }) {
  const { t } = useTranslation();
  const query = new URLSearchParams();
  // The default order is the export's own too; a link names only what the user chose.
  for (const [key, value] of Object.entries(dealQuery(filters))) if (value !== undefined && !(key === 'sort' && value === PIPELINE_DEFAULT_SORT)) query.set(key, String(value));
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
