import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HISTORY_DEFAULT_LIMIT } from '../../../../shared/history';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useDealId } from '../deal-room/useDealRoom';
import { CoverageChart } from './CoverageChart';
import { coverageSeries } from './coverageSeries';
import type { HistoryData } from './describeEvent';
import { EventLog } from './EventLog';
import './history.css';
import { ThresholdChanges } from './ThresholdChanges';
import { useHistoryFilters } from './useHistoryFilters';

export default function HistoryTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const dealId = useDealId();
  const { filters } = useHistoryFilters();
  // Pages of the event log, newest first; "Show older" asks for the page before the oldest shown.
  const history = useInfiniteQuery({
    ...trpc.history.get.infiniteQueryOptions(
      { dealId, kind: filters.kind, actorId: filters.actorId, stakeholderId: filters.stakeholderId, limit: HISTORY_DEFAULT_LIMIT },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    // Other tabs' writes do not invalidate history: read it fresh each time the tab opens.
    staleTime: 0,
    // A filter change keeps the chart and list on screen until the new list arrives.
    placeholderData: keepPreviousData,
  });
  // The chart, thresholds and name lists come with every page; the newest page's are the ones to show.
  const data = useMemo<HistoryData | undefined>(() => {
    const pages = history.data?.pages;
    return pages?.[0] && { ...pages[0], events: pages.flatMap((page) => page.events), nextCursor: pages.at(-1)!.nextCursor };
  }, [history.data]);

  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (!data) return <Loading />;
  const older = { more: history.hasNextPage, loading: history.isFetchingNextPage, load: () => void history.fetchNextPage() };
  return (
    <div className="history-layout" aria-busy={history.isFetching} aria-label={t('history.title')}>
      <CoverageCard data={data} />
      <ThresholdChanges data={data} />
      <EventLog data={data} older={older} />
    </div>
  );
}

function CoverageCard({ data }: { data: HistoryData }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Memoised on the snapshots, so the chart is not rebuilt when only the event filters change.
  const series = useMemo(() => coverageSeries(data.snapshots, new Date()), [data.snapshots]);
  const latest = data.snapshots.at(-1);
  return (
    <section className="card history-card history-coverage" aria-labelledby="history-coverage-title">
      <div className="history-card-head">
        <h2 className="card-title" id="history-coverage-title">
          {t('history.coverageTitle')}
        </h2>
        <p className="muted small">{t('history.coverageHint')}</p>
      </div>
      {!latest ? (
        <Empty title={t('history.noCoverageTitle')}>
          <p>{t('history.noCoverageBody')}</p>
        </Empty>
      ) : (
        <figure className="history-figure">
          <CoverageChart series={series} />
          <figcaption className="visually-hidden">
            {t('history.chartLabel', {
              count: data.snapshots.length,
              from: format.date(data.snapshots[0]!.at),
              to: format.date(latest.at),
              influence: format.percent(latest.influence),
              headcount: format.percent(latest.headcount),
              net: latest.net.toFixed(2),
            })}
          </figcaption>
          <div className="history-chart-foot small muted">
            {series.readings === 1 ? <span>{t('history.onePoint', { date: format.date(latest.at) })}</span> : <span />}
            {series.markers.length > 0 && (
              <span className="history-key">
                <span>
                  <span className="history-glyph crossed" aria-hidden="true">
                    ▲
                  </span>
                  {t('history.markerCrossed')}
                </span>
                <span>
                  <span className="history-glyph lost" aria-hidden="true">
                    ▼
                  </span>
                  {t('history.markerLost')}
                </span>
              </span>
            )}
          </div>
        </figure>
      )}
    </section>
  );
}
