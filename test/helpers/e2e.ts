import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './server';

export interface E2eApp {
  server: TestServer;
  browser: Browser;
  newPage(): Promise<Page>;
  /** Log in through the real login form and land on the pipeline. */
  login(page: Page, email: string): Promise<void>;
  /** The deal room URL of a seeded deal, found by name as the user sees it in the pipeline. */
  dealUrl(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** A seeded server serving the built client, and a headless Chromium to drive it. */
export async function startE2eApp(): Promise<E2eApp> {
  if (!existsSync('dist/client/index.html')) throw new Error('Build the client first: npm run build');
  const server = await startTestServer();
  const browser = await launchBrowser();
  const consoleErrors: string[] = [];
  return {
    server,
    browser,
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
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
    async close() {
      await browser.close();
      await server.stop();
      if (consoleErrors.length > 0) throw new Error(`Uncaught errors in the page:\n${consoleErrors.join('\n')}`);
    },
  };
}

/**
 * The usual end-to-end file: before its tests, a seeded app and a page logged in as
 * `email`, with the URL of the deal called `dealName`; after them, everything closed
 * (and any uncaught page error reported). Read the fields inside tests, not at load.
 */
export function useLoggedInDealRoom(email: string, dealName: string): { readonly app: E2eApp; readonly page: Page; readonly dealUrl: string } {
  const room = {} as { app: E2eApp; page: Page; dealUrl: string };
  beforeAll(async () => {
    room.app = await startE2eApp();
    room.page = await room.app.newPage();
    await room.app.login(room.page, email);
    room.dealUrl = await room.app.dealUrl(room.page, dealName);
  });
  afterAll(async () => {
    await room.app?.close();
  });
  return room;
}
