/**
 * Every screen of the app, each with the way to reach it and what shows it really rendered,
 * for the tests that walk them all (odd browser languages, accessibility). Checks go by
 * test id and structure, not wording, so they hold in English and in Chinese alike.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Locale } from '../../shared/domain';
import { expectOk, loginAs } from '../helpers/api';
import type { E2eApp } from '../helpers/e2e';
import { DEMO_PASSWORD } from '../helpers/server';

/** The cards of an admin's Settings: thresholds, key accounts, import, users, teams, sign-in, API tokens, webhooks. */
const SETTINGS_CARDS = 8;

export const DEAL = 'Core banking mainframe refresh';
const CHECK_IN = 'Weekly check-in on the core banking refresh';

/** A call on the deal today: the stand-up then has deals to present, and the activity tab a known entry. */
export async function logCheckIn(app: E2eApp): Promise<void> {
  const rep = await loginAs(app.server, 'rep1@demo.test');
  const deal = (await rep.trpc.deal.list.query()).items.find((d) => d.name === DEAL)!;
  expectOk(await rep.mutate('activity.log', { dealId: deal.id, kind: 'call', occurredAt: new Date().toISOString(), stakeholderIds: [], summary: CHECK_IN }));
}

export interface Screen {
  name: string;
  /** Who looks at it: null for the login page. */
  user: 'rep1@demo.test' | 'manager@demo.test' | 'admin@demo.test' | null;
  /** Opens the screen, from any page of the same user, and waits for its real content. */
  open(page: Page, urls: { base: string; deal: string }): Promise<void>;
}

const nonEmpty = async (page: Page, testId: string) => {
  const element = page.getByTestId(testId).first();
  await element.waitFor();
  await expect.poll(async () => ((await element.textContent()) ?? '').trim().length).toBeGreaterThan(0);
};

