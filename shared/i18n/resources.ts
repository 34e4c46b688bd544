/**
 * Every user-visible string, in English and Simplified Chinese, split into
 * namespaces by area. The client renders them with react-i18next; the server
 * uses the same files (through `translator`) for English reasons and messages,
 * so a sentence is written once per language.
 */
import enCommon from './en/common.json';
import enScoring from './en/scoring.json';
import zhCommon from './zh-CN/common.json';
import zhScoring from './zh-CN/scoring.json';

export const resources = {
  en: { common: enCommon, scoring: enScoring },
  'zh-CN': { common: zhCommon, scoring: zhScoring },
} as const;

export { NAMESPACES, type Namespace } from './namespaces';
