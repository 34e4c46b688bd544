import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/schemas/limits';
import type { CachedDeal } from './offlineCache';

/** How many deals show before the rep types: the recent ones, which is usually the one. */
const SHOWN = 6;

const matches = (deal: CachedDeal, query: string) => `${deal.name} ${deal.accountName}`.toLocaleLowerCase().includes(query.toLocaleLowerCase());

interface Props {
  deals: CachedDeal[];
  /** How many open deals match on the server; undefined when the list is the device's copy. */
  total: number | undefined;
  query: string;
  onQuery: (query: string) => void;
  selected: CachedDeal | undefined;
  onSelect: (deal: CachedDeal | undefined) => void;
  invalid: boolean;
}

/**
 * Pick the deal: recent first, searchable (the server searches as the rep types; the list on
 * screen narrows at once meanwhile, and offline it is the only search); once picked it folds
 * to one line with "Change".
 */
export function DealPicker({ deals, total, query, onQuery: setQuery, selected, onSelect, invalid }: Props) {
  const { t } = useTranslation();
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
  // The server's count covers deals beyond the page on the device; the device's copy counts itself.
  const more = Math.max(total ?? 0, found.length) - SHOWN;
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
      {found.length > 0 && more > 0 && <p className="muted small">{t('logMeeting.moreDeals', { count: more })}</p>}
    </fieldset>
  );
}
