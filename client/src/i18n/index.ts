import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/domain';
import enCommon from '../../../shared/i18n/en/common.json';
import enScoring from '../../../shared/i18n/en/scoring.json';
import { NAMESPACES } from '../../../shared/i18n/namespaces';

const STORAGE_KEY = 'dealroom.locale';

/** English ships with the app; other languages load on first use (a separate chunk each). */
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Record<(typeof NAMESPACES)[number], object>>> = {
  'zh-CN': async () => {
    const [common, scoring] = await Promise.all([import('../../../shared/i18n/zh-CN/common.json'), import('../../../shared/i18n/zh-CN/scoring.json')]);
    return { common: common.default, scoring: scoring.default };
  },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** ?lang= wins, then the last choice on this device, then the browser's language. */
function initialLocale(): Locale {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLocale(fromUrl)) return fromUrl;
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

async function ensureLoaded(locale: Locale): Promise<void> {
  if (locale === 'en' || i18next.hasResourceBundle(locale, 'common')) return;
  const bundles = await loaders[locale]();
  for (const ns of NAMESPACES) i18next.addResourceBundle(locale, ns, bundles[ns], true, true);
}

/** Resolve before the first render, so no screen flashes in the wrong language. */
export async function initI18n(): Promise<void> {
  const locale = initialLocale();
  await i18next.use(initReactI18next).init({
    resources: { en: { common: enCommon, scoring: enScoring } },
    lng: 'en',
    fallbackLng: 'en',
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  await setLocale(locale, { remember: false });
}

export async function setLocale(locale: Locale, { remember = true } = {}): Promise<void> {
  if (remember) window.localStorage.setItem(STORAGE_KEY, locale);
  await ensureLoaded(locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

export default i18next;
