import { DAY_MS } from '../../../shared/dates';
import { useMemo } from 'react';
import type { Locale } from '../../../shared/domain';
import { useLocale } from '../i18n';

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const formatters = new Map<string, Formatter>();
/**
 * One Intl formatter per locale and options for the page's life. Building one is not cheap: a
 * profile of the deal room's first render found ~25 ms in `money` alone, every amount constructing
 * its currency formatter again (ADR 32).
 */
function cached<F extends Formatter>(key: string, build: () => F): F {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter as F;
}

/** Locale-aware formatters in the locale on screen (never the browser's raw tag); the same object while the locale stays. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(() => formatIn(locale), [locale]);
}

/** The formatters of one locale. */
export function formatIn(locale: Locale) {
  return {
    money(amount: number, currency: string) {
      return cached(`${locale} money ${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 })).format(amount);
    },
    compactMoney(amount: number, currency: string) {
      return cached(`${locale} compact ${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 })).format(amount);
    },
    date(value: string | null | undefined) {
      if (!value) return '—';
      const day = value.length === 10;
      const d = new Date(day ? `${value}T00:00:00Z` : value);
      return cached(`${locale} date ${day}`, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: day ? 'UTC' : undefined })).format(d);
    },
    count(value: number) {
      return cached(`${locale} count`, () => new Intl.NumberFormat(locale)).format(value);
    },
    percent(ratio: number) {
      return cached(`${locale} percent`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(ratio);
    },
    relativeDays(value: string | null | undefined, now = new Date()) {
      if (!value) return null;
      const days = Math.round((new Date(value).getTime() - now.getTime()) / DAY_MS);
      return cached(`${locale} relative`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(days, 'day');
    },
  };
}

/**
 * At start-up, before anything else: a worker loads Intl's data for `locale` (the one the page will
 * show) while this thread starts the app. The first currency formatter of a page loads ICU's data:
 * 35–65 ms of this thread on this project's 2-core machine (the next one 0.2 ms), on the critical
 * path of the deal room's header. ICU's data is the renderer process's, so the formatters built here
 * later find it loaded (ADR 36; ADR 32 did it on this thread while the loading state showed).
 * A browser without module workers loads it on first use.
 */
export function warmUpFormatsOffThread(locale: Locale): void {
  try {
    new Worker(new URL('./warmIntl.worker.ts', import.meta.url), { type: 'module' }).postMessage(locale);
  } catch {
    // no worker: the first amount loads the data
  }
}

/** Today's date as YYYY-MM-DD in the user's time zone, for date inputs. */
export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
