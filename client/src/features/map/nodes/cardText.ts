import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_ROLES, LEVELS, STANCES, type DecisionRole, type Level, type Stance } from '../../../../../shared/domain';
import { useFormat } from '../../../lib/format';

/**
 * Every word a card shows, translated once per map (and again on a change of language), not
 * by every card: a profile of the 300-person map found each card's two `useTranslation`
 * hooks (its own and `useFormat`'s) and its ten lookups at a fifth of the time to draw them
 * all (ADR 32). Counted phrases are kept per count, so a map asks i18next once per number.
 */
export interface CardText {
  stance: Record<Stance, string>;
  level: Record<Level, string>;
  decisionRole: Record<DecisionRole, string>;
  neverContacted: string;
  never: string;
  lastContact: string;
  fdm: string;
  coach: string;
  left: string;
  daysAgo: (count: number) => string;
  daysShort: (count: number) => string;
  influenceOf: (value: number) => string;
  leftOnDate: (date: string | null) => string;
  coachNever: string;
  coachSilent: (count: number) => string;
  coachLastIntel: (count: number) => string;
}

/**
 * True while the map is zoomed out past reading distance (the map tab's FAR_ZOOM): a card then
 * shows its name alone and a line no label, as the `zoom-far` styles always showed them. Not drawn at
 * all rather than hidden, they cost a 300-person map's first paint nothing (ADR 32). False on paper.
 */
export const FarZoomContext = createContext(false);

/** Provided by every map that draws cards (the map tab, the printed map). */
export const CardTextContext = createContext<CardText | null>(null);

export function useCardText(): CardText {
  const text = useContext(CardTextContext);
  if (!text) throw new Error('A stakeholder card needs CardTextContext.Provider around its map');
  return text;
}

/** A function of one argument remembered per argument. */
function remembered<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}

/** The cards' words in the language on screen, for CardTextContext. */
export function useCardTextValue(): CardText {
  const { t } = useTranslation();
  const { date } = useFormat();
  return useMemo(
    () => ({
      stance: Object.fromEntries(STANCES.map((stance) => [stance, t(`stance.${stance}`)])) as Record<Stance, string>,
      level: Object.fromEntries(LEVELS.map((level) => [level, t(`level.${level}`)])) as Record<Level, string>,
      decisionRole: Object.fromEntries(DECISION_ROLES.map((role) => [role, t(`decisionRole.${role}`)])) as Record<DecisionRole, string>,
      neverContacted: t('map.neverContacted'),
      never: t('map.never'),
      lastContact: t('map.lastContact'),
      fdm: t('map.badge.fdm'),
      coach: t('map.badge.coach'),
      left: t('leftCustomer.badge'),
      daysAgo: remembered((count: number) => t('map.daysAgo', { count })),
      daysShort: remembered((count: number) => t('map.daysShort', { count })),
      influenceOf: remembered((value: number) => t('map.influenceOf', { value })),
      leftOnDate: remembered((when: string | null) => t('leftCustomer.onDate', { date: date(when) })),
      coachNever: t('coachIntel.card.never'),
      coachSilent: remembered((count: number) => t('coachIntel.card.silent', { count })),
      coachLastIntel: remembered((count: number) => t('coachIntel.card.lastIntel', { count })),
    }),
    [t, date],
  );
}
