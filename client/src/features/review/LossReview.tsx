import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { LOSS_CAUSES, THRESHOLD_KEYS } from '../../../../shared/domain';
import { ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../lib/format';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { ClosedThresholdMarks } from './ClosedThresholdMarks';

type Losses = RouterOutputs['review']['losses'];

/** The periods offered, in days back from today; `all` reads every close. */
const PERIODS = ['30', '90', '180', '365', 'all'] as const;
type Period = (typeof PERIODS)[number];
const DEFAULT_PERIOD: Period = '90';

/** The first day of a period ending today, as the reader's calendar has it. */
function sinceFor(period: Period): string | undefined {
  if (period === 'all') return undefined;
  const day = new Date();
  day.setDate(day.getDate() - Number(period));
  return new Date(day.getTime() - day.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** The period lives in the URL next to the page's owner filter, so the view is a link to share. */
function usePeriod(): [Period, (period: Period) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('period');
  const period = (PERIODS as readonly string[]).includes(value ?? '') ? (value as Period) : DEFAULT_PERIOD;
  const set = (next: Period) => {
    const search = new URLSearchParams(params);
    if (next === DEFAULT_PERIOD) search.delete('period');
    else search.set('period', next);
    setParams(search, { replace: true });
  };
  return [period, set];
}

/**
 * "Lost and won" (SPEC §10): the team's learning loop. Lost deals by cause; for each
 * threshold, how many lost deals had not crossed it next to how many won deals had not;
 * and the lost deals themselves with cause, competitor and what they lacked at the close.
 */
export function LossReview({ ownerId }: { ownerId: number | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [period, setPeriod] = usePeriod();
  const losses = useQuery(trpc.review.losses.queryOptions({ since: sinceFor(period), ownerId }));

  return (
    <section id="review-losses" className="card loss-review" aria-labelledby="loss-review-title" data-testid="loss-review">
      <header className="loss-review-head">
        <div>
          <h2 id="loss-review-title">{t('losses.title')}</h2>
          <p className="muted small">{t('losses.subtitle')}</p>
        </div>
        <label className="inline-field">
          <span>{t('losses.period')}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {PERIODS.map((value) => (
              <option key={value} value={value}>
                {value === 'all' ? t('losses.allTime') : t('losses.lastDays', { count: Number(value) })}
              </option>
            ))}
          </select>
        </label>
      </header>
      {losses.isPending ? (
        <Loading />
      ) : losses.isError ? (
        <ErrorState error={losses.error} onRetry={() => void losses.refetch()} />
      ) : losses.data.deals.length === 0 && losses.data.won.count === 0 ? (
        <p className="muted">{t('losses.empty')}</p>
      ) : (
        <LossFigures data={losses.data} />
      )}
    </section>
  );
}

function LossFigures({ data }: { data: Losses }) {
  const { t } = useTranslation();
  const lost = data.deals.length;
  const causes = LOSS_CAUSES.filter((cause) => data.byCause[cause] > 0).sort((a, b) => data.byCause[b] - data.byCause[a]);
  const most = Math.max(1, ...causes.map((cause) => data.byCause[cause]));
  return (
    <>
      <div className="loss-review-grid">
        <div>
          <h3 className="review-subhead">{t('losses.byCause', { count: lost })}</h3>
          {causes.length === 0 ? (
            <p className="muted small">{t('losses.noLosses')}</p>
          ) : (
            <ul className="loss-bars" data-testid="loss-by-cause">
              {causes.map((cause) => (
                <li key={cause} data-cause={cause}>
                  <span className="loss-bar-label">{t(`lossCause.${cause}`)}</span>
                  <span className="loss-bar-track">
                    <span className="loss-bar" style={{ width: `${(data.byCause[cause] / most) * 100}%` }} />
                  </span>
                  <span className="loss-bar-count">{data.byCause[cause]}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="review-subhead">{t('losses.missingTitle')}</h3>
          <table className="loss-compare" data-testid="loss-missing">
            <thead>
              <tr>
                <th scope="col">{t('losses.threshold')}</th>
                <th scope="col">{t('losses.lostWithout')}</th>
                <th scope="col">{t('losses.wonWithout')}</th>
              </tr>
            </thead>
            <tbody>
              {THRESHOLD_KEYS.map((key) => (
                <tr key={key} data-threshold={key}>
                  <th scope="row">{t(`threshold.${key}`)}</th>
                  <td className={data.missingThreshold[key] > 0 ? 'loss-count bad' : 'loss-count'}>{t('losses.ofDeals', { count: data.missingThreshold[key], total: lost })}</td>
                  <td className="loss-count">{t('losses.ofDeals', { count: data.won.missingThreshold[key], total: data.won.count })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {lost > 0 && <LostDeals deals={data.deals} />}
    </>
  );
}

function LostDeals({ deals }: { deals: Losses['deals'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <h3 className="review-subhead">{t('losses.lostDeals')}</h3>
      <div className="loss-table-wrap">
        <table className="table loss-table" data-testid="lost-deals">
          <thead>
            <tr>
              <th scope="col">{t('deal.name')}</th>
              <th scope="col">{t('deal.lossCause')}</th>
              <th scope="col">{t('losses.closed')}</th>
              <th scope="col">{t('deal.amount')}</th>
              <th scope="col">{t('losses.atClose')}</th>
            </tr>
          </thead>
          <tbody>
            {deals.map((deal) => (
              <tr key={deal.dealId} data-deal-id={deal.dealId}>
                <td>
                  <Link className="deal-link" to={`/deals/${deal.dealId}`}>
                    {deal.dealName}
                  </Link>
                  <div className="muted small">
                    {deal.accountName} · {deal.ownerName}
                  </div>
                  {deal.lossReason && <div className="loss-reason small">{deal.lossReason}</div>}
                </td>
                <td>
                  {deal.lossCause ? t(`lossCause.${deal.lossCause}`) : t('losses.noCause')}
                  {deal.lostTo && <div className="muted small">{t('losses.lostTo', { name: deal.lostTo })}</div>}
                </td>
                <td className="loss-nowrap">{format.date(deal.closeDate)}</td>
                <td className="loss-nowrap">{format.money(deal.amount, deal.currency)}</td>
                <td>{deal.thresholdsCrossed ? <ClosedThresholdMarks crossed={deal.thresholdsCrossed} /> : <span className="muted small">{t('losses.notRecorded')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
