import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ErrorState, Loading, NotFound } from '../../components/States';
import { useFormat } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { useDealId, useDealRoom } from '../deal-room/useDealRoom';
import { PrintMap } from './PrintMap';
import { PrintKeyPeople, PrintNextSteps, PrintNinePoints, PrintThresholds } from './PrintSections';
import './print.css';

/**
 * A deal on one A4 page, for a manager's deal review (SPEC §12): outside the app shell, so
 * neither screen nor paper shows navigation; the toolbar above the sheet is screen-only.
 */
export default function DealPrintPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useDealId();
  const room = useDealRoom();
  const now = useNow();
  if (!id) return <NotFound />;
  if (room.isPending) return <Loading />;
  if (room.isError) return <ErrorState error={room.error} onRetry={() => void room.refetch()} />;
  const { deal, health } = room.data;
  const facts: [string, string][] = [
    [t('deal.amount'), format.money(deal.amount, deal.currency)],
    [t('deal.stage'), t(`stage.${deal.stage}`)],
    [t('deal.closeDate'), format.date(deal.closeDate)],
    [t('deal.owner'), deal.ownerName],
    [t('print.health'), t(`scoring:status.${health.status}`)],
    [t('print.coverage'), format.percent(health.coverage.influence)],
  ];
  return (
    <div className="print-page">
      <div className="print-toolbar">
        <Link to={`/deals/${deal.id}`} className="btn">
          ← {t('print.back')}
        </Link>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('print.open')}
        </button>
      </div>
      <article className="print-sheet" data-testid="print-sheet">
        <header className="print-head">
          <div>
            <p className="print-kicker">{t('print.title')}</p>
            <h1>{deal.name}</h1>
            <p className="muted">
              {deal.accountName}
              {deal.accountTier && ` · ${t('print.tier', { tier: deal.accountTier })}`} · {t(`dealStatus.${deal.status}`)}
            </p>
          </div>
          <p className="print-date muted">{t('print.printedOn', { date: format.date(new Date(now).toISOString()) })}</p>
        </header>
        <dl className="print-facts" data-testid="print-facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <div className="print-columns">
          <PrintThresholds room={room.data} />
          <PrintKeyPeople room={room.data} />
        </div>
        <section className="print-block">
          <h2>{t('print.map')}</h2>
          <PrintMap room={room.data} now={now} />
        </section>
        <PrintNinePoints room={room.data} />
        <PrintNextSteps room={room.data} />
      </article>
    </div>
  );
}
