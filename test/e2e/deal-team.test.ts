import { describe, expect, it } from 'vitest';
import { loginAs } from '../helpers/api';
import { useLoggedInDealRoom } from '../helpers/e2e';

describe('a rep brings a teammate onto a deal from the deal-room header', () => {
  const room = useLoggedInDealRoom('rep1@demo.test', 'Core banking mainframe refresh');
  const openDealRoom = async () => {
    await room.page.goto(`${room.dealUrl}?lang=en`);
    await expect.poll(() => room.page.getByRole('group', { name: 'Deal team' }).textContent()).toContain('Riley Zhang');
  };

  it('the header shows the owner and no teammates yet', async () => {
    await openDealRoom();
    const team = room.page.getByRole('group', { name: 'Deal team' });
    expect(await team.textContent()).toContain('Owner');
    expect(await team.textContent()).not.toContain('Sam Patel');
  });

  it('rep1 adds Sam Patel, and rep2 then sees the deal in their pipeline', async () => {
    await openDealRoom();
    const team = room.page.getByRole('group', { name: 'Deal team' });
    await team.getByRole('button', { name: 'Add teammate' }).click();
    const picker = team.getByRole('combobox', { name: 'Add teammate' });
    await expect.poll(async () => (await picker.locator('option').allTextContents()).join('|')).toContain('Sam Patel');
    // The owner is already on the deal, so they are not offered.
    expect((await picker.locator('option').allTextContents()).join('|')).not.toContain('Riley Zhang');
    await picker.selectOption({ label: 'Sam Patel · Sales rep' });
    await team.getByRole('button', { name: 'Remove Sam Patel from the deal team' }).waitFor();

    await room.page.reload();
    await room.page.getByRole('group', { name: 'Deal team' }).getByRole('button', { name: 'Remove Sam Patel from the deal team' }).waitFor();

    const rep2 = await room.app.newPage();
    await room.app.login(rep2, 'rep2@demo.test');
    const pipeline = rep2.getByTestId('pipeline-table');
    await expect.poll(() => pipeline.textContent()).toContain('Core banking mainframe refresh');
    await rep2.getByRole('link', { name: 'Core banking mainframe refresh' }).first().click();
    const theirTeam = rep2.getByRole('group', { name: 'Deal team' });
    await expect.poll(() => theirTeam.textContent()).toContain('Sam Patel');
    await rep2.close();
  });

  it('removing Sam Patel (after confirming) takes the deal out of their pipeline', async () => {
    // Sam is on the team whether or not the test above ran.
    const api = await loginAs(room.app.server, 'rep1@demo.test');
    const dealId = Number(new URL(room.dealUrl).pathname.split('/')[2]);
    const sam = (await api.trpc.user.list.query()).find((user) => user.name === 'Sam Patel')!;
    const members = await api.trpc.deal.members.query({ dealId });
    if (!members.some((member) => member.userId === sam.id)) await api.trpc.deal.addMember.mutate({ dealId, userId: sam.id });
    await openDealRoom();
    const team = room.page.getByRole('group', { name: 'Deal team' });
    await team.getByRole('button', { name: 'Remove Sam Patel from the deal team' }).click();
    const question = room.page.getByRole('dialog', { name: 'Remove Sam Patel from the deal team' });
    await question.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => team.textContent()).not.toContain('Sam Patel');

    const rep2 = await room.app.newPage();
    await room.app.login(rep2, 'rep2@demo.test');
    await expect.poll(() => rep2.getByTestId('pipeline-table').textContent()).toContain('Group-wide hospital ERP');
    expect(await rep2.getByTestId('pipeline-table').textContent()).not.toContain('Core banking mainframe refresh');
    await rep2.close();
  });
});
