import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { HEALTH_ATTENTION_ORDER, OPEN_STAGES, THRESHOLD_KEYS, type HealthStatus, type OpenStage } from '../../../../shared/domain';
import { StageBadge } from '../../components/Badges';
import { OwnerFilter } from '../../components/OwnerFilter';
import { HealthBadge, ThresholdMarks, useScoringText } from '../../components/health/Health';
import { FlagChip } from '../../components/health/HealthSummary';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../lib/format';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';
import { LossReview } from './LossReview';
import { NoteComposer } from './NoteComposer';
import './review.css';

type ReviewRow = RouterOutputs['review']['pipeline']['items'][number];
/** Open deals only, in the one attention order (an early deal with nothing due sits between at-risk and on-track). */
const GROUPS = (Object.keys(HEALTH_ATTENTION_ORDER) as HealthStatus[]).filter((status) => status !== 'closed').sort((a, b) => HEALTH_ATTENTION_ORDER[a] - HEALTH_ATTENTION_ORDER[b]);

/** Owner and stage live in the URL, so a filtered review is a link the manager can share. */
function useReviewFilters() {
  const [params, setParams] = useSearchParams();
  const owner = Number(params.get('owner'));
  const stage = params.get('stage');
  const filters = {
    ownerId: Number.isInteger(owner) && owner > 0 ? owner : undefined,
    stage: (OPEN_STAGES as readonly string[]).includes(stage ?? '') ? (stage as OpenStage) : undefined,
  };
  const set = (key: 'owner' | 'stage', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { filters, set };
}

/** Sum per currency: amounts in different currencies are never added together. */
function totalsByCurrency(rows: ReviewRow[]): [string, number][] {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(row.currency, (sums.get(row.currency) ?? 0) + row.amount);
  return [...sums.entries()].sort((a, b) => b[1] - a[1]);
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const user = useCurrentUser();
  const { filters, set } = useReviewFilters();
  const review = useQuery(trpc.review.pipeline.queryOptions({ ownerId: filters.ownerId, stage: filters.stage, limit: 200 }));
  const groups = useMemo(() => GROUPS.map((status) => ({ status, rows: (review.data?.items ?? []).filter((row) => row.health.status === status) })), [review.data]);

  return (
    <div className="page review-page">
      <div className="page-head">
        <div>
          <h1 className="page-title">{t('review.title')}</h1>
          <p className="page-sub">{t('review.subtitle')}</p>
        </div>
      </div>

      <div className="filters" role="group" aria-label={t('review.filters')}>
        <OwnerFilter label={t('review.owner')} allLabel={t('review.all')} value={filters.ownerId} onChange={(ownerId) => set('owner', ownerId?.toString() ?? '')} />
        <label className="inline-field">
          <span>{t('review.stage')}</span>
          <select value={filters.stage ?? ''} onChange={(e) => set('stage', e.target.value)}>
            <option value="">{t('review.all')}</option>
            {OPEN_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`stage.${stage}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {review.isPending ? (
        <Loading />
      ) : review.isError ? (
        <ErrorState error={review.error} onRetry={() => void review.refetch()} />
      ) : review.data.items.length === 0 ? (
        <Empty title={t('review.emptyTitle')}>
          <p>{t('review.emptyBody')}</p>
        </Empty>
      ) : (
        <>
          <section className="review-totals" aria-label={t('review.totals')} data-testid="review-totals">
            {groups.map(({ status, rows }) => (
              <a key={status} href={`#review-${status}`} className={`review-total total-${status}`}>
                <HealthBadge status={status} />
                <span className="review-total-count">{t('review.deals', { count: rows.length })}</span>
                <span className="review-total-amount">{rows.length === 0 ? '—' : totalsByCurrency(rows).map(([currency, sum]) => format.compactMoney(sum, currency)).join(' + ')}</span>
              </a>
            ))}
          </section>
          {groups
            .filter((group) => group.rows.length > 0)
            .map(({ status, rows }) => (
              <section key={status} id={`review-${status}`} className="review-group" data-testid={`review-group-${status}`}>
                <h2 className="review-group-title">
                  <HealthBadge status={status} large /> <span className="muted">{t('review.deals', { count: rows.length })}</span>
                </h2>
                <ul className="review-list">
                  {rows.map((row) => (
                    <ReviewCard key={row.id} row={row} canCoach={user.role !== 'rep'} />
                  ))}
                </ul>
              </section>
            ))}
        </>
      )}
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
