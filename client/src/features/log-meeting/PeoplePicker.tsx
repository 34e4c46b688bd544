import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STANCES, type Stance } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/schemas/limits';
import { EnumSelect } from '../../components/EnumSelect';
import type { CachedPerson } from './offlineCache';

/** With more people than this on the map, a search box helps find the ones in the room. */
const SEARCH_FROM = 7;

/** A person ticked as met, and the stance the rep saw them leave with (unchanged by default). */
export interface Met {
  person: CachedPerson;
  stance: Stance;
}

/** Tick who was in the room; for each one ticked, optionally say how their stance changed. */
export function PeoplePicker({ people, met, onChange }: { people: CachedPerson[]; met: Met[]; onChange: (met: Met[]) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const ticked = new Map(met.map((m) => [m.person.id, m]));
  const shown = people.filter((p) => ticked.has(p.id) || `${p.name} ${p.title ?? ''}`.toLocaleLowerCase().includes(query.trim().toLocaleLowerCase()));
  const toggle = (person: CachedPerson) => onChange(ticked.has(person.id) ? met.filter((m) => m.person.id !== person.id) : [...met, { person, stance: person.stance }]);
  const setStance = (id: number, stance: Stance) => onChange(met.map((m) => (m.person.id === id ? { ...m, stance } : m)));
  return (
    <fieldset className="lm-section">
      <legend className="lm-label">{t('logMeeting.who')}</legend>
      {people.length >= SEARCH_FROM && (
        <input type="search" className="lm-search" value={query} maxLength={LIMITS.name} onChange={(e) => setQuery(e.target.value)} placeholder={t('logMeeting.searchPeople')} aria-label={t('logMeeting.searchPeople')} />
      )}
      {people.length === 0 && <p className="muted small">{t('logMeeting.noPeople')}</p>}
      <ul className="lm-people">
        {shown.map((person) => {
          const m = ticked.get(person.id);
          return (
            <li key={person.id} className={m ? 'on' : undefined}>
              <label className="lm-person">
                <input type="checkbox" checked={!!m} onChange={() => toggle(person)} />
                <span>
                  <strong>{person.name}</strong>
                  {person.title && <span className="muted small">{person.title}</span>}
                </span>
              </label>
              {m && (
                <label className="lm-stance">
                  <span>
                    {t('logMeeting.stanceNow')}
                    {m.stance !== person.stance && <span className="lm-was">{t('logMeeting.was', { stance: t(`stance.${person.stance}`) })}</span>}
                  </span>
                  <EnumSelect values={STANCES} value={m.stance} onChange={(stance) => setStance(person.id, stance)} label={(s) => t(`stance.${s}`)} aria-label={t('logMeeting.stanceOf', { name: person.name })} />
                </label>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
