import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { TierBadge } from '../../components/Badges';
import { useTRPC } from '../../lib/trpc';
import { AccountHealthBadge, useFlagText } from './AccountBits';
import './accounts.css';

interface Props {
  since: string;
  ownerId: number | undefined;
  teamId: number | undefined;
  enabled: boolean;
}

/** The stand-up's account level (SPEC §11): the defection watch's flags raised and cleared in the period, per account. */
export function StandupAccountChanges({ since, ownerId, teamId, enabled }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const text = useFlagText();
  const changes = useQuery({ ...trpc.standup.accountChanges.queryOptions({ since, ownerId, teamId }), enabled });
  if (!changes.data || changes.data.length === 0) return null;
  return (
    <section className="standup-accounts" aria-labelledby="standup-accounts-title" data-testid="standup-accounts">
      <h2 className="standup-rep-name" id="standup-accounts-title">
        {t('standupAccounts.title')} <span className="muted small">{t('accounts.count', { count: changes.data.length })}</span>
      </h2>
      <ul className="review-account-list">
        {changes.data.map((change) => (
          <li key={change.accountId} className="card review-account" data-account-id={change.accountId}>
            <div className="complaint-head">
              <Link to={`/accounts/${change.accountId}`} className="deal-link">
                {change.accountName}
              </Link>
              <TierBadge tier={change.tier} />
              {change.statusBefore !== change.status && (
                <>
                  <AccountHealthBadge status={change.statusBefore} /> → <AccountHealthBadge status={change.status} />
                </>
              )}
              {change.ownerName && <span className="muted small">{change.ownerName}</span>}
            </div>
            <ul className="standup-changes">
              {change.raised.map((flag) => (
                <li key={`raised-${flag.code}`} className="account-change raised">
                  <strong>{t('standupAccounts.raised', { flag: text.title(flag) })}</strong> {text.message(flag)}
                </li>
              ))}
              {change.cleared.map((flag) => (
                <li key={`cleared-${flag.code}`} className="account-change cleared">
                  <strong>{t('standupAccounts.cleared', { flag: text.title(flag) })}</strong>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
