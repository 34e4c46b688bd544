import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Empty, ErrorState, Loading } from '../../components/States';
import { LoadMore } from '../../components/paging/LoadMore';
import { lazyWithStrings } from '../../i18n';
import { useCurrentUser } from '../auth/useCurrentUser';
import { ExportLinks } from './ExportLinks';
import { PipelineFilterBar } from './PipelineFilterBar';
import { PipelineTable } from './PipelineTable';
import { useDealPages } from './useDealPages';
import { PIPELINE_DEFAULT_SORT, dealQuery, usePipelineFilters, type PipelineFilters } from './usePipelineFilters';
// The dialog (and its account form, and their strings) loads on first use; so does the board view.
const CreateDealDialog = lazyWithStrings(() => import('./CreateDealDialog'), ['createDeal']);
const PipelineBoard = lazyWithStrings(async () => ({ default: (await import('./PipelineBoard')).PipelineBoard }));

export function PipelinePage() {
  const { t } = useTranslation();
  const { filters, set } = usePipelineFilters();
  const [creating, setCreating] = useState(false);
  const create = () => setCreating(true);
  const canImport = useCurrentUser().role !== 'rep';

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1 className="page-title">{t('pipeline.title')}</h1>
          <p className="page-sub">{t('pipeline.subtitle')}</p>
        </div>
        <div className="page-actions">
          <div className="segmented view-toggle" role="group" aria-label={t('pipeline.view')}>
            {(['table', 'board'] as const).map((view) => (
              <button key={view} type="button" className={filters.view === view ? 'on' : undefined} aria-pressed={filters.view === view} onClick={() => set('view', view === 'table' ? undefined : view)}>
                {t(`pipeline.view_${view}`)}
              </button>
            ))}
          </div>
          <ExportLinks filters={filters} />
          {/* SPEC §12: accounts arrive by import too, next to where deals and accounts are created (managers and admins). */}
          {canImport && (
            <Link className="btn" to="/settings/import" title={t('pipeline.importHint')} data-testid="import-link">
              {t('pipeline.importLink')}
            </Link>
          )}
          <button type="button" className="btn btn-primary" onClick={create}>
            {t('pipeline.newDeal')}
          </button>
        </div>
      </div>

      <PipelineFilterBar filters={filters} set={set} />

      {filters.view === 'board' ? (
        <Suspense fallback={<Loading />}>
          <PipelineBoard filters={filters} />
        </Suspense>
      ) : (
        <PagedTable filters={filters} onSort={(sort) => set('sort', sort === PIPELINE_DEFAULT_SORT ? undefined : sort)} onCreate={create} />
      )}
      {creating && (
        <Suspense fallback={null}>
          <CreateDealDialog open onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </div>
  );
}

/** The table view: the first page of the server's list, more as the user scrolls. */
function PagedTable({ filters, onSort, onCreate }: { filters: PipelineFilters; onSort: (sort: PipelineFilters['sort']) => void; onCreate: () => void }) {
  const { t } = useTranslation();
  const { pages, rows, total, more } = useDealPages(dealQuery(filters));
  if (pages.isPending) return <Loading />;
  if (pages.isError) return <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />;
  if (rows.length === 0) {
    const filtered = [filters.q, filters.status, filters.stage, filters.ownerId, filters.teamId, filters.tier, filters.health].some((value) => value !== undefined);
    return filtered ? (
      <Empty title={t('pipeline.noMatchTitle')}>
        <p>{t('pipeline.noMatchBody')}</p>
      </Empty>
    ) : (
      <Empty title={t('pipeline.emptyTitle')}>
        <p>{t('pipeline.emptyBody')}</p>
        <button type="button" className="btn btn-primary" onClick={onCreate}>
          {t('pipeline.newDeal')}
        </button>
      </Empty>
    );
  }
  return (
    <>
      <PipelineTable rows={rows} sort={filters.sort} onSort={onSort} />
      <LoadMore shown={rows.length} total={total} hasMore={pages.hasNextPage} loading={pages.isFetchingNextPage} onMore={more} />
    </>
  );
}
