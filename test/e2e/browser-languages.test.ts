import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e';
import { logCheckIn, pagesPerUser, SCREENS } from './screens';

/**
 * A browser may report a language tag `Intl` rejects: the Chromium inside @sparticuz/chromium
 * (and a Linux desktop on the POSIX locale) says `en-US@posix`; others say `C` or nothing.
 * Every screen must still render, with no uncaught error and no console.error (useE2eApp).
 */
describe('every screen works whatever language the browser reports', () => {
  const e2e = useE2eApp(logCheckIn);

  it.each([
    ['en-US@posix', 'en'],
    ['', 'en'],
    ['C', 'en'],
    ['zh_CN.UTF-8', 'zh-CN'],
  ])('navigator.language %j: every screen renders, in %s', async (browserLanguage, shown) => {
    const app = e2e.app;
    const { pageFor, urls, close } = await pagesPerUser(app, { browserLanguage });
    // The login page has only the browser to go by; signed-in pages follow the user's saved language.
    const login = pageFor(SCREENS[0]!);
    await SCREENS[0]!.open(login, urls);
    expect(await login.evaluate(() => document.documentElement.lang)).toBe(shown);
    // Third-party code (uPlot formats with navigator.language at import) sees the app's locale instead of the rejected tag.
    expect(await login.evaluate(() => navigator.language)).toBe(shown);
    for (const screen of SCREENS) {
      await screen.open(pageFor(screen), urls);
      expect(app.takePageErrors(), screen.name).toEqual([]);
    }
    await close();
  });
});
