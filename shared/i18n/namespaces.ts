/** The translation namespaces, one JSON file per locale each. Kept apart from the JSON so importing it loads no strings. */
export const NAMESPACES = ['common', 'scoring'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Namespaces only the server renders (import row errors): the client never loads them. */
export const SERVER_NAMESPACES = ['import'] as const;

/**
 * The parts of `common` that load with their screen, from `<locale>/areas/<area>.json`.
 * `<locale>/common.json` keeps what the login page, the app shell and the pipeline table
 * show, and the labels that scoring reasons nest; `forms` (field names, deal and account
 * labels, error sentences) loads with every other screen. Every file adds to the same
 * `common` keys, so a key reads the same wherever it lives.
 */
export const AREAS = ['forms', 'createDeal', 'dealRoom', 'infoPoints', 'map', 'activity', 'history', 'settings', 'review', 'standup', 'logMeeting', 'accounts'] as const;
export type Area = (typeof AREAS)[number];
