import { describe, expect, it } from 'vitest';
import { useLoggedInDealRoom } from '../helpers/e2e';

describe('a rep reads the history of a deal', () => {
  const room = useLoggedInDealRoom('rep1@demo.test', 'Core banking mainframe refresh');

  const log = () => room.page.getByTestId('history-events');

  it('shows coverage over time as a chart, and the event log in sentences', async () => {
    await room.page.goto(`${room.dealUrl}/history?lang=en`);
    await log().waitFor();
    expect(await room.page.getByTestId('history-chart').locator('canvas').count()).toBeGreaterThan(0);
    expect(await room.page.getByRole('heading', { name: 'Coverage over time' }).count()).toBe(1);
    expect(await room.page.getByRole('heading', { name: 'Threshold changes' }).count()).toBe(1);
    const text = await log().textContent();
    expect(text).toContain('created the deal “Core banking mainframe refresh”');
    expect(await log().locator('li').count()).toBeGreaterThan(0);
  });

  it('shows a stance change as a sentence at the top of the log', async () => {
    // Change a stance through the API the room.page itself uses, then reopen the tab.
    const changed = await room.page.evaluate(async () => {
      const dealId = Number(location.pathname.split('/')[2]);
      const room = await (await fetch(`/trpc/deal.get?input=${encodeURIComponent(JSON.stringify({ id: dealId }))}`)).json();
      const person = room.result.data.stakeholders.find((s: { stance: string }) => s.stance !== 'ally');
      const res = await fetch('/trpc/stakeholder.update', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: person.id, version: person.version, stance: 'ally' }),
      });
      return { ok: res.ok, name: person.name as string };
    });
    expect(changed.ok).toBe(true);
    await room.page.reload();
    await log().waitFor();
    // Newest first: the stance change (and any threshold it crossed) leads the log.
    const top = async () => (await log().locator('li').evaluateAll((items) => items.slice(0, 3).map((li) => li.textContent))).join('\n');
    await expect.poll(top).toMatch(new RegExp(`Riley Zhang changed ${changed.name}’s stance from \\w+ to Ally`));
  });

  it('filters by kind and actor through the URL', async () => {
    await room.page.getByLabel('What').selectOption('people');
    await expect.poll(() => room.page.url()).toContain('kind=people');
    await expect.poll(async () => (await log().locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')))).every((kind) => /^(stakeholder|relationship|contact|externalAlly)\./.test(kind ?? ''))).toBe(true);
    await room.page.getByLabel('What').selectOption('');
    await expect.poll(() => room.page.url()).not.toContain('kind=');
  });

  it('switches to 简体中文 and shows the history in Chinese sentences', async () => {
    await room.page.goto(`${room.dealUrl}/history?lang=zh-CN`);
    await log().waitFor();
    await expect.poll(() => room.page.getByRole('heading', { name: '支持面变化趋势' }).count()).toBe(1);
    const text = (await log().textContent()) ?? '';
    expect(text).toContain('创建了商机「Core banking mainframe refresh」');
    expect(text).toMatch(/的态度从「.+」改为「盟友」/);
    expect(await room.page.getByRole('heading', { name: '事件日志' }).count()).toBe(1);
  });
});
