import { LOCALES, type Locale } from '../../../shared/domain';

/**
 * The one place that turns what a browser, `?lang=` or storage says into a locale the app
 * supports. Pure and total: nothing here throws, whatever the input (`en-US@posix` from a
 * POSIX environment, `C`, `zh_CN.UTF-8`, `''`, garbage), so no `Intl` formatter ever sees
 * a tag it rejects.
 */

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The primary language of a tag in lower case (`zh` for `zh_Hant_TW.UTF-8@x`), or null when there is none. */
export function primaryLanguage(tag: unknown): string | null {
  if (typeof tag !== 'string') return null;
  // POSIX locales (`en_US.UTF-8@posix`) put an encoding and a modifier after the region; BCP 47 has neither.
  const bcp47 = tag.trim().split(/[.@]/)[0]!.replace(/_/g, '-');
  let language: string;
  try {
    language = new Intl.Locale(bcp47).language;
  } catch {
    return null; // not a language tag at all: `C`, `''`, `*`, garbage
  }
  return /^[a-z]{2,3}$/.test(language) ? language : null;
}

/**
 * The supported locale for a language tag, or null when it names no language the app has.
 * Every Chinese tag (`zh`, `zh-Hans-CN`, `zh-TW`, `zh-HK`) gets Simplified Chinese, the only
 * Chinese the app has; every English one gets English.
 */
export function matchLocale(tag: unknown): Locale | null {
  if (isLocale(tag)) return tag;
  const language = primaryLanguage(tag);
  return LOCALES.find((locale) => locale.split('-')[0] === language) ?? null;
}

/** A supported locale for any tag at all: English when it names no language the app has. */
export function normaliseLocale(tag: unknown): Locale {
  return matchLocale(tag) ?? DEFAULT_LOCALE;
}

/** The first of the candidates (most wanted first) the app supports, else English. */
export function pickLocale(candidates: readonly unknown[]): Locale {
  for (const candidate of candidates) {
    const locale = matchLocale(candidate);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** Whether `Intl` accepts a tag; third-party code hands it `navigator.language` unchecked. */
export function isValidLanguageTag(tag: unknown): boolean {
  if (typeof tag !== 'string' || tag === '') return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
