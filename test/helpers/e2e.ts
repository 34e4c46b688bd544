import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './server';

export interface PageOptions {
  /**
   * What `navigator.language` and `navigator.languages` report, any string at all: the
   * `en-US@posix` of a POSIX-configured browser, `''`, `C`. Chromium's own locale emulation
   * refuses some of these, so the page is told before any of its scripts run.
   */
  browserLanguage?: string;
  /** Lifts the app's content-security policy so a test can inject a script (axe-core). Tests only. */
  bypassCSP?: boolean;
  viewport?: { width: number; height: number };
  /** A phone: touch events, the mobile viewport meta honoured, a dense screen (e.g. `{ isMobile: true, hasTouch: true, deviceScaleFactor: 2 }`). */
  device?: { isMobile: boolean; hasTouch: boolean; deviceScaleFactor: number };
}

export interface E2eApp {
  server: TestServer;
  browser: Browser;
  /** A page in a context of its own; its uncaught errors and `console.error` calls fail the running test. */
  newPage(options?: PageOptions): Promise<Page>;
  /** Log in through the real login form and land on the pipeline. */
  login(page: Page, email: string): Promise<void>;
  /** The deal room URL of a seeded deal, found by name as the user sees it in the pipeline. */
  dealUrl(page: Page, name: string): Promise<string>;
  /** What every page reported (uncaught errors, `console.error`) since the last call, which starts the list afresh. */
  takePageErrors(): string[];
  close(): Promise<void>;
}

function failOn(errors: string[], when: string): void {
  if (errors.length > 0) throw new Error(`The page reported errors ${when}:\n${errors.join('\n')}`);
}

/** How the server of an end-to-end file starts, when not the default (e.g. with single sign-on configured). */
export type E2eServerOptions = Parameters<typeof startTestServer>[0];

/** A seeded server serving the built client, and a headless Chromium to drive it. */
export async function startE2eApp(serverOptions?: E2eServerOptions): Promise<E2eApp> {
  if (!existsSync('dist/client/index.html')) throw new Error('Build the client first: npm run build');
  const server = await startTestServer(serverOptions);
  const browser = await launchBrowser();
  let pageErrors: string[] = [];
  const takePageErrors = () => {
    const taken = pageErrors;
    pageErrors = [];
    return taken;
  };
  return {
    server,
    browser,
    async newPage({ browserLanguage, bypassCSP = false, viewport = { width: 1440, height: 900 }, device } = {}) {
      // A context of its own that closes with the page (closing contexts by hand upsets the bundled single-process Chromium).
      const page = await browser.newPage({ viewport, bypassCSP, ...device });
      if (browserLanguage !== undefined) {
        await page.addInitScript((language) => {
          Object.defineProperty(Navigator.prototype, 'language', { get: () => language, configurable: true });
          Object.defineProperty(Navigator.prototype, 'languages', { get: () => Object.freeze([language]), configurable: true });
        }, browserLanguage);
      }
      page.on('pageerror', (error) => pageErrors.push(`uncaught ${error.name}: ${error.message}`));
      // React reports render errors, key warnings and failed effects through console.error; the browser, failed requests.
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()} (${message.location().url || page.url()})`);
      });
      return page;
    },
    async login(page, email) {
      await page.goto(`${server.url}/login?lang=en`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByTestId('pipeline-table').waitFor();
    },
    async dealUrl(page, name) {
      const href = await page.getByRole('link', { name }).first().getAttribute('href');
      if (!href) throw new Error(`No deal link named ${name}`);
      return `${server.url}${href.replace(/\/(info|map|activity|history)$/, '')}`;
    },
    takePageErrors,
    async close() {
      const late = takePageErrors();
      await browser.close();
      await server.stop();
      failOn(late, 'after the last test');
    },
  };
}

/**
 * A seeded app for the tests of one file: started (then `setup` run) before them, closed
 * after them. Each test fails on what the pages reported while it ran, so the failing
 * test is the one named. Read `app` inside tests, not at load.
 */
export function useE2eApp(setup?: (app: E2eApp) => Promise<void>, serverOptions?: () => Promise<E2eServerOptions>): { readonly app: E2eApp } {
  const holder = {} as { app: E2eApp };
  beforeAll(async () => {
    holder.app = await startE2eApp(await serverOptions?.());
    await setup?.(holder.app);
    failOn(holder.app.takePageErrors(), 'while the tests were set up');
  });
  afterEach(() => {
    if (holder.app) failOn(holder.app.takePageErrors(), 'during this test');
  });
  afterAll(async () => {
    await holder.app?.close();
  });
  return holder;
}

/**
 * The usual end-to-end file: before its tests, a seeded app and a page logged in as
 * `email`, with the URL of the deal called `dealName`; after them, everything closed.
 * Read the fields inside tests, not at load.
 */
export function useLoggedInDealRoom(email: string, dealName: string): { readonly app: E2eApp; readonly page: Page; readonly dealUrl: string } {
  const room = {} as { app: E2eApp; page: Page; dealUrl: string };
  const holder = useE2eApp(async (app) => {
    room.app = app;
    room.page = await app.newPage();
    await app.login(room.page, email);
    room.dealUrl = await app.dealUrl(room.page, dealName);
  });
  return {
    get app() {
      return holder.app;
    },
    get page() {
      return room.page;
    },
    get dealUrl() {
      return room.dealUrl;
    },
  };
}
