import i18next from 'i18next';
import { createElement, lazy, type ComponentType } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/domain';
import enCommon from '../../../shared/i18n/en/common.json';
import enScoring from '../../../shared/i18n/en/scoring.json';
import { NAMESPACES, type Area } from '../../../shared/i18n/namespaces';
import { isValidLanguageTag, matchLocale, normaliseLocale, pickLocale } from './locale';

export { isLocale, matchLocale, normaliseLocale } from './locale';

const STORAGE_KEY = 'dealroom.locale';

/** English core ships with the app; other languages' core loads on first use (a separate chunk each). */
const coreLoaders: Record<Exclude<Locale, 'en'>, () => Promise<Record<(typeof NAMESPACES)[number], object>>> = {
  'zh-CN': async () => {
    const [common, scoring] = await Promise.all([import('../../../shared/i18n/zh-CN/common.json'), import('../../../shared/i18n/zh-CN/scoring.json')]);
    return { common: common.default, scoring: scoring.default };
  },
};

/** An area's strings, a chunk per language: they load with the area's screen, not with the first page. */
const areaLoaders = import.meta.glob<{ default: object }>('./*/areas/*.json', { base: '../../../shared/i18n' });

/** What is in i18next (or on its way), by `locale/core` and `locale/area`, so each file loads once. */
const loads = new Map<string, Promise<void>>([['en/core', Promise.resolve()]]);
/** Every area a screen has asked for: a change of language loads them again in the new one. */
const areasInUse = new Set<Area>();
/** The language last asked for, which may still be loading. */
let targetLocale: Locale = 'en';

function once(key: string, load: () => Promise<void>): Promise<void> {
  let loading = loads.get(key);
  if (!loading) {
    loading = load();
    loads.set(key, loading);
    // A chunk that failed to arrive (offline, a deploy in between) is tried again next time.
    loading.catch(() => loads.delete(key));
  }
  return loading;
}

function loadCore(locale: Locale): Promise<void> {
  return once(`${locale}/core`, async () => {
    const bundles = await coreLoaders[locale as Exclude<Locale, 'en'>]();
    for (const ns of NAMESPACES) i18next.addResourceBundle(locale, ns, bundles[ns], true, true);
  });
}

function loadArea(locale: Locale, area: Area): Promise<void> {
  return once(`${locale}/${area}`, async () => {
    const load = areaLoaders[`./${locale}/areas/${area}.json`];
    if (!load) throw new Error(`i18n: no strings for ${locale}/${area}`);
    i18next.addResourceBundle(locale, 'common', (await load()).default, true, true);
  });
}

/** English too, as the fallback, like the core. */
const localesToLoad = (): Locale[] => [...new Set<Locale>(['en', currentLocale(), targetLocale])];

/** Loads an area's strings in the language on screen (and the one being switched to). */
export async function ensureAreas(...areas: Area[]): Promise<void> {
  for (const area of areas) areasInUse.add(area);
  await Promise.all(localesToLoad().flatMap((locale) => areas.map((area) => loadArea(locale, area))));
}

/** A lazily loaded screen that can also be asked for early: `preload()` starts its code and strings. */
export type PreloadableScreen<P extends object> = ComponentType<P> & { preload: () => Promise<void> };

/**
 * `React.lazy` for a screen that shows an area's strings: the code and the strings
 * arrive together, so the screen never renders a raw key or falls back to English.
 * Every such screen gets `forms` too (field names, error sentences): all of them edit something.
 *
 * `preload()` lets a route start the download before the screen renders (routes.tsx asks for
 * a deal room's chunks and data at once). Once loaded, the screen renders the module itself
 * instead of suspending for a tick: a suspension shows the fallback, and React then holds the
 * content back for up to 300 ms (its fallback throttle) — the map lost that twice on its way in.
 */
export function lazyWithStrings<P extends object>(load: () => Promise<{ default: ComponentType<P> }>, areas: Area[] = []): PreloadableScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const start = () =>
    (loading ??= Promise.all([load(), ensureAreas('forms', ...areas)]).then(
      ([module]) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        // A chunk that failed to arrive (offline, a deploy in between) is asked for again next time.
        loading = undefined;
        throw error;
      },
    ));
  // React 18's types give a lazy component of a generic P ref-adjusted props that TypeScript cannot relate back to P.
  const Lazy = lazy(start) as unknown as ComponentType<P>;
  function Screen(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy, props);
  }
  return Object.assign(Screen, { preload: () => start().then(() => undefined) });
}

/** Storage can be off (private modes, blocked site data): the language then lasts for the visit. */
function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function remember(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // nothing to keep it in; the choice still applies until the page closes
  }
}

/** A language chosen by a `?lang=` link, if the link names one the app has. */
const urlLocale = (): Locale | null => matchLocale(new URLSearchParams(window.location.search).get('lang'));

/** ?lang= wins, then the last choice on this device, then the browser's languages in its order. */
export function initialLocale(): Locale {
  return pickLocale([urlLocale(), readStored(), ...(navigator.languages ?? []), navigator.language]);
}

/**
 * Third-party code formats with `navigator.language` unchecked: uPlot 1.6.32 runs
 * `new Intl.NumberFormat(navigator.language)` when imported (leeoniya/uPlot#1053), which
 * throws on the `en-US@posix` a POSIX-configured Chromium reports. Where the browser's tag
 * is one Intl rejects, this page reports the app's locale instead.
 */
function shieldBrowserLanguage(locale: Locale): void {
  if (isValidLanguageTag(navigator.language)) return;
  const valid = (navigator.languages ?? []).filter(isValidLanguageTag);
  Object.defineProperty(navigator, 'language', { value: locale, configurable: true });
  Object.defineProperty(navigator, 'languages', { value: Object.freeze(valid.length > 0 ? valid : [locale]), configurable: true });
}

/** Resolve before the first render, so no screen flashes in the wrong language. */
export async function initI18n(): Promise<void> {
  const locale = initialLocale();
  shieldBrowserLanguage(locale);
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
  // A `?lang=` link is a choice, kept on this device: it still holds on the pages that follow without
  // the parameter (a single sign-on comes back to /login without it).
  await setLocale(locale, { remember: urlLocale() !== null });
}

/** Switches only once the new language's core and every area on screen (or loaded before) are in. */
export async function setLocale(locale: Locale, { remember: keep = true } = {}): Promise<void> {
  if (keep) remember(locale);
  targetLocale = locale;
  await Promise.all([loadCore(locale), ...[...areasInUse].map((area) => loadArea(locale, area))]);
  if (targetLocale !== locale) return; // a later choice won while this one loaded
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return normaliseLocale(i18next.language);
}

/** The locale on screen, for every `Intl` formatter: always one the app supports, so none can throw. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return normaliseLocale(i18n.language);
}

export default i18next;
