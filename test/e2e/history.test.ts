import { describe, expect, it } from 'vitest';
import { expectOk, loginAs } from '../helpers/api';
import { useLoggedInDealRoom } from '../helpers/e2e';

describe('a rep reads the history of a deal', () => {
  const room = useLoggedInDealRoom('rep1@demo.test', 'Core banking mainframe refresh');

  const log = () => room.page.getByTestId('history-events');
  const dealId = () => Number(new URL(room.dealUrl).pathname.split('/')[2]);
  const openHistory = async (query = 'lang=en') => {
    await room.page.goto(`${room.dealUrl}/history?${query}`);
    await log().waitFor();
  };

  it('shows coverage over time as a chart, and the event log in sentences', async () => {
    await openHistory();
    expect(await room.page.getByTestId('history-chart').locator('canvas').count()).toBe(1);
    expect(await room.page.getByRole('heading', { name: 'Coverage over time' }).count()).toBe(1);
    expect(await room.page.getByRole('heading', { name: 'Threshold changes' }).count()).toBe(1);
    const text = await log().textContent();
    expect(text).toContain('created the deal “Core banking mainframe refresh”');
    // One sentence per event of the first page the API gives.
    const api = await loginAs(room.app.server, 'rep1@demo.test');
    const { events } = await api.trpc.history.get.query({ dealId: dealId() });
    expect(events.length).toBeGreaterThan(0);
    await expect.poll(() => log().locator('li').count()).toBe(events.length);
  });

  it('shows a stance change as a sentence at the top of the log', async () => {
    const api = await loginAs(room.app.server, 'rep1@demo.test');
    const person = (await api.trpc.deal.get.query({ id: dealId() })).stakeholders.find((s) => s.stance !== 'ally')!;
    expectOk(await api.mutate('stakeholder.update', { id: person.id, version: person.version, stance: 'ally' }));
    await openHistory();
    // Newest first: the stance change (and any threshold it crossed) leads the log.
    const top = async () => (await log().locator('li').evaluateAll((items) => items.slice(0, 3).map((li) => li.textContent))).join('\n');
    await expect.poll(top).toMatch(new RegExp(`Riley Zhang changed ${person.name}’s stance from \\w+ to Ally`));
  });

  it('filters by kind and actor through the URL', async () => {
    await openHistory();
    const kinds = () => log().locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind') ?? ''));
    await room.page.getByLabel('What').selectOption('people');
    await expect.poll(() => room.page.url()).toContain('kind=people');
    // The seeded deal has people events, so the filtered list is not empty; each of them is about people.
    await expect.poll(async () => (await kinds()).length).toBeGreaterThan(0);
    await expect.poll(async () => (await kinds()).filter((kind) => !/^(stakeholder|relationship|contact|externalAlly)\./.test(kind))).toEqual([]);
    const filtered = (await kinds()).length;
    await room.page.getByLabel('What').selectOption('');
    await expect.poll(() => room.page.url()).not.toContain('kind=');
    await expect.poll(async () => (await kinds()).length).toBeGreaterThan(filtered);
  });

  it('switches to 简体中文 and shows the history in Chinese sentences', async () => {
    await openHistory('lang=zh-CN');
    await expect.poll(() => room.page.getByRole('heading', { name: '支持面变化趋势' }).count()).toBe(1);
    const text = (await log().textContent()) ?? '';
    expect(text).toContain('创建了商机「Core banking mainframe refresh」');
    // The seed's stance changes (Liu Fang came round 40 days ago) read as Chinese sentences.
    expect(text).toMatch(/的态度从「.+」改为「.+」/);
    expect(await room.page.getByRole('heading', { name: '事件日志' }).count()).toBe(1);
  });
});