export const SCREENS: readonly Screen[] = [
  {
    name: 'login',
    user: null,
    async open(page, { base }) {
      await page.goto(`${base}/login`);
      await page.locator('form.login-card input[type=email]').waitFor();
      await expect.poll(() => page.locator('form.login-card h1').textContent()).not.toBe('');
    },
  },
  {
    name: 'pipeline table',
    user: 'rep1@demo.test',
    async open(page, { base }) {
      await page.goto(`${base}/`);
      await expect.poll(() => page.getByTestId('pipeline-table').textContent()).toContain(DEAL);
    },
  },
  {
    name: 'pipeline board',
    user: 'rep1@demo.test',
    async open(page, { base }) {
      await page.goto(`${base}/?view=board`);
      await expect.poll(() => page.getByTestId('pipeline-board').getByTestId('board-card').count()).toBe(11); // rep1's seeded deals: three open, one lost, seven past orders (won)
    },
  },
  {
    name: 'deal room map',
    user: 'rep1@demo.test',
    async open(page, { deal }) {
      await page.goto(`${deal}/map`);
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(12);
      await nonEmpty(page, 'health-summary');
    },
  },
  {
    name: 'deal room info',
    user: 'rep1@demo.test',
    async open(page, { deal }) {
      await page.goto(`${deal}/info`);
      await expect.poll(() => page.locator('[data-testid^="info-point-"]').count()).toBe(9);
    },
  },
  {
    name: 'deal room activity',
    user: 'rep1@demo.test',
    async open(page, { deal }) {
      await page.goto(`${deal}/activity`);
      await page.getByTestId('activity-timeline').waitFor();
      await expect.poll(() => page.getByTestId('activity-timeline').textContent()).toContain(CHECK_IN);
    },
  },
  {
    name: 'deal room history',
    user: 'rep1@demo.test',
    async open(page, { deal }) {
      await page.goto(`${deal}/history`);
      await page.getByTestId('history-chart').locator('canvas').first().waitFor();
      await expect.poll(() => page.getByTestId('history-events').locator('li').count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId('history-events').textContent()).toContain(DEAL);
    },
  },
  {
    name: 'log a meeting',
    user: 'rep1@demo.test',
    async open(page, { deal }) {
      await page.goto(`${deal}/log`);
      await page.getByTestId('lm-deal').waitFor();
      await expect.poll(() => page.locator('.lm-person').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'deal one-pager (print)',
    user: 'manager@demo.test',
    async open(page, { deal }) {
      await page.goto(`${deal}/print`);
      await nonEmpty(page, 'print-facts');
      await expect.poll(() => page.locator('[data-testid="print-map"] [data-testid="stakeholder-node"]').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'review',
    user: 'manager@demo.test',
    async open(page, { base }) {
      await page.goto(`${base}/review`);
      await nonEmpty(page, 'review-totals');
      await expect.poll(() => page.getByTestId('review-card').count()).toBe(5); // the team's five open deals
    },
  },
  {
    name: 'stand-up',
    user: 'manager@demo.test',
    async open(page, { base }) {
      await page.goto(`${base}/standup`);
      await nonEmpty(page, 'standup-period');
      await expect.poll(() => page.locator('.page h1').count()).toBe(1);
    },
  },
  {
    name: 'stand-up presenter',
    user: 'manager@demo.test',
    async open(page, { base }) {
      await page.goto(`${base}/standup`);
      await page.getByTestId('standup-deal').first().waitFor();
      await page.locator('.page-head button.btn-primary').first().click();
      await page.getByTestId('presenter-slide').waitFor();
      await expect.poll(() => page.getByTestId('presenter-slide').locator('[data-threshold]').count()).toBe(3);
    },
  },
  {
    name: 'accounts',
    user: 'manager@demo.test',
    async open(page, { base }) {
      await page.goto(`${base}/accounts`);
      await expect.poll(() => page.getByTestId('accounts-table').locator('tbody tr').count()).toBeGreaterThan(1);
      await page.getByTestId('portfolio').waitFor();
    },
  },
  {
    name: 'account room',
    user: 'manager@demo.test',
    async open(page, { base }) {
      await page.goto(`${base}/accounts`);
      await page.getByTestId('accounts-table').getByRole('link', { name: 'Harbor Bank' }).click();
      await page.getByTestId('scorecard').waitFor();
      await expect.poll(() => page.locator('[data-testid=org-chart] .react-flow__node').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'settings',
    user: 'admin@demo.test',
    async open(page, { base }) {
      await page.goto(`${base}/settings`);
      await page.locator('form.threshold-form input').first().waitFor();
      await expect.poll(() => page.locator('.settings-layout .card-title').count()).toBe(SETTINGS_CARDS);
      await page.locator('.teams-table tbody tr').first().waitFor();
    },
  },
];

/** Logs in through the form by its structure (the labels may be in either language), leaving the language as the page chose it. */
export async function logInAnyLanguage(app: E2eApp, page: Page, email: string): Promise<void> {
  await page.goto(`${app.server.url}/login`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.locator('form.login-card button[type=submit]').click();
  await page.getByTestId('pipeline-table').waitFor();
}

/**
 * One page per user (and one logged out), each with the given options, and the deal's URL.
 * With `locale`, every page shows that language: the browser asks for it, and once signed in
 * the language switcher replaces the user's saved one.
 */
export async function pagesPerUser(app: E2eApp, { locale, ...options }: NonNullable<Parameters<E2eApp['newPage']>[0]> & { locale?: Locale }) {
  const pages = new Map<Screen['user'], Page>();
  for (const user of [null, 'rep1@demo.test', 'manager@demo.test', 'admin@demo.test'] as const) {
    const page = await app.newPage(locale ? { browserLanguage: locale, ...options } : options);
    if (user) await logInAnyLanguage(app, page, user);
    if (user && locale) {
      // The header's language switcher, as a user would: it remembers the choice on this device and for the account.
      await page.locator('.lang-switch select').selectOption(locale);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
    }
    pages.set(user, page);
  }
  const rep = pages.get('rep1@demo.test')!;
  const urls = { base: app.server.url, deal: await app.dealUrl(rep, DEAL) };
  return { pageFor: (screen: Screen) => pages.get(screen.user)!, urls, close: () => Promise.all([...pages.values()].map((page) => page.close())) };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** axe-core's serious and critical violations on the page as it is now (the page's context must bypass CSP). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe.run(document);
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target.map(String), failureSummary: node.failureSummary })),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** One line per element at fault: rule, target and axe's summary, so the report says what to fix. */
export function describeViolations(screen: string, violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${screen} · ${violation.id} (${violation.impact}) · ${node.target.join(' ')} · ${node.failureSummary.replace(/\s+/g, ' ').trim()}`),
  );
}
