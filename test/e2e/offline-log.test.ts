/**
 * Logging a meeting with no signal (issue #20, SPEC §16), in a real browser with the built
 * app's service worker: the entry waits on the device through a reload made offline (the
 * app opens from the cache), is sent once when the connection returns, and a stance someone
 * else changed meanwhile is put to the rep, never applied over them.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STANCES, type Stance } from '../../shared/domain';
import { loginAs, type ApiSession } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

const DEAL = 'Line 9 CBTC signalling platform';
/** A stance other than those given: a change that really changes something. */
const otherThan = (...taken: Stance[]): Stance => STANCES.find((stance) => !taken.includes(stance))!;
const PHONE = { viewport: { width: 390, height: 844 }, device: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } };

/** Set SCREENSHOTS=<folder> to keep pictures of the screens this file visits. */
async function shot(page: Page, name: string) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: `${folder}/${name}.png` });
}

describe('logging a meeting offline', () => {
  const e2e = useE2eApp();
  let rep: ApiSession;
  let dealId: number;

  const people = async () => (await rep.trpc.deal.get.query({ id: dealId })).stakeholders;
  const activitiesSaying = async (summary: string) => (await rep.trpc.activity.list.query({ dealId })).filter((a) => a.summary === summary);

  /**
   * With no network the browser reports each request that got no answer; those, and only
   * those, are expected while offline. (Some Chromium builds, the bundled one among them, say
   * they are online again after an offline reload: the app then finds out by trying.)
   */
  function expectOnlyOfflineErrors() {
    for (const error of e2e.app.takePageErrors()) expect(error).toMatch(/net::ERR_INTERNET_DISCONNECTED/);
  }
  /** The queue goes out on the "online" event, or at the latest on the next periodic try (15 s). */
  const SYNC_TIMEOUT = 45_000;

  /** A phone page, logged in, that has opened the deal room once with a signal and is controlled by the service worker. */
  async function phoneInDealRoom(options = PHONE): Promise<Page> {
    const { app } = e2e;
    rep ??= await loginAs(app.server, 'rep1@demo.test');
    const page = await app.newPage(options);
    await app.login(page, 'rep1@demo.test');
    const url = await app.dealUrl(page, DEAL);
    dealId = Number(url.split('/').pop());
    await page.goto(`${url}/activity`);
    await page.getByTestId('activity-timeline').or(page.locator('.timeline-card .state-empty')).first().waitFor();
    // The app shell is precached once the worker is active; it controls the page from then on (clientsClaim).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    return page;
  }

  /** Fill the form opened from the deal room's one-tap button: tick people, change stances, write the summary, send. */
  async function logMeeting(page: Page, ticks: { name: string; stance?: Stance }[], summary: string) {
    await page.getByTestId('log-meeting-link').click();
    await page.getByTestId('lm-deal').getByText(DEAL).waitFor();
    for (const tick of ticks) {
      await page.getByRole('checkbox', { name: tick.name }).check();
      if (tick.stance) await page.getByLabel(`Stance of ${tick.name} now`).selectOption(tick.stance);
    }
    await page.getByLabel('What happened').fill(summary);
    await page.getByRole('button', { name: 'Log meeting' }).click();
  }

  it('a meeting with two people and a stance change waits offline, survives an offline reload, and is sent once', async () => {
    const page = await phoneInDealRoom();
    const [first, second] = await people();
    if (!first || !second) throw new Error('the deal needs two people on its map');
    const newStance: Stance = first.stance === 'ally' ? 'supporter' : 'ally';
    const summary = `Depot visit offline ${Date.now()}`;

    await page.context().setOffline(true);
    await logMeeting(page, [{ name: first.name, stance: newStance }, { name: second.name }], summary);
    expect(await page.getByTestId('lm-outcome').textContent()).toContain('Saved on this device');
    const badge = page.getByTestId('sync-badge');
    expect(await badge.getAttribute('aria-label')).toBe('1 waiting to sync');
    await shot(page, 'offline-log-queued');
    expect(await activitiesSaying(summary)).toEqual([]);

    // No network at all: the page comes from the service worker's cache, the entry from IndexedDB.
    await page.reload();
    await badge.waitFor();
    expect(await badge.getAttribute('aria-label')).toBe('1 waiting to sync');
    await badge.click();
    const list = page.getByTestId('sync-list');
    expect(await list.textContent()).toContain(summary);
    expect(await list.textContent()).toContain('Not sent yet');
    await page.getByRole('button', { name: 'Close' }).click();
    expectOnlyOfflineErrors();

    await page.context().setOffline(false);
    await badge.waitFor({ state: 'detached', timeout: SYNC_TIMEOUT });
    const logged = await activitiesSaying(summary);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.kind).toBe('meeting');
    expect(logged[0]!.stakeholderIds.toSorted()).toEqual([first.id, second.id].toSorted());
    const after = (await people()).find((p) => p.id === first.id)!;
    expect(after.stance).toBe(newStance);
    expect(after.version).toBe(first.version + 1);
    // The rep's own retry (a periodic one, a second tab) finds nothing more to send.
    await page.reload();
    await page.getByRole('form', { name: 'Log a meeting' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('sync-badge').count()).toBe(0);
    expect(await activitiesSaying(summary)).toHaveLength(1);
    await page.close();
  });

  it('a stance another user changed meanwhile is put to the rep, who keeps theirs or keeps mine', async () => {
    const page = await phoneInDealRoom({ viewport: { width: 1440, height: 900 }, device: { isMobile: false, hasTouch: false, deviceScaleFactor: 1 } });
    const manager = await loginAs(e2e.app.server, 'manager@demo.test');
    const [, , person, other] = await people();
    if (!person || !other) throw new Error('the deal needs four people on its map');
    const mine = otherThan(person.stance);
    const theirs = otherThan(person.stance, mine);
    const otherMine = otherThan(other.stance);
    const otherTheirs = otherThan(other.stance, otherMine);
    const summary = `Steering group offline ${Date.now()}`;

    await page.context().setOffline(true);
    await logMeeting(page, [{ name: person.name, stance: mine }, { name: other.name, stance: otherMine }], summary);
    await page.getByTestId('sync-badge').waitFor();

    // Logging out now would lose the entry: the app asks first, and Cancel keeps it.
    await page.getByRole('button', { name: 'Log out' }).click();
    const question = page.getByTestId('confirm-dialog');
    expect(await question.textContent()).toContain('1 meeting logged on this device has not reached the server yet');
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('sync-badge').getAttribute('aria-label')).toBe('1 waiting to sync');

    // Meanwhile, with a signal, the manager changes both people.
    await manager.trpc.stakeholder.update.mutate({ id: person.id, version: person.version, stance: theirs });
    await manager.trpc.stakeholder.update.mutate({ id: other.id, version: other.version, stance: otherTheirs });

    expectOnlyOfflineErrors();
    await page.context().setOffline(false);
    const badge = page.getByTestId('sync-badge');
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-badge"]')?.getAttribute('aria-label') === '1 to sync needs you', undefined, { timeout: SYNC_TIMEOUT });
    // The meeting itself went through once; the stances wait for the rep, neither applied nor dropped.
    expect(await activitiesSaying(summary)).toHaveLength(1);
    expect((await people()).find((p) => p.id === person.id)!.stance).toBe(theirs);

    await badge.click();
    const list = page.getByTestId('sync-list');
    await list.getByRole('group', { name: `Stance conflict for ${person.name}` }).waitFor();
    expect(await list.textContent()).toMatch(new RegExp(`Someone else changed ${person.name} to \\w+ meanwhile`));
    await shot(page, 'offline-log-conflict');
    await list.getByRole('group', { name: `Stance conflict for ${other.name}` }).getByRole('button', { name: /^Keep theirs/ }).click();
    await list.getByRole('group', { name: `Stance conflict for ${person.name}` }).getByRole('button', { name: /^Keep mine/ }).click();
    await list.getByText('Everything is sent.').or(page.getByText('Everything is sent.')).first().waitFor();
    await badge.waitFor({ state: 'detached' });

    const now = await people();
    expect(now.find((p) => p.id === person.id)).toMatchObject({ stance: mine, version: person.version + 2 });
    expect(now.find((p) => p.id === other.id)).toMatchObject({ stance: otherTheirs, version: other.version + 1 });
    expect(await activitiesSaying(summary)).toHaveLength(1);
    // The browser logs each refused stale write (409) as an error: exactly those two, nothing else.
    const errors = e2e.app.takePageErrors();
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(error).toMatch(/status of 409 \(Conflict\).*\/trpc\/stakeholder\.update/);
    await page.close();
  });

  it('logging out with a meeting not sent, confirmed, deletes it from the device: it is never sent', async () => {
    const page = await phoneInDealRoom({ viewport: { width: 1440, height: 900 }, device: { isMobile: false, hasTouch: false, deviceScaleFactor: 1 } });
    const [person] = await people();
    const summary = `Dropped on logout ${Date.now()}`;
    await page.context().setOffline(true);
    await logMeeting(page, [{ name: person!.name }], summary);
    await page.getByTestId('sync-badge').waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Log out and delete them' }).click();
    await page.getByTestId('sync-badge').waitFor({ state: 'detached' });
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('deal-room-outbox');
          open.onerror = () => reject(new Error('cannot open the queue'));
          open.onsuccess = () => {
            const count = open.result.transaction('meetings').objectStore('meetings').count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
    expect(stored).toBe(0);
    expectOnlyOfflineErrors();

    // The logout itself waits for the network, and goes through when it is back; the meeting does not.
    await page.context().setOffline(false);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Password').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await activitiesSaying(summary)).toEqual([]);
    // Queries the reconnection refreshed may have raced the logout: refused as signed out, nothing else.
    for (const error of e2e.app.takePageErrors()) expect(error).toMatch(/status of 401 \(Unauthorized\)/);
    await page.close();
  });
});
