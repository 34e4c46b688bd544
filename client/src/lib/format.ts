import { DAY_MS } from '../../../shared/dates';
import { useLocale } from '../i18n';

/** Locale-aware formatters in the locale on screen (never the browser's raw tag); Intl is cheap enough at this scale not to memoise. */
export function useFormat() {
  const locale = useLocale();
  return {
    money(amount: number, currency: string) {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
    },
    compactMoney(amount: number, currency: string) {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(amount);
    },
    date(value: string | null | undefined) {
      if (!value) return '—';
      const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
      return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: value.length === 10 ? 'UTC' : undefined }).format(d);
    },
    count(value: number) {
      return new Intl.NumberFormat(locale).format(value);
    },
    percent(ratio: number) {
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
    },
    relativeDays(value: string | null | undefined, now = new Date()) {
      if (!value) return null;
      const days = Math.round((new Date(value).getTime() - now.getTime()) / DAY_MS);
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
    },
  };
}

/** Today's date as YYYY-MM-DD in the user's time zone, for date inputs. */
export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
