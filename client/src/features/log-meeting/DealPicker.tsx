import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/schemas/limits';
import type { CachedDeal } from './offlineCache';

/** How many deals show before the rep types: the recent ones, which is usually the one. */
const SHOWN = 6;

const matches = (deal: CachedDeal, query: string) => `${deal.name} ${deal.accountName}`.toLocaleLowerCase().includes(query.toLocaleLowerCase());

/** Pick the deal: recent first, searchable; once picked it folds to one line with "Change". */
export function DealPicker({ deals, selected, onSelect, invalid }: { deals: CachedDeal[]; selected: CachedDeal | undefined; onSelect: (deal: CachedDeal | undefined) => void; invalid: boolean }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  if (selected) {
    return (
      <div className="lm-section lm-chosen" data-testid="lm-deal">
        <div>
          <span className="lm-label">{t('logMeeting.deal')}</span>
          <strong>{selected.name}</strong>
          <span className="muted small">{selected.accountName}</span>
        </div>
        <button type="button" className="btn lm-touch" onClick={() => onSelect(undefined)}>
          {t('logMeeting.changeDeal')}
        </button>
      </div>
    );
  }
  const found = deals.filter((deal) => matches(deal, query.trim()));
  return (
    <fieldset className={invalid ? 'lm-section invalid' : 'lm-section'}>
      <legend className="lm-label">{t('logMeeting.pickDeal')}</legend>
      <input type="search" className="lm-search" value={query} maxLength={LIMITS.name} onChange={(e) => setQuery(e.target.value)} placeholder={t('logMeeting.searchDeals')} aria-label={t('logMeeting.searchDeals')} />
      {found.length === 0 ? (
        <p className="muted small">{deals.length === 0 ? t('logMeeting.noDealsOffline') : t('logMeeting.noMatch')}</p>
      ) : (
        <ul className="lm-options">
          {found.slice(0, SHOWN).map((deal) => (
            <li key={deal.id}>
              <button type="button" className="lm-option" onClick={() => onSelect(deal)}>
                <strong>{deal.name}</strong>
                <span className="muted small">{deal.accountName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {found.length > SHOWN && <p className="muted small">{t('logMeeting.moreDeals', { count: found.length - SHOWN })}</p>}
    </fieldset>
  );
}
