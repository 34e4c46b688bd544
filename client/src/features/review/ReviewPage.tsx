import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { HEALTH_ATTENTION_ORDER, OPEN_STAGES, THRESHOLD_KEYS, type HealthStatus } from '../../../../shared/domain';
import { StageBadge } from '../../components/Badges';
import { OwnerFilter } from '../../components/OwnerFilter';
import { HealthBadge, ThresholdMarks, useScoringText } from '../../components/health/Health';
import { FlagChip } from '../../components/health/HealthSummary';
import { LoadMore } from '../../components/paging/LoadMore';
import { FilterSelect } from '../../components/paging/FilterSelect';
import { TeamFilter } from '../../components/paging/TeamFilter';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../lib/format';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';
import { AccountsAtRisk } from '../accounts/AccountsAtRisk';
import { LossReview } from './LossReview';
import { NoteComposer } from './NoteComposer';
import { ReviewTotals } from './ReviewTotals';
import { useReviewFilters } from './useReviewFilters';
import './review.css';

type ReviewRow = RouterOutputs['review']['pipeline']['items'][number];
/** Open deals only, in the one attention order (an early deal with nothing due sits between at-risk and on-track). */
const GROUPS = (Object.keys(HEALTH_ATTENTION_ORDER) as HealthStatus[])
  .filter((status): status is Exclude<HealthStatus, 'closed'> => status !== 'closed')
  .sort((a, b) => HEALTH_ATTENTION_ORDER[a] - HEALTH_ATTENTION_ORDER[b]);

export default function ReviewPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const user = useCurrentUser();
  const { filters, set } = useReviewFilters();
  // The server's review order (sort 'health': worst first, then the biggest), a page at a time;
  // the request made here, as in useDealPages, because tRPC's own adds a `direction` the schema refuses.
  const input = { ...filters, sort: 'health' as const };
  const review = useInfiniteQuery({
    queryKey: trpc.review.pipeline.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.review.pipeline.query({ ...input, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => review.data?.pages.flatMap((page) => page.items) ?? [], [review.data]);
  const total = review.data?.pages.at(-1)?.total ?? 0;
  // The rows arrive in health order, so each group is a run of the loaded rows; later pages extend the last group.
  const groups = useMemo(() => GROUPS.map((status) => ({ status, rows: rows.filter((row) => row.health.status === status) })), [rows]);

  return (
    <div className="page review-page">
      <div className="page-head">
        <div>
          <h1 className="page-title">{t('review.title')}</h1>
          <p className="page-sub">{t('review.subtitle')}</p>
        </div>
      </div>

      <div className="filters" role="group" aria-label={t('review.filters')}>
        <TeamFilter value={filters.teamId} allLabel={t('review.all')} onChange={(teamId) => set('team', teamId?.toString())} />
        <OwnerFilter label={t('review.owner')} allLabel={t('review.all')} value={filters.ownerId} onChange={(ownerId) => set('owner', ownerId?.toString())} />
        <FilterSelect label={t('review.stage')} allLabel={t('review.all')} value={filters.stage} options={OPEN_STAGES} optionLabel={(stage) => t(`stage.${stage}`)} onChange={(v) => set('stage', v)} testId="filter-stage" />
        <FilterSelect label={t('review.health')} allLabel={t('review.all')} value={filters.health} options={GROUPS} optionLabel={(status) => t(`scoring:status.${status}`)} onChange={(v) => set('health', v)} testId="filter-health" />
      </div>

      <ReviewTotals groups={GROUPS} teamId={filters.teamId} health={filters.health} onHealth={(health) => set('health', health)} />

      {review.isPending ? (
        <Loading />
      ) : review.isError ? (
        <ErrorState error={review.error} onRetry={() => void review.refetch()} />
      ) : rows.length === 0 ? (
        <Empty title={t('review.emptyTitle')}>
          <p>{t('review.emptyBody')}</p>
        </Empty>
      ) : (
        <>
          {groups
            .filter((group) => group.rows.length > 0)
            .map(({ status, rows: groupRows }) => (
              <section key={status} id={`review-${status}`} className="review-group" data-testid={`review-group-${status}`}>
                <h2 className="review-group-title">
                  <HealthBadge status={status} large />
                </h2>
                <ul className="review-list">
                  {groupRows.map((row) => (
                    <ReviewCard key={row.id} row={row} canCoach={user.role !== 'rep'} />
                  ))}
                </ul>
              </section>
            ))}
          <LoadMore shown={rows.length} total={total} hasMore={review.hasNextPage} loading={review.isFetchingNextPage} onMore={() => void (review.hasNextPage && !review.isFetchingNextPage && review.fetchNextPage())} />
        </>
      )}
      <AccountsAtRisk teamId={filters.teamId} />
      <LossReview ownerId={filters.ownerId} />
    </div>
  );
}

function ReviewCard({ row, canCoach }: { row: ReviewRow; canCoach: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useScoringText();
  const failing = THRESHOLD_KEYS.filter((key) => !row.health.thresholds[key].passed);
  const note = row.latestCoachingNote;
  return (
    <li className="card review-card" data-testid="review-card" data-deal-id={row.id}>
      <div className="review-card-head">
        <div className="review-card-title">
          <Link className="deal-link" to={`/deals/${row.id}`}>
            {row.name}
          </Link>
          <span className="muted small">
            {row.accountName} · {row.ownerName}
          </span>
        </div>
        <div className="review-card-facts">
          <StageBadge stage={row.stage} />
          <span className="strong">{format.money(row.amount, row.currency)}</span>
          <span className="muted small">{format.date(row.closeDate)}</span>
          <ThresholdMarks health={row.health} />
        </div>
      </div>
      <div className="review-card-body">
        <div>
          <h3 className="review-subhead">{t('review.whyFailing')}</h3>
          {failing.length === 0 ? (
            <p className="muted small">{t('review.allCrossed')}</p>
          ) : (
            <dl className="review-reasons">
              {failing.map((key) => (
                <div key={key}>
                  <dt>{t('review.thresholdFailed', { threshold: t(`threshold.${key}`) })}</dt>
                  {row.health.thresholds[key].details.map((detail, index) => (
                    <dd key={index}>{text(detail)}</dd>
                  ))}
                </div>
              ))}
            </dl>
          )}
          {row.health.flags.length > 0 && (
            <>
              <h3 className="review-subhead">{t('review.flags')}</h3>
              <ul className="risk-flags">
                {row.health.flags.map((flag) => (
                  <FlagChip key={flag.code} flag={flag} />
                ))}
              </ul>
            </>
          )}
        </div>
        <aside className="review-coaching">
          <h3 className="review-subhead">{t('review.latestNote')}</h3>
          {note ? (
            <blockquote className="coaching-note" data-testid="latest-note">
              <p>{note.body}</p>
              <footer className="muted small">{t('coachingNotes.byline', { author: note.authorName, date: format.date(note.createdAt) })}</footer>
            </blockquote>
          ) : (
            <p className="muted small">{t('review.noNote')}</p>
          )}
          {canCoach && <NoteComposer dealId={row.id} dealName={row.name} ownerName={row.ownerName} />}
          <Link className="btn btn-small" to={`/deals/${row.id}`}>
            {t('review.openDealRoom')} →
          </Link>
        </aside>
      </div>
    </li>
  );
}
