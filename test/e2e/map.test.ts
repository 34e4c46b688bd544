import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, type ApiSession } from '../helpers/api';
import { useE2eApp } from '../helpers/e2e';

/** Centre of an element on the page, for mouse gestures. */
async function centre(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 5, from.y + 5, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

describe('a rep maps the buying group of a real deal', () => {
  let page: Page;
  let api: ApiSession;
  let dealUrl: string;
  let dealId: number;
  useE2eApp(async (app) => {
    page = await app.newPage();
    await app.login(page, 'rep1@demo.test');
    dealUrl = await app.dealUrl(page, 'Core banking mainframe refresh');
    dealId = Number(dealUrl.split('/').pop());
    api = await loginAs(app.server, 'rep1@demo.test');
  });
  const room = () => api.trpc.deal.get.query({ id: dealId });
  const card = (id: number) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const edge = (relationshipId: number) => page.locator(`.react-flow__edge[data-id="rel-${relationshipId}"]`);
  const person = async (name: string) => {
    const found = (await room()).stakeholders.find((s) => s.name === name);
    if (!found) throw new Error(`${name} is not on the map`);
    return found;
  };
  /** Each test starts from a freshly loaded map, the whole canvas scrolled into the 1440×900 window for mouse gestures. */
  const openMap = async () => {
    await page.goto(`${dealUrl}/map?lang=en`);
    const { stakeholders } = await room();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(stakeholders.length);
    await page.getByTestId('influence-map').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  };

  it('draws one card per stakeholder, keyed by the stakeholder’s id', async () => {
    await openMap();
    const { stakeholders } = await room();
    expect(stakeholders.length).toBe(12);
    for (const s of stakeholders) expect(await card(s.id).count()).toBe(1);
    const ceo = card((await person('Wang Jianguo')).id);
    expect(await ceo.textContent()).toContain('Final decision');
    // readable at fit zoom on a 1440×900 screen
    const nameHeight = await ceo.locator('.sh-name').evaluate((el) => el.getBoundingClientRect().height);
    expect(nameHeight).toBeGreaterThanOrEqual(15);
  });

  it('opens an unchanged map a second time in the same places without loading the auto-layout’s code (ADR 36)', async () => {
    const places = () => page.locator('.react-flow__node').evaluateAll((cards) => cards.map((el) => `${el.getAttribute('data-id')} ${(el as HTMLElement).style.transform}`).sort());
    const layoutCode = () => page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => /\/assets\/autoLayout-[^/]+\.js$/.test(entry.name)).length);
    // Nobody on the demo deal has a place of their own: the first visit lays them out (and remembers it).
    expect((await room()).stakeholders.every((s) => s.positionX === null)).toBe(true);
    await page.evaluate(() => window.localStorage.removeItem('dealroom.autoLayout'));
    await openMap();
    expect(await layoutCode()).toBe(1);
    const first = await places();
    await openMap();
    expect(await layoutCode()).toBe(0);
    expect(await places()).toEqual(first);
  });

  it('zoomed out past reading distance, draws each card’s name alone and no line labels; zoomed back in, both return', async () => {
    await openMap();
    const map = page.getByTestId('influence-map');
    const ceo = card((await person('Wang Jianguo')).id);
    const labels = page.locator('.react-flow__edge-text');
    // The lines join the cards after their first paint.
    await expect.poll(() => labels.count()).toBeGreaterThan(0);
    expect(await ceo.locator('.sh-title').count()).toBe(1);
    const middle = await centre(map);
    await page.mouse.move(middle.x, middle.y);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 400);
    await expect.poll(() => map.evaluate((el) => el.classList.contains('zoom-far'))).toBe(true);
    await expect.poll(() => ceo.locator('.sh-title').count()).toBe(0);
    expect(await ceo.locator('.sh-name').textContent()).toBe('Wang Jianguo');
    expect(await ceo.locator('.sh-badges').count()).toBe(0);
    expect(await labels.count()).toBe(0);
    expect(await page.locator('.react-flow__node').count()).toBe(12);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -400);
    await expect.poll(() => map.evaluate((el) => el.classList.contains('zoom-far'))).toBe(false);
    await expect.poll(() => ceo.locator('.sh-title').count()).toBe(1);
    expect(await ceo.textContent()).toContain('Final decision');
    await expect.poll(() => labels.count()).toBeGreaterThan(0);
  });

  it('adds a new person in the side panel, reporting to the CIO, who is still there after a reload', async () => {
    await openMap();
    const before = (await room()).stakeholders.length;
    const cio = await person('Liu Fang');
    await page.getByRole('button', { name: 'Add person' }).click();
    const panel = page.getByTestId('person-panel');
    await panel.getByLabel('Name').fill('Qian Lei');
    await panel.getByLabel('Title').fill('Head of Digital Channels');
    await panel.getByLabel('Level').selectOption('management');
    await panel.getByLabel('Reports to').selectOption(String(cio.contactId));
    await panel.getByRole('button', { name: 'Add to map' }).click();
    await expect.poll(async () => (await room()).stakeholders.map((s) => s.name)).toContain('Qian Lei');
    const added = await person('Qian Lei');
    await card(added.id).waitFor();
    expect(await card(added.id).textContent()).toContain('Head of Digital Channels');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);

    await openMap();
    expect(await card(added.id).textContent()).toContain('Head of Digital Channels');
  });

  it('connects two people with an “influences” edge by dragging handle to handle, kept after a reload', async () => {
    const added = await api.trpc.stakeholder.add.mutate({ dealId, name: 'Bai Rui', title: 'Head of Payments', level: 'management', decisionRole: 'influencer', influence: 3 });
    const from = await person('Bai Rui');
    const to = await person('Wang Jianguo');
    expect(from.id).toBe(added.id);
    await openMap();
    await drag(page, await centre(card(from.id).locator('.react-flow__handle.source')), await centre(card(to.id).locator('.react-flow__handle.target')));
    const dialog = page.getByRole('dialog', { name: 'New relationship' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Bai Rui');
    await dialog.getByText('Strong', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(async () => (await room()).relationships.find((r) => r.fromStakeholderId === from.id && r.toStakeholderId === to.id))
      .toMatchObject({ kind: 'influences', strength: 3 });
    const rel = (await room()).relationships.find((r) => r.fromStakeholderId === from.id)!;
    await edge(rel.id).waitFor();

    await openMap();
    await edge(rel.id).waitFor();
  });

  it('drags a card to a new place, saves it on drop and draws it there after a reload', async () => {
    await openMap();
    const before = await person('He Jun');
    const start = await centre(card(before.id));
    await drag(page, start, { x: start.x - 40, y: start.y + 70 });
    await expect.poll(async () => { const p = await person('He Jun'); return [p.positionX, p.positionY]; }).not.toEqual([before.positionX, before.positionY]);
    const moved = await person('He Jun');
    expect(moved.positionX).not.toBeNull();

    await openMap();
    const transform = await card(moved.id).evaluate((el) => (el as HTMLElement).style.transform);
    expect(transform).toBe(`translate(${moved.positionX}px, ${moved.positionY}px)`);
  });

  it('turns a neutral person into an ally and the coverage figure moves at once', async () => {
    await openMap();
    const influence = page.getByTestId('coverage-influence').locator('.figure-value');
    const before = await influence.textContent();
    const buyer = await person('Zhou Yan');
    expect(buyer.stance).toBe('neutral');
    await card(buyer.id).click();
    const panel = page.getByTestId('person-panel');
    await panel.getByTestId('stance-select').selectOption('ally');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => influence.textContent()).not.toBe(before);
    expect(await card(buyer.id).textContent()).toContain('Ally');
    expect((await person('Zhou Yan')).stance).toBe('ally');
  });

  it('opens a card from the keyboard, and removes a relationship with Delete after confirming', async () => {
    const [from, to] = [await person('Xu Jing'), await person('Sun Li')];
    const rel = await api.trpc.relationship.add.mutate({ dealId, fromStakeholderId: from.id, toStakeholderId: to.id, kind: 'allied' });
    await openMap();
    const ceo = await person('Wang Jianguo');
    await card(ceo.id).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('person-panel').locator('h2').textContent()).toBe('Wang Jianguo');
    // Focus moved into the panel as it opened, not a frame later (a late move stole the next key from the map).
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="person-panel"]') !== null)).toBe(true);

    await edge(rel.id).focus();
    await page.keyboard.press('Enter');
    // React Flow marks the edge selected on its next render; Delete before that deletes nothing.
    await expect.poll(() => edge(rel.id).evaluate((el) => el.classList.contains('selected'))).toBe(true);
    await page.keyboard.press('Delete');
    // The app's own dialog asks, naming the two people; Enter confirms.
    const question = page.getByRole('dialog', { name: 'Remove relationship' });
    await question.waitFor();
    expect(await question.textContent()).toContain('Xu Jing → Sun Li');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Remove relationship');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await room()).relationships.map((r) => r.id)).not.toContain(rel.id);
    expect((await room()).relationships.length).toBeGreaterThan(0);
    await edge(rel.id).waitFor({ state: 'detached' });
    await question.waitFor({ state: 'hidden' });
    // Focus is back on the map, so the keyboard can carry on there.
    await expect.poll(() => page.getByTestId('influence-map').evaluate((map) => map.contains(document.activeElement))).toBe(true);
  });

  it('asks before taking a person off the map; Esc keeps them, and focus goes back to their card', async () => {
    await openMap();
    const buyer = await person('He Jun');
    const onMap = async () => (await room()).stakeholders.map((s) => s.id);
    await card(buyer.id).click();
    await expect.poll(() => card(buyer.id).evaluate((el) => el.classList.contains('selected'))).toBe(true);
    await page.keyboard.press('Delete');
    const question = page.getByRole('dialog', { name: 'Remove from map' });
    await question.waitFor();
    expect(await question.textContent()).toContain('Remove He Jun from this deal’s map?');
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    await expect.poll(() => card(buyer.id).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await onMap()).toContain(buyer.id);

    // Cancel on the panel's button is a no too.
    await page.getByTestId('person-panel').getByRole('button', { name: 'Remove from map' }).click();
    await question.waitFor();
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(await onMap()).toContain(buyer.id);
  });

  it('auto-layout places everyone by reporting lines and saves every position', async () => {
    await openMap();
    const everyonePlaced = async () => {
      const { stakeholders } = await room();
      expect(stakeholders.length).toBeGreaterThanOrEqual(12);
      return stakeholders.every((s) => s.positionX !== null && s.positionY !== null);
    };
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect.poll(everyonePlaced).toBe(true);
    const ceo = await person('Wang Jianguo');
    const buyer = await person('He Jun');
    expect(ceo.positionY!).toBeLessThan(buyer.positionY!);
    await expect.poll(() => card(buyer.id).evaluate((el) => (el as HTMLElement).style.transform)).toBe(`translate(${buyer.positionX}px, ${buyer.positionY}px)`);
  });

  it('exports the whole map as a PNG named after the deal', async () => {
    await openMap();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('Core-banking-mainframe-refresh-influence-map.png');
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });
});
