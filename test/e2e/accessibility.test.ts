import { describe, expect, it } from 'vitest';
import { expectOk, loginAs } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';
import { DEAL, describeViolations, pagesPerUser, SCREENS, seriousViolations } from './screens';

/**
 * axe-core, run in the browser on every screen in both languages: no serious or critical
 * violation (contrast, names, roles). The app's CSP blocks injected scripts, so these pages
 * bypass it; nothing else about them differs.
 */
describe('every screen passes axe-core in English and in Chinese', () => {
  const e2e = useE2eApp(async (app) => {
    // Something changed this week, so the stand-up has deals to present.
    const rep = await loginAs(app.server, 'rep1@demo.test');
    const deal = (await rep.trpc.deal.list.query()).find((d) => d.name === DEAL)!;
    expectOk(await rep.mutate('activity.log', { dealId: deal.id, kind: 'call', occurredAt: new Date().toISOString(), stakeholderIds: [], summary: 'Weekly check-in' }));
  });

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
