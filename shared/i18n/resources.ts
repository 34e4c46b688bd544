/**
 * Every user-visible string, in English and Simplified Chinese, split into
 * namespaces by area. The client renders them with react-i18next; the server
 * uses the same files (through `translator`) for English reasons and messages,
 * so a sentence is written once per language.
 *
 * `common` is written as a core file plus one file per screen area, so the client
 * loads an area's strings with its code; here every file is merged back into one
 * `common`, the way the client sees it once every area has loaded.
 */
import type { Locale } from '../domain';
import enAccounts from './en/areas/accounts.json';
import enActivity from './en/areas/activity.json';
import enCreateDeal from './en/areas/createDeal.json';
import enDealRoom from './en/areas/dealRoom.json';
import enForms from './en/areas/forms.json';
import enHistory from './en/areas/history.json';
import enInfoPoints from './en/areas/infoPoints.json';
import enLogMeeting from './en/areas/logMeeting.json';
import enMap from './en/areas/map.json';
import enReview from './en/areas/review.json';
import enSettings from './en/areas/settings.json';
import enStandup from './en/areas/standup.json';
import enCommon from './en/common.json';
import enImport from './en/import.json';
import enScoring from './en/scoring.json';
import type { Area } from './namespaces';
import zhAccounts from './zh-CN/areas/accounts.json';
import zhActivity from './zh-CN/areas/activity.json';
import zhCreateDeal from './zh-CN/areas/createDeal.json';
import zhDealRoom from './zh-CN/areas/dealRoom.json';
import zhForms from './zh-CN/areas/forms.json';
import zhHistory from './zh-CN/areas/history.json';
import zhInfoPoints from './zh-CN/areas/infoPoints.json';
import zhLogMeeting from './zh-CN/areas/logMeeting.json';
import zhMap from './zh-CN/areas/map.json';
import zhReview from './zh-CN/areas/review.json';
import zhSettings from './zh-CN/areas/settings.json';
import zhStandup from './zh-CN/areas/standup.json';
import zhCommon from './zh-CN/common.json';
import zhImport from './zh-CN/import.json';
import zhScoring from './zh-CN/scoring.json';

type Catalog = { [key: string]: string | Catalog };
interface LocaleFiles {
  common: Catalog;
  scoring: Catalog;
  /** Server-only: import row errors, rendered in the importing user's language. */
  import: Catalog;
  areas: Record<Area, Catalog>;
}

/** Each file as written, so the tests can hold every English file against its Chinese twin. */
export const files: Record<Locale, LocaleFiles> = {
  en: {
    common: enCommon,
    scoring: enScoring,
    import: enImport,
    areas: { forms: enForms, createDeal: enCreateDeal, dealRoom: enDealRoom, infoPoints: enInfoPoints, map: enMap, activity: enActivity, history: enHistory, settings: enSettings, review: enReview, standup: enStandup, logMeeting: enLogMeeting, accounts: enAccounts },
  },
  'zh-CN': {
    common: zhCommon,
    scoring: zhScoring,
    import: zhImport,
    areas: { forms: zhForms, createDeal: zhCreateDeal, dealRoom: zhDealRoom, infoPoints: zhInfoPoints, map: zhMap, activity: zhActivity, history: zhHistory, settings: zhSettings, review: zhReview, standup: zhStandup, logMeeting: zhLogMeeting, accounts: zhAccounts },
  },
};

/** Deep merge; a key two files both define is a mistake, not an override. */
export function mergeCatalogs(target: Catalog, source: Catalog, path = ''): Catalog {
  for (const [key, value] of Object.entries(source)) {
    const here = target[key];
    if (typeof value === 'object' && typeof here === 'object') mergeCatalogs(here, value, `${path}${key}.`);
    else if (here !== undefined) throw new Error(`i18n: ${path}${key} is defined twice`);
    else target[key] = typeof value === 'object' ? mergeCatalogs({}, value, `${path}${key}.`) : value;
  }
  return target;
}

function merged({ common, scoring, import: imports, areas }: LocaleFiles) {
  return { common: Object.values(areas).reduce((all, area) => mergeCatalogs(all, area), mergeCatalogs({}, common)), scoring, import: imports };
}

export const resources = { en: merged(files.en), 'zh-CN': merged(files['zh-CN']) };

export { AREAS, NAMESPACES, SERVER_NAMESPACES, type Area, type Namespace } from './namespaces';
