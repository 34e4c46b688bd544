import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs, type RouterInputs } from '../helpers/api';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { lastEvent, refusalCheck, sql } from '../helpers/world';

const TEMP_PASSWORD = 'temporary-pass-2031';

describe('users and roles (Settings, admins only)', () => {
  let server: TestServer;
  let admin: ApiSession;
  let manager: ApiSession;
  let rep: ApiSession;
  let counter = 0;

  const sessionsOf = async (userId: number) =>
    (await sql<{ n: number }>(server, 'select cast(count(*) as integer) as n from sessions where user_id = ?', [userId]))[0]?.n ?? 0;
  const allEventsText = async () => JSON.stringify(await sql(server, 'select * from events'));
  const freshEmail = () => `person${++counter}@demo.test`;
  const userByEmail = async (email: string) => (await admin.trpc.user.list.query({ includeInactive: true })).find((u) => u.email === email)!;

  async function create(input: Partial<RouterInputs['user']['create']> = {}) {
    const res = await admin.mutate('user.create', { email: freshEmail(), name: 'Grace Lin', role: 'rep', password: TEMP_PASSWORD, ...input });
    expectOk(res);
    return res.data;
  }

  const refusedWithNothingWritten = refusalCheck(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    [admin, manager, rep] = await Promise.all([loginAs(server, 'admin@demo.test'), loginAs(server, 'manager@demo.test'), loginAs(server, 'rep1@demo.test')]);
  });
  afterAll(() => server.stop());

  describe('who may manage users', () => {
    it('reps and managers may not create, change or reset users', async () => {
      const target = await userByEmail('rep2@demo.test');
      for (const client of [rep, manager]) {
        await refusedWithNothingWritten(() => client.mutate('user.create', { email: freshEmail(), name: 'Eve', role: 'admin', password: TEMP_PASSWORD }), 'FORBIDDEN');
        await refusedWithNothingWritten(() => client.mutate('user.update', { id: target.id, version: target.version, role: 'admin' }), 'FORBIDDEN');
        await refusedWithNothingWritten(() => client.mutate('user.resetPassword', { id: target.id, password: 'attacker-chosen-pw' }), 'FORBIDDEN');
      }
      await refusedWithNothingWritten(() => new ApiSession(server.url).mutate('user.create', { email: freshEmail(), name: 'Eve', role: 'rep', password: TEMP_PASSWORD }), 'UNAUTHORIZED');
    });

    it('everyone still lists their team; only active users unless inactive ones are asked for', async () => {
      const names = (await rep.trpc.user.list.query()).map((u) => u.email);
      expect(names).toEqual(expect.arrayContaining(['admin@demo.test', 'manager@demo.test', 'rep1@demo.test', 'rep2@demo.test']));
      expect((await rep.trpc.user.list.query())[0]).not.toHaveProperty('passwordHash');
      expect((await rep.query('user.list', { teamId: 999 })).error?.code).toBe('NOT_FOUND');
    });
  });

  describe('adding a user', () => {
    it('an admin adds a rep with a temporary password; they can log in, and the log records it without the hash', async () => {
      const email = freshEmail();
      const created = await create({ email: email.toUpperCase(), name: 'Grace Lin', role: 'manager', locale: 'zh-CN' });
      expect(created).toMatchObject({ email, name: 'Grace Lin', role: 'manager', locale: 'zh-CN', active: true, version: 1 });
      expect(created).not.toHaveProperty('passwordHash');
      const event = await lastEvent(server);
      expect(event).toMatchObject({ kind: 'user.created', entity: 'user', entityId: created.id, dealId: null });
      expect(event.after).not.toContain('argon2');
      expect(event.after).not.toContain(TEMP_PASSWORD);
      const grace = await loginAs(server, email, TEMP_PASSWORD);
      expect((await grace.trpc.auth.me.query())?.user.role).toBe('manager');
    });

    it('an email already in use (in any case) is a CONFLICT naming email, and nothing is written', async () => {
      await refusedWithNothingWritten(() => admin.mutate('user.create', { email: 'Rep1@Demo.test', name: 'Copy', role: 'rep', password: TEMP_PASSWORD }), 'CONFLICT', 'email');
    });

    it.each([
      ['password', { password: 'short' }],
      ['password', { password: 'x'.repeat(201) }],
      ['email', { email: 'not-an-email' }],
      ['name', { name: '   ' }],
      ['role', { role: 'owner' }],
      ['locale', { locale: 'fr' }],
      ['teamId', { teamId: 999 }],
      ['teamId', { teamId: -1 }],
    ])('bad input names the field (%s) and writes nothing', async (field, patch) => {
      await refusedWithNothingWritten(() => admin.raw.mutate('user.create', { email: freshEmail(), name: 'Bad', role: 'rep', password: TEMP_PASSWORD, ...patch }), 'BAD_REQUEST', field);
    });

    it('a missing password or a non-object input is BAD_REQUEST, never a 500', async () => {
      await refusedWithNothingWritten(() => admin.raw.mutate('user.create', { email: freshEmail(), name: 'Bad', role: 'rep' }), 'BAD_REQUEST', 'password');
      await refusedWithNothingWritten(() => admin.raw.mutate('user.create', 'admin'), 'BAD_REQUEST');
      await refusedWithNothingWritten(() => admin.raw.mutate('user.update', { id: 1, version: 1, active: 'no' }), 'BAD_REQUEST', 'active');
      await refusedWithNothingWritten(() => admin.mutate('user.update', { id: 99999, version: 1, name: 'Ghost' }), 'NOT_FOUND');
      await refusedWithNothingWritten(() => admin.mutate('user.resetPassword', { id: 99999, password: TEMP_PASSWORD }), 'NOT_FOUND');
    });
  });

  describe('changing a user', () => {
    it('an admin changes a role with the version; a stale version is a CONFLICT carrying the current user', async () => {
      const user = await create();
      const promoted = await admin.mutate('user.update', { id: user.id, version: user.version, role: 'manager' });
      expect(promoted.data).toMatchObject({ role: 'manager', version: 2 });
      expect(await lastEvent(server)).toMatchObject({ kind: 'user.updated', entityId: user.id });
      expect((await lastEvent(server)).after).toMatchObject({ role: 'manager' });
      const stale = await refusedWithNothingWritten(() => admin.mutate('user.update', { id: user.id, version: 1, role: 'admin' }), 'CONFLICT');
      expect(stale.error?.current).toMatchObject({ id: user.id, role: 'manager', version: 2 });
    });

    it('the last active admin cannot be demoted or deactivated, and no admin demotes or deactivates themselves', async () => {
      const me = await userByEmail('admin@demo.test');
      // Alone: the last-admin rule speaks first.
      const alone = await refusedWithNothingWritten(() => admin.mutate('user.update', { id: me.id, version: me.version, role: 'manager' }), 'BAD_REQUEST', 'role');
      expect(alone.error?.message).toMatch(/last active admin/);
      await refusedWithNothingWritten(() => admin.mutate('user.update', { id: me.id, version: me.version, active: false }), 'BAD_REQUEST', 'active');

      const second = await create({ role: 'admin', name: 'Second Admin' });
      const self = await refusedWithNothingWritten(() => admin.mutate('user.update', { id: me.id, version: me.version, role: 'rep' }), 'BAD_REQUEST', 'role');
      expect(self.error?.message).toMatch(/your own role/);
      await refusedWithNothingWritten(() => admin.mutate('user.update', { id: me.id, version: me.version, active: false }), 'BAD_REQUEST', 'active');

      // Another admin may demote them; then the second admin is the last one.
      const admin2 = await loginAs(server, second.email, TEMP_PASSWORD);
      const demoted = await admin2.mutate('user.update', { id: me.id, version: me.version, role: 'manager' });
      expectOk(demoted);
      const last = await refusedWithNothingWritten(() => admin2.mutate('user.update', { id: second.id, version: second.version, active: false }), 'BAD_REQUEST', 'active');
      expect(last.error?.message).toMatch(/last active admin/);
      // Put the demo admin back for the rest of the suite.
      expectOk(await admin2.mutate('user.update', { id: me.id, version: demoted.data.version, role: 'admin' }));
      expectOk(await admin.mutate('user.update', { id: second.id, version: second.version, active: false }));
    });

    it('a deactivated user cannot log in, their open session stops working at once, and reactivating lets them back', async () => {
      const user = await create({ name: 'Leaving Rep' });
      const client = await loginAs(server, user.email, TEMP_PASSWORD);
      expectOk(await client.query('deal.list'));
      expect(await sessionsOf(user.id)).toBe(1);

      const off = await admin.mutate('user.update', { id: user.id, version: user.version, active: false });
      expect(off.data).toMatchObject({ active: false, version: 2 });
      expect(await lastEvent(server)).toMatchObject({ kind: 'user.deactivated', entityId: user.id });
      expect(await sessionsOf(user.id)).toBe(0);
      expect((await client.query('deal.list')).error?.code).toBe('UNAUTHORIZED');
      expect(await client.trpc.auth.me.query()).toBeNull();
      expect((await new ApiSession(server.url).mutate('auth.login', { email: user.email, password: TEMP_PASSWORD })).error?.code).toBe('UNAUTHORIZED');
      // Gone from the owner pickers, still listed in Settings.
      expect((await admin.trpc.user.list.query()).map((u) => u.id)).not.toContain(user.id);
      expect((await userByEmail(user.email)).active).toBe(false);

      expectOk(await admin.mutate('user.update', { id: user.id, version: 2, active: true }));
      expect((await lastEvent(server)).kind).toBe('user.reactivated');
      await loginAs(server, user.email, TEMP_PASSWORD);
    });
  });

  describe('resetting a password', () => {
    it('sets a new password, ends every session of that user, and logs it without the hash', async () => {
      const user = await create({ name: 'Forgetful Rep' });
      const [laptop, phone] = [await loginAs(server, user.email, TEMP_PASSWORD), await loginAs(server, user.email, TEMP_PASSWORD)];
      expect(await sessionsOf(user.id)).toBe(2);

      const res = await admin.mutate('user.resetPassword', { id: user.id, password: 'brand-new-password-9' });
      expect(res.data).toEqual({ ok: true });
      expect(await sessionsOf(user.id)).toBe(0);
      for (const client of [laptop, phone]) expect((await client.query('deal.list')).error?.code).toBe('UNAUTHORIZED');
      expect((await new ApiSession(server.url).mutate('auth.login', { email: user.email, password: TEMP_PASSWORD })).error?.code).toBe('UNAUTHORIZED');
      await loginAs(server, user.email, 'brand-new-password-9');

      const event = await lastEvent(server);
      expect(event).toMatchObject({ kind: 'user.passwordReset', entityId: user.id, dealId: null });
      expect(`${event.before}${event.after}`).not.toMatch(/argon2|brand-new-password/);
    });

    it('a too-short new password is BAD_REQUEST naming password and changes nothing', async () => {
      const user = await userByEmail('rep2@demo.test');
      await refusedWithNothingWritten(() => admin.mutate('user.resetPassword', { id: user.id, password: 'short' }), 'BAD_REQUEST', 'password');
      await loginAs(server, 'rep2@demo.test', DEMO_PASSWORD);
    });

    it('an admin resetting their own password keeps the session they are using', async () => {
      const me = await userByEmail('admin@demo.test');
      const other = await loginAs(server, 'admin@demo.test');
      expectOk(await admin.mutate('user.resetPassword', { id: me.id, password: 'admin-new-password-1' }));
      expectOk(await admin.query('user.list'));
      expect((await other.query('user.list')).error?.code).toBe('UNAUTHORIZED');
      expect(await sessionsOf(me.id)).toBe(1);
    });
  });

  it('no event in the log ever holds a password or its hash', async () => {
    const text = await allEventsText();
    expect(text).not.toMatch(/argon2|password_?hash|passwordHash/i);
    expect(text).not.toContain(TEMP_PASSWORD);
  });
});
