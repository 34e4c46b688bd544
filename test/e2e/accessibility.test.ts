import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e';
import { describeViolations, logCheckIn, pagesPerUser, SCREENS, seriousViolations } from './screens';

/**
 * axe-core, run in the browser on every screen in both languages: no serious or critical
 * violation (contrast, names, roles). The app's CSP blocks injected scripts, so these pages
 * bypass it; nothing else about them differs.
 */
describe('every screen passes axe-core in English and in Chinese', () => {
  const e2e = useE2eApp(logCheckIn);

  it.each([['en' as const], ['zh-CN' as const]])('%s: no serious or critical violation on any screen', async (locale) => {
    const { pageFor, urls, close } = await pagesPerUser(e2e.app, { locale, bypassCSP: true });
    const found: string[] = [];
    for (const screen of SCREENS) {
      const page = pageFor(screen);
      await screen.open(page, urls);
      expect(await page.evaluate(() => document.documentElement.lang), screen.name).toBe(locale);
      found.push(...describeViolations(screen.name, await seriousViolations(page)));
    }
    await close();
    expect(found, `${found.length} elements at fault:\n${found.join('\n')}`).toEqual([]);
  });
});
