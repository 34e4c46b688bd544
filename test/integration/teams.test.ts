/**
 * Teams (SPEC §13): admins create and rename teams and choose who manages them; a manager
 * given a second team sees and acts on its deals; users move between teams.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, expectOk, loginAs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, lastEvent, refusalCheck, type OtherTeam } from '../helpers/world';

describe('teams', () => {
  let server: TestServer;
  let admin: ApiSession;
  let manager: ApiSession;
  let rep: ApiSession;
  let west: OtherTeam;
  let westManager: ApiSession;
  let westRep: ApiSession;
  let counter = 0;
  const refusedWithNothingWritten = refusalCheck(() => server);
  const fresh = (prefix = 'Team') => `${prefix} ${++counter}`;
  const teamNamed = async (name: string) => (await admin.trpc.team.list.query()).find((team) => team.name === name)!;
  const userByEmail = async (email: string) => (await admin.trpc.user.list.query({ includeInactive: true })).find((u) => u.email === email)!;
  const dealNames = async (session: ApiSession, teamId?: number) => (await session.trpc.deal.list.query({ limit: 200, teamId })).items.map((deal) => deal.name);

  beforeAll(async () => {
    server = await startTestServer();
    west = await addOtherTeam(server);
    [admin, manager, rep, westManager, westRep] = await Promise.all([
      loginAs(server, 'admin@demo.test'),
      loginAs(server, 'manager@demo.test'),
      loginAs(server, 'rep1@demo.test'),
      loginAs(server, west.managerEmail),
      loginAs(server, west.repEmail),
    ]);
  });
  afterAll(() => server.stop());

  describe('creating and renaming', () => {
    it('an admin creates a team; it is listed empty and the log records it', async () => {
      const name = fresh();
      const created = await admin.trpc.team.create.mutate({ name: `  ${name}  ` });
      expect(created).toMatchObject({ name, version: 1, memberCount: 0, managers: [] });
      expect(await lastEvent(server)).toMatchObject({ kind: 'team.created', entity: 'team', entityId: created.id, teamId: created.id, dealId: null, after: { name } });
      expect((await admin.trpc.team.list.query()).map((team) => team.name)).toContain(name);
    });

    it('a rename is versioned: a stale version is a CONFLICT carrying the current team', async () => {
      const created = await admin.trpc.team.create.mutate({ name: fresh() });
      const renamed = await admin.trpc.team.update.mutate({ id: created.id, version: 1, name: `${created.name} renamed` });
      expect(renamed).toMatchObject({ name: `${created.name} renamed`, version: 2 });
      expect(await lastEvent(server)).toMatchObject({ kind: 'team.updated', before: { name: created.name }, after: { name: renamed.name } });
      const stale = await refusedWithNothingWritten(() => admin.mutate('team.update', { id: created.id, version: 1, name: 'Too late' }), 'CONFLICT');
      expect(stale.error.current).toMatchObject({ id: created.id, name: renamed.name, version: 2 });
    });

    it('team names are unique whatever their case', async () => {
      const name = fresh();
      const first = await admin.trpc.team.create.mutate({ name });
      await refusedWithNothingWritten(() => admin.mutate('team.create', { name: name.toUpperCase() }), 'CONFLICT', 'name');
      const other = await admin.trpc.team.create.mutate({ name: fresh() });
      await refusedWithNothingWritten(() => admin.mutate('team.update', { id: other.id, version: other.version, name: first.name }), 'CONFLICT', 'name');
    });

    it('bad input changes nothing', async () => {
      const team = await admin.trpc.team.create.mutate({ name: fresh() });
      await refusedWithNothingWritten(() => admin.raw.mutate('team.create', { name: '   ' }), 'BAD_REQUEST', 'name');
      await refusedWithNothingWritten(() => admin.raw.mutate('team.create', { name: 'x'.repeat(201) }), 'BAD_REQUEST', 'name');
      await refusedWithNothingWritten(() => admin.raw.mutate('team.update', { id: team.id, version: 1, managerIds: Array.from({ length: 51 }, (_, i) => i + 1) }), 'BAD_REQUEST', 'managerIds');
      await refusedWithNothingWritten(() => admin.mutate('team.update', { id: 999_999, version: 1, name: 'Nobody' }), 'NOT_FOUND');
      const repUser = await userByEmail('rep1@demo.test');
      // A rep is no manager, and neither is someone who does not exist.
      await refusedWithNothingWritten(() => admin.mutate('team.update', { id: team.id, version: 1, managerIds: [repUser.id] }), 'BAD_REQUEST', 'managerIds');
      await refusedWithNothingWritten(() => admin.mutate('team.update', { id: team.id, version: 1, managerIds: [999_999] }), 'BAD_REQUEST', 'managerIds');
    });

    it('nobody but an admin creates or changes a team', async () => {
      const team = await teamNamed('Key Accounts — East');
      for (const session of [rep, manager, westManager]) {
        await refusedWithNothingWritten(() => session.mutate('team.create', { name: fresh('Mine') }), 'FORBIDDEN');
        await refusedWithNothingWritten(() => session.mutate('team.update', { id: team.id, version: team.version, name: 'Mine' }), 'FORBIDDEN');
      }
    });
  });

  describe('a manager of several teams', () => {
    it('given a second team, a manager sees and opens its deals; its rep still sees only their own', async () => {
      const westDeal = `Key Accounts — West deal`;
      expect(await dealNames(manager)).not.toContain(westDeal);
      expect((await manager.query('deal.get', { id: west.dealId })).error?.code).toBe('NOT_FOUND');

      const me = await userByEmail('manager@demo.test');
      const team = await teamNamed('Key Accounts — West');
      const updated = await admin.trpc.team.update.mutate({ id: team.id, version: team.version, managerIds: [me.id] });
      expect(updated.managers.map((m) => m.name)).toContain(me.name);
      expect(await lastEvent(server)).toMatchObject({ kind: 'team.updated', after: { managers: [me.name] } });

      expect(await dealNames(manager)).toContain(westDeal);
      expect(await dealNames(manager, west.teamId)).toEqual([westDeal]);
      expect((await manager.trpc.deal.get.query({ id: west.dealId })).deal.name).toBe(westDeal);
      expect((await manager.trpc.team.list.query()).map((t) => t.id)).toContain(west.teamId);
      // The stand-up, its record and the people to assign deals to, for the team picked.
      expect((await manager.trpc.user.list.query({ teamId: west.teamId })).map((u) => u.email)).toContain(west.repEmail);
      expect(await manager.trpc.standup.record.mutate({ teamId: west.teamId })).toMatchObject({ teamId: west.teamId });
      expect(await manager.trpc.standup.last.query({ teamId: west.teamId })).toMatchObject({ teamId: west.teamId });
      expect(await manager.trpc.settings.thresholds.query({ teamId: west.teamId })).toMatchObject({ teamId: west.teamId });
      const account = await manager.trpc.account.create.mutate({ name: fresh('West customer'), teamId: west.teamId });
      expect(account.teamId).toBe(west.teamId);

      expect(await dealNames(westRep)).toEqual([westDeal]);
      expect(await dealNames(rep)).not.toContain(westDeal);
    });

    it('a manager not given the team gets NOT_FOUND on its deal and on the team', async () => {
      const fourth = await addOtherTeam(server, 'Key Accounts — North');
      for (const session of [westManager, manager]) {
        expect((await session.query('deal.get', { id: fourth.dealId })).error?.code).toBe('NOT_FOUND');
        expect((await session.query('standup.changes', { since: '2000-01-01T00:00:00Z', teamId: fourth.teamId })).error?.code).toBe('NOT_FOUND');
        expect((await session.query('user.list', { teamId: fourth.teamId })).error?.code).toBe('NOT_FOUND');
      }
      await refusedWithNothingWritten(() => westManager.mutate('standup.record', { teamId: fourth.teamId }), 'NOT_FOUND');
      await refusedWithNothingWritten(() => westManager.mutate('account.create', { name: 'Not mine', teamId: fourth.teamId }), 'NOT_FOUND');
    });

    it('the managers list is replaced as a whole; a manager listed for their own team is not stored twice', async () => {
      const team = await admin.trpc.team.create.mutate({ name: fresh() });
      const westManagerUser = await userByEmail(west.managerEmail);
      const me = await userByEmail('manager@demo.test');
      const both = await admin.trpc.team.update.mutate({ id: team.id, version: team.version, managerIds: [me.id, westManagerUser.id, me.id] });
      expect(both.managers.map((m) => m.id).sort()).toEqual([me.id, westManagerUser.id].sort());
      const none = await admin.trpc.team.update.mutate({ id: team.id, version: both.version, managerIds: [] });
      expect(none.managers).toEqual([]);
      expect((await westManager.query('standup.last', { teamId: team.id })).error?.code).toBe('NOT_FOUND');
      // West's own manager is West's manager anyway: listing them changes nothing, so no new version.
      const westTeam = await teamNamed('Key Accounts — West');
      const same = await admin.trpc.team.update.mutate({ id: westTeam.id, version: westTeam.version, managerIds: [...westTeam.managers.map((m) => m.id), westManagerUser.id] });
      expect(same.version).toBe(westTeam.version);
    });
  });

  describe('moving a user', () => {
    it('an admin moves a rep to another team; their deals stay with the old team', async () => {
      const team = await admin.trpc.team.create.mutate({ name: fresh() });
      const created = await admin.trpc.user.create.mutate({ email: `mover${++counter}@demo.test`, name: 'Mover', role: 'rep', password: 'temporary-pass-2031' });
      const mover = await loginAs(server, created.email, 'temporary-pass-2031');
      // A new rep sees no account yet (0029); the new-deal picker names the team's.
      expect(await mover.trpc.account.list.query()).toEqual([]);
      const account = (await mover.trpc.account.options.query())[0]!;
      const deal = await mover.trpc.deal.create.mutate({ accountId: account.id, name: fresh('Mover deal'), amount: 10, closeDate: '2031-01-01' });

      const moved = await admin.trpc.user.update.mutate({ id: created.id, version: created.version, teamId: team.id });
      expect(moved).toMatchObject({ teamId: team.id, version: created.version + 1 });
      expect(await lastEvent(server)).toMatchObject({ kind: 'user.updated', before: { teamId: created.teamId }, after: { teamId: team.id } });
      expect((await admin.trpc.team.list.query()).find((t) => t.id === team.id)?.memberCount).toBe(1);
      expect((await admin.trpc.deal.get.query({ id: deal.id })).deal.teamId).toBe(created.teamId);
      // Their team's accounts are now the new team's (none yet): the old team's account, where their deal stays, is no longer theirs to see or pick.
      expect(await mover.trpc.account.list.query()).toEqual([]);
      expect(await mover.trpc.account.options.query()).toEqual([]);
    });

    it('a move to a team that does not exist, or by a non-admin, changes nothing', async () => {
      const target = await userByEmail('rep2@demo.test');
      await refusedWithNothingWritten(() => admin.mutate('user.update', { id: target.id, version: target.version, teamId: 999_999 }), 'BAD_REQUEST', 'teamId');
      await refusedWithNothingWritten(() => manager.mutate('user.update', { id: target.id, version: target.version, teamId: west.teamId }), 'FORBIDDEN');
    });

    it('a manager who moves keeps the teams they were given', async () => {
      const team = await admin.trpc.team.create.mutate({ name: fresh() });
      const created = await admin.trpc.user.create.mutate({ email: `boss${++counter}@demo.test`, name: 'Boss', role: 'manager', password: 'temporary-pass-2031' });
      const given = await admin.trpc.team.update.mutate({ id: west.teamId, version: (await teamNamed('Key Accounts — West')).version, managerIds: [...(await teamNamed('Key Accounts — West')).managers.map((m) => m.id), created.id] });
      expect(given.managers.map((m) => m.id)).toContain(created.id);
      await admin.trpc.user.update.mutate({ id: created.id, version: created.version, teamId: team.id });
      const boss = await loginAs(server, created.email, 'temporary-pass-2031');
      expect((await boss.trpc.team.list.query()).map((t) => t.id).sort()).toEqual([team.id, west.teamId].sort());
      expectOk(await boss.query('deal.get', { id: west.dealId }));
    });
  });
});
