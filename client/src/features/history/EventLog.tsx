import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HISTORY_KIND_GROUP_NAMES } from '../../../../shared/history';
import { Empty } from '../../components/States';
import { useLocale } from '../../i18n';
import { useFormat } from '../../lib/format';
import { describeEvent, groupOf, type HistoryData, type SentenceContext } from './describeEvent';
import { useHistoryFilters } from './useHistoryFilters';

/** Whether the log goes further back than what is shown, and how to fetch the next page of it. */
export interface OlderEvents {
  more: boolean;
  loading: boolean;
  load: () => void;
}

/** Every change to the deal as one sentence, newest first, filterable by kind and person, a page at a time. */
export function EventLog({ data, older }: { data: HistoryData; older: OlderEvents }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { filters, set, clear, active } = useHistoryFilters();
  const locale = useLocale();
  const names = useMemo(() => new Map(data.people.map((person) => [person.id, person.name])), [data.people]);
  const when = useMemo(() => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }), [locale]);
  const listFormat = useMemo(() => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }), [locale]);
  const ctx: SentenceContext = {
    t,
    personName: (id) => names.get(id),
    date: format.date,
    money: format.money,
    list: (items) => listFormat.format(items),
  };

  return (
    <section className="card history-card history-log" aria-labelledby="history-log-title">
      <div className="history-log-head">
        <div>
          <h2 className="card-title" id="history-log-title">
            {t('history.logTitle')}
          </h2>
          <p className="muted small">
            {t('history.logCount', { count: data.events.length })}
            {older.more && ` ${t('history.logLimited', { count: data.events.length })}`}
          </p>
        </div>
        <div className="history-filters">
          <label className="field">
            <span>{t('history.filterKind')}</span>
            <select value={filters.kind ?? ''} onChange={(e) => set('kind', e.target.value || undefined)}>
              <option value="">{t('history.filterAll')}</option>
              {HISTORY_KIND_GROUP_NAMES.map((group) => (
                <option key={group} value={group}>
                  {t(`history.group.${group}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('history.filterActor')}</span>
            <select value={filters.actorId ?? ''} onChange={(e) => set('actor', e.target.value || undefined)}>
              <option value="">{t('history.everyone')}</option>
              {data.actors.map((actor) => (
                <option key={actor.id} value={actor.id}>
                  {actor.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('history.filterPerson')}</span>
            <select value={filters.stakeholderId ?? ''} onChange={(e) => set('person', e.target.value || undefined)}>
              <option value="">{t('history.nobody')}</option>
              {data.people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          </label>
          {active && (
            <button type="button" className="btn btn-ghost btn-small" onClick={clear}>
              {t('history.clearFilters')}
            </button>
          )}
        </div>
      </div>
      {data.events.length === 0 ? (
        active ? (
          <Empty title={t('history.emptyFilteredTitle')}>
            <p>{t('history.emptyFilteredBody')}</p>
          </Empty>
        ) : (
          <Empty title={t('history.emptyTitle')}>
            <p>{t('history.emptyBody')}</p>
          </Empty>
        )
      ) : (
        <ol className="history-events" data-testid="history-events">
          {data.events.map((event) => {
            const sentence = describeEvent(event, ctx);
            return (
              <li key={event.id} className={`history-event group-${groupOf(event.kind) ?? 'other'} kind-${event.kind.replace('.', '-')}`} data-kind={event.kind}>
                <span className="history-event-dot" aria-hidden="true" />
                <div className="history-event-body">
                  <p className="history-event-sentence">{sentence.text}</p>
                  {sentence.detail && <p className="history-event-detail">{sentence.detail}</p>}
                </div>
                <time className="history-event-time" dateTime={event.at}>
                  {when.format(new Date(event.at))}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      {older.more && (
        <div className="history-older">
          <button type="button" className="btn btn-small" onClick={older.load} disabled={older.loading} data-testid="history-show-older">
            {older.loading ? t('history.loadingOlder') : t('history.showOlder')}
          </button>
        </div>
      )}
    </section>
  );
}
