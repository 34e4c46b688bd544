import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_TIERS } from '../../../../shared/domain';
import { TierBadge } from '../../components/Badges';
import { useFormat } from '../../lib/format';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';

export type PortfolioView = RouterOutputs['account']['portfolio'];

/**
 * The 80/20 check as three bars of HTML, not a uPlot canvas: three values read best as
 * labelled bars a screen reader can read, print and translate, and they cost no chart code.
 */
export function PortfolioBars({ portfolio }: { portfolio: PortfolioView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const total = ACCOUNT_TIERS.reduce((sum, tier) => sum + portfolio.tiers[tier].wonTotal, 0);
  return (
    <section className="card portfolio" aria-labelledby="portfolio-title" data-testid="portfolio">
      <h2 className="card-title" id="portfolio-title">
        {t('portfolio.title')}
      </h2>
      <p className="muted small portfolio-intro">{t('portfolio.intro')}</p>
      {total === 0 ? (
        <p className="muted">{t('portfolio.noWins')}</p>
      ) : (
        <ul className="portfolio-bars">
          {ACCOUNT_TIERS.map((tier) => {
            const row = portfolio.tiers[tier];
            return (
              <li key={tier} className="portfolio-row" data-tier={tier}>
                <span className="portfolio-tier">
                  <TierBadge tier={tier} />
                </span>
                <span className="portfolio-track" aria-hidden="true">
                  <span className={`portfolio-fill tier-fill-${tier}`} style={{ width: `${Math.max(row.share * 100, row.share > 0 ? 1 : 0)}%` }} />
                </span>
                <span className="portfolio-share">{row.share > 0 && row.share < 0.005 ? `<${format.percent(0.01)}` : format.percent(row.share)}</span>
                <span className="portfolio-detail muted small">
                  {t('portfolio.tierLine', { accounts: t('portfolio.accounts', { count: row.accounts }), amount: format.compactMoney(row.wonTotal, portfolio.currency) })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {portfolio.leftOut.length > 0 && (
        <p className="sums-note left-out" role="note">
          * {t('accounts.leftOut', { base: portfolio.currency, currencies: portfolio.leftOut.join(', ') })}
        </p>
      )}
      {portfolio.pseudoKey > 0 && <p className="small portfolio-pseudo">{t('portfolio.pseudo', { count: portfolio.pseudoKey })}</p>}
    </section>
  );
}

/** The portfolio of the team chosen on the list (the user's own team when none is). */
export function PortfolioPanel({ teamId }: { teamId: number | undefined }) {
  const trpc = useTRPC();
  const portfolio = useQuery(trpc.account.portfolio.queryOptions(teamId === undefined ? undefined : { teamId }));
  return portfolio.data ? <PortfolioBars portfolio={portfolio.data} /> : null;
}
