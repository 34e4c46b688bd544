/**
 * Loads Intl's data for the page's locale on a thread of its own (ADR 36). ICU keeps the data it
 * has loaded for the whole renderer process, so the page's first currency and date formatters then
 * cost ~0.2 ms instead of 35–65 ms of its main thread (measured in this project's Chromium).
 */
self.onmessage = (event: MessageEvent<string>) => {
  const locale = event.data;
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(0);
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(0);
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(0);
  self.close();
};
