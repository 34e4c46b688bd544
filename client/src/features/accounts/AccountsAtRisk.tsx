import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { TierBadge } from '../../components/Badges';
import { useTRPC } from '../../lib/trpc';
import { AccountFlags, AccountHealthBadge, PseudoKeyBadge } from './AccountBits';
import { ACCOUNT_HEALTH } from './model';
import './accounts.css';

/** The Review's section for the account level (SPEC §11): every account the defection watch speaks up about, worst first. */
export function AccountsAtRisk({ teamId }: { teamId: number | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  // The server's order: at risk first, then on watch; most flags, then most won business, first.
  const review = useQuery(trpc.review.accounts.queryOptions(teamId === undefined ? undefined : { teamId }));
  if (!review.data) return null;
  const rows = review.data.items;
  const { counts } = review.data;
  return (
    <section className="review-accounts" aria-labelledby="review-accounts-title" data-testid="review-accounts">
      <h2 className="review-group-title" id="review-accounts-title">
        {t('accountsAtRisk.title')}
      </h2>
      <p className="muted small">{t('accountsAtRisk.intro')}</p>
      <p className="review-account-counts small">
        {[...ACCOUNT_HEALTH].reverse().map((status) => (
          <span key={status} className="review-account-count">
            <AccountHealthBadge status={status} /> {counts[status]}
          </span>
        ))}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t('accountsAtRisk.none')}</p>
      ) : (
        <ul className="review-account-list">
          {rows.map((row) => (
            <li key={row.id} className="card review-account" data-account-id={row.id}>
              <div className="complaint-head">
                <Link to={`/accounts/${row.id}`} className="deal-link">
                  {row.name}
                </Link>
                <TierBadge tier={row.tier} />
                {row.pseudoKey && <PseudoKeyBadge />}
                <AccountHealthBadge status={row.healthStatus} />
                {row.ownerName && <span className="muted small">{t('accountsAtRisk.manager', { name: row.ownerName })}</span>}
              </div>
              <AccountFlags flags={row.flags} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
