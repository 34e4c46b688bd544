import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, expectOk, loginAs, type RouterInputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, eventCount, lastEvent, type OtherTeam, refusalCheck, sql } from '../helpers/world';

type StakeholderAdd = RouterInputs['stakeholder']['add'];

describe('the buying group of a deal: stakeholder.add / update / remove and contacts', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let admin: ApiSession;
  let anonymous: ApiSession;
  let west: OtherTeam;
  let westManager: ApiSession;
  let harbor: { id: number; accountId: number };
  let metro: { id: number; accountId: number };
  let secondHarborDealId: number;

  const room = async (id = harbor.id) => await rep1.trpc.deal.get.query({ id });
  const person = async (name: string, id = harbor.id) => (await room(id)).stakeholders.find((p) => p.name === name)!;
  const newPerson = (overrides: Partial<StakeholderAdd> = {}): StakeholderAdd => ({
    dealId: harbor.id,
    name: 'Deng Yu',
    title: 'Head of Payments',
    department: 'Retail Banking',
    level: 'management',
    decisionRole: 'influencer',
    influence: 3,
    stance: 'neutral',
    ...overrides,
  });

  const refusedWithNothingWritten = refusalCheck(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, rep2, manager, admin] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test'), loginAs(server, 'admin@demo.test')]);
    anonymous = new ApiSession(server.url);
    west = await addOtherTeam(server);
    westManager = await loginAs(server, west.managerEmail);
    const deals = (await rep1.trpc.deal.list.query()).items;
    harbor = deals.find((deal) => deal.name === 'Core banking mainframe refresh')!;
    metro = deals.find((deal) => deal.name === 'Line 9 CBTC signalling platform')!;
    const second = await rep1.trpc.deal.create.mutate({ accountId: harbor.accountId, name: 'Harbor Bank card platform', amount: 900_000, closeDate: '2030-06-30' });
    secondHarborDealId = second.id;
  });
  afterAll(() => server.stop());

  describe('adding people to the map', () => {
    it('a rep adds a new person to their own deal: the contact is created on the account and the card matches deal.get', async () => {
      const before = await eventCount(server);
      const res = await rep1.mutate('stakeholder.add', newPerson({ email: 'deng.yu@harborbank.example', isCoach: true, explicitNeeds: 'Instant payments by Q3' }));
      expectOk(res);
      expect(res.data).toMatchObject({ dealId: harbor.id, name: 'Deng Yu', level: 'management', influence: 3, stance: 'neutral', isCoach: true, version: 1, contactVersion: 1, lastContactAt: null, positionX: null });
      expect((await room()).stakeholders.find((p) => p.id === res.data.id)).toEqual(res.data);
      const contacts = await rep1.trpc.contact.list.query({ accountId: harbor.accountId });
      expect(contacts.find((c) => c.id === res.data.contactId)).toMatchObject({ name: 'Deng Yu', accountId: harbor.accountId });
      expect(await eventCount(server)).toBeGreaterThan(before);
      const event = await lastEvent(server, 'stakeholder.added');
      expect(event).toMatchObject({ dealId: harbor.id, entity: 'stakeholder', entityId: res.data.id });
      expect(event.after).toMatchObject({ name: 'Deng Yu', stance: 'neutral', isCoach: true, contactCreated: true });
    });

    it('stance defaults to unknown when the rep does not know it yet', async () => {
      const res = await rep1.mutate('stakeholder.add', newPerson({ name: 'Qian Bo', stance: undefined }));
      expectOk(res);
      expect(res.data.stance).toBe('unknown');
    });

    it('an existing contact of the account joins another deal with that account, org chart and all', async () => {
      const ceo = await person('Wang Jianguo');
      const res = await rep1.mutate('stakeholder.add', { dealId: secondHarborDealId, contactId: ceo.contactId, decisionRole: 'final_decision_maker', influence: 5, stance: 'supporter' });
      expectOk(res);
      expect(res.data).toMatchObject({ contactId: ceo.contactId, name: 'Wang Jianguo', title: ceo.title, level: 'executive', stance: 'supporter', dealId: secondHarborDealId });
      expect((await lastEvent(server, 'stakeholder.added')).after).toMatchObject({ name: 'Wang Jianguo', contactCreated: false });
    });

    it('the same person twice on one deal is a CONFLICT that hands back the card already there', async () => {
      const ceo = await person('Wang Jianguo');
      const res = await refusedWithNothingWritten(
        () => rep1.mutate('stakeholder.add', { dealId: harbor.id, contactId: ceo.contactId, decisionRole: 'influencer', influence: 2, stance: 'ally' }),
        'CONFLICT',
      );
      expect(res.error?.current).toMatchObject({ id: ceo.id, stance: ceo.stance });
    });

    it('a contact of another account is refused, naming contactId', async () => {
      const metroPerson = await rep1.mutate('stakeholder.add', newPerson({ dealId: metro.id, name: 'Metro engineer', level: 'staff' }));
      expectOk(metroPerson);
      await refusedWithNothingWritten(
        () => rep1.mutate('stakeholder.add', { dealId: harbor.id, contactId: metroPerson.data.contactId, decisionRole: 'user', influence: 1, stance: 'neutral' }),
        'BAD_REQUEST',
        'contactId',
      );
      await refusedWithNothingWritten(() => rep1.mutate('stakeholder.add', { dealId: harbor.id, contactId: 999_999, decisionRole: 'user', influence: 1, stance: 'neutral' }), 'BAD_REQUEST', 'contactId');
    });

    it('a new person needs a name and a level; contactId and new-contact details together are ambiguous', async () => {
      const res = await refusedWithNothingWritten(() => rep1.mutate('stakeholder.add', { dealId: harbor.id, decisionRole: 'user', influence: 1, stance: 'neutral' }), 'BAD_REQUEST', 'name');
      expect(res.error?.fields).toContain('level');
      const ceo = await person('Wang Jianguo');
      await refusedWithNothingWritten(() => rep1.mutate('stakeholder.add', newPerson({ dealId: secondHarborDealId, contactId: ceo.contactId })), 'BAD_REQUEST', 'name');
    });

    it('a new person can only report to someone at the same account', async () => {
      const metroContact = (await rep1.trpc.contact.list.query({ accountId: metro.accountId }))[0]!;
      await refusedWithNothingWritten(() => rep1.mutate('stakeholder.add', newPerson({ name: 'Wrong boss', reportsToContactId: metroContact.id })), 'BAD_REQUEST', 'reportsToContactId');
      const cio = await person('Liu Fang');
      const ok = await rep1.mutate('stakeholder.add', newPerson({ name: 'Right boss', reportsToContactId: cio.contactId }));
      expectOk(ok);
      expect(ok.data.reportsToContactId).toBe(cio.contactId);
    });

    it.each([
      ['influence', { influence: 0 }],
      ['influence', { influence: 6 }],
      ['influence', { influence: 2.5 }],
      ['influence', { influence: '3' }],
      ['stance', { stance: 'friend' }],
      ['decisionRole', { decisionRole: 'boss' }],
      ['level', { level: 'intern' }],
      ['name', { name: '   ' }],
      ['name', { name: 'x'.repeat(201) }],
      ['title', { title: 'x'.repeat(201) }],
      ['email', { email: 'not-an-email' }],
      ['notes', { notes: 'x'.repeat(4001) }],
      ['positionX', { positionX: 2e6 }],
      ['positionY', { positionY: 'far' }],
      ['isCoach', { isCoach: 'yes' }],
      ['dealId', { dealId: -1 }],
    ])('bad input is refused naming %s, with nothing written (%j)', async (field, overrides) => {
      await refusedWithNothingWritten(() => rep1.raw.mutate('stakeholder.add', { ...newPerson(), ...overrides }), 'BAD_REQUEST', field);
    });

    it('a supportive key person moves coverage, so a coverage snapshot is recorded in the same write', async () => {
      const snapshots = async () =>
        (await sql<{ n: number }>(server, 'select cast(count(*) as integer) as n from coverage_snapshots where deal_id = ?', [harbor.id]))[0]?.n ?? 0;
      const before = await snapshots();
      await rep1.mutate('stakeholder.add', newPerson({ name: 'Board sponsor', level: 'executive', influence: 5, stance: 'ally' }));
      expect(await snapshots()).toBe(before + 1);
    });
  });

  describe('changing people on the map', () => {
    it('dragging a card saves only its position, logged as stakeholder.moved', async () => {
      const cfo = await person('Zhao Min');
      const res = await rep1.mutate('stakeholder.update', { id: cfo.id, version: cfo.version, positionX: 120.5, positionY: -40 });
      expect(res.data).toEqual({ ...cfo, positionX: 120.5, positionY: -40, version: cfo.version + 1 });
      const event = await lastEvent(server);
      expect(event.kind).toBe('stakeholder.moved');
      expect(event.after).toMatchObject({ name: 'Zhao Min', positionX: 120.5, positionY: -40 });
    });

    it('a stance change is logged as stakeholder.stanceChanged with who it was, before and after', async () => {
      const cfo = await person('Zhao Min');
      const res = await rep1.mutate('stakeholder.update', { id: cfo.id, version: cfo.version, stance: 'supporter' });
      expect(res.data).toMatchObject({ stance: 'supporter', version: cfo.version + 1 });
      const event = await lastEvent(server, 'stakeholder.stanceChanged');
      expect(event.dealId).toBe(harbor.id);
      expect(event.before).toMatchObject({ name: 'Zhao Min', stance: 'skeptic', isCoach: false });
      expect(event.after).toMatchObject({ name: 'Zhao Min', stance: 'supporter', isCoach: false });
    });

    it('recruiting a coach is a stakeholder.updated event that says so', async () => {
      const buyer = await person('He Jun');
      await rep1.mutate('stakeholder.update', { id: buyer.id, version: buyer.version, isCoach: true, notes: 'Shares the tender timeline' });
      const event = await lastEvent(server);
      expect(event.kind).toBe('stakeholder.updated');
      expect(event.before).toMatchObject({ name: 'He Jun', isCoach: false, notes: null });
      expect(event.after).toMatchObject({ name: 'He Jun', isCoach: true, notes: 'Shares the tender timeline' });
    });

    it('editing contact facts changes the person on every deal with the account and bumps both versions', async () => {
      const ceo = await person('Wang Jianguo');
      const res = await rep1.mutate('stakeholder.update', { id: ceo.id, version: ceo.version, title: 'Chairman and CEO', phone: '+86 21 5555 0100' });
      expect(res.data).toMatchObject({ title: 'Chairman and CEO', phone: '+86 21 5555 0100', version: ceo.version + 1, contactVersion: ceo.contactVersion + 1 });
      expect((await person('Wang Jianguo', secondHarborDealId)).title).toBe('Chairman and CEO');
      expect((await lastEvent(server)).before).toMatchObject({ name: 'Wang Jianguo', title: 'Chief Executive Officer', phone: null });
    });

    it('the client form sends every field; what did not change writes nothing', async () => {
      const p = await person('Xu Jing');
      const before = await eventCount(server);
      const res = await rep1.mutate('stakeholder.update', {
        id: p.id,
        version: p.version,
        name: p.name,
        title: p.title ?? '',
        department: p.department ?? '',
        level: p.level,
        reportsToContactId: p.reportsToContactId,
        decisionRole: p.decisionRole,
        influence: p.influence,
        stance: p.stance,
        isCoach: p.isCoach,
        explicitNeeds: p.explicitNeeds ?? '',
        implicitNeeds: p.implicitNeeds ?? '',
        notes: p.notes ?? '',
      });
      expect(res.data).toEqual(p);
      expect(await eventCount(server)).toBe(before);
    });

    it('a stale version is refused with CONFLICT and the current record, never applied', async () => {
      const retail = await person('Xu Jing');
      await manager.mutate('stakeholder.update', { id: retail.id, version: retail.version, stance: 'ally' });
      const res = await refusedWithNothingWritten(() => rep1.mutate('stakeholder.update', { id: retail.id, version: retail.version, stance: 'opponent' }), 'CONFLICT');
      expect(res.error?.current).toMatchObject({ id: retail.id, name: 'Xu Jing', stance: 'ally', version: retail.version + 1 });
      expect((await person('Xu Jing')).stance).toBe('ally');
    });

    it('a stale contactVersion is refused too: someone corrected the contact from another deal', async () => {
      const onSecond = await person('Wang Jianguo', secondHarborDealId);
      await rep1.mutate('contact.update', { id: onSecond.contactId, version: onSecond.contactVersion, department: 'Board' });
      const res = await refusedWithNothingWritten(
        () => rep1.mutate('stakeholder.update', { id: onSecond.id, version: onSecond.version, contactVersion: onSecond.contactVersion, department: 'Executive Office' }),
        'CONFLICT',
      );
      expect(res.error?.current).toMatchObject({ department: 'Board' });
    });

    it('reporting lines cannot loop or point at oneself; null clears one', async () => {
      const ceo = await person('Wang Jianguo');
      const coreIt = await person('Chen Hao'); // reports to the CIO, who reports to the CEO
      const loop = await refusedWithNothingWritten(
        () => rep1.mutate('stakeholder.update', { id: ceo.id, version: ceo.version, reportsToContactId: coreIt.contactId }),
        'BAD_REQUEST',
        'reportsToContactId',
      );
      expect(loop.error?.message).toContain('loop');
      await refusedWithNothingWritten(() => rep1.mutate('stakeholder.update', { id: ceo.id, version: ceo.version, reportsToContactId: ceo.contactId }), 'BAD_REQUEST', 'reportsToContactId');
      const dba = await person('Guo Tao');
      const cleared = await rep1.mutate('stakeholder.update', { id: dba.id, version: dba.version, reportsToContactId: null });
      expectOk(cleared);
      expect(cleared.data.reportsToContactId).toBeNull();
    });

    it.each([
      ['name', { name: '' }],
      ['influence', { influence: 9 }],
      ['stance', { stance: 'ALLY' }],
      ['positionX', { positionX: 1e7 }],
      ['version', { version: 0 }],
      ['email', { email: 'a@' }],
    ])('bad input is refused naming %s (%j)', async (field, patch) => {
      const p = await person('Sun Li');
      await refusedWithNothingWritten(() => rep1.raw.mutate('stakeholder.update', { id: p.id, version: p.version, ...patch }), 'BAD_REQUEST', field);
    });

    it('an unknown stakeholder is NOT_FOUND', async () => {
      await refusedWithNothingWritten(() => rep1.mutate('stakeholder.update', { id: 999_999, version: 1, stance: 'ally' }), 'NOT_FOUND');
    });
  });

  describe('taking people off the map', () => {
    it('removes the card and its relationships; the event keeps the whole record; the contact stays on the account', async () => {
      const risk = await person('Huang Wei');
      const edgesBefore = (await room()).relationships.filter((r) => r.fromStakeholderId === risk.id || r.toStakeholderId === risk.id);
      expect(edgesBefore.length).toBe(2);
      const res = await rep1.mutate('stakeholder.remove', { id: risk.id });
      expect(res.data).toEqual({ ok: true });
      const after = await room();
      expect(after.stakeholders.some((p) => p.id === risk.id)).toBe(false);
      expect(after.relationships.some((r) => r.fromStakeholderId === risk.id || r.toStakeholderId === risk.id)).toBe(false);
      const event = await lastEvent(server, 'stakeholder.removed');
      expect(event.entityId).toBe(risk.id);
      // The removal keeps the whole card, its two edges and the competitor it favoured.
      expect(event.before).toMatchObject({ ...risk, relationships: [expect.any(Object), expect.any(Object)], favoursCompetitorIds: [expect.any(Number)] });
      // The contact stays on the account for other deals.
      const contacts = await rep1.trpc.contact.list.query({ accountId: harbor.accountId });
      expect(contacts.map((c) => c.id)).toContain(risk.contactId);
    });

    it('an info point sourced from the removed person loses its source with a new version, not silently', async () => {
      const coreIt = await person('Chen Hao');
      const pointsBefore = (await room()).infoPoints.filter((p) => p.sourceStakeholderId === coreIt.id);
      expect(pointsBefore.length).toBeGreaterThan(0);
      await rep1.mutate('stakeholder.remove', { id: coreIt.id });
      const pointsAfter = (await room()).infoPoints;
      for (const was of pointsBefore) {
        expect(pointsAfter.find((p) => p.point === was.point)).toMatchObject({ sourceStakeholderId: null, version: was.version + 1 });
      }
    });

    it('removing someone already gone is NOT_FOUND', async () => {
      const id = (await lastEvent(server, 'stakeholder.removed')).entityId!;
      await refusedWithNothingWritten(() => rep1.mutate('stakeholder.remove', { id }), 'NOT_FOUND');
    });
  });

  describe('who may map people', () => {
    it('a rep cannot map people on another rep’s deal: add, update and remove are all NOT_FOUND', async () => {
      const p = await person('Sun Li');
      await refusedWithNothingWritten(() => rep2.mutate('stakeholder.add', newPerson({ name: 'Intruder' })), 'NOT_FOUND');
      await refusedWithNothingWritten(() => rep2.mutate('stakeholder.update', { id: p.id, version: p.version, stance: 'opponent' }), 'NOT_FOUND');
      await refusedWithNothingWritten(() => rep2.mutate('stakeholder.remove', { id: p.id }), 'NOT_FOUND');
    });

    it('the team’s manager and an admin may add, update and remove', async () => {
      for (const [client, name] of [[manager, 'Manager adds'], [admin, 'Admin adds']] as const) {
        const added = await client.mutate('stakeholder.add', newPerson({ name }));
        expectOk(added);
        const updated = await client.mutate('stakeholder.update', { id: added.data.id, version: added.data.version, influence: 4 });
        expectOk(updated);
        expect(updated.data.influence).toBe(4);
        expect(await client.trpc.stakeholder.remove.mutate({ id: added.data.id })).toEqual({ ok: true });
      }
    });

    it('another team’s manager sees nothing of this deal or its account', async () => {
      const p = await person('Sun Li');
      await refusedWithNothingWritten(() => westManager.mutate('stakeholder.add', newPerson({ name: 'Spy' })), 'NOT_FOUND');
      await refusedWithNothingWritten(() => westManager.mutate('stakeholder.update', { id: p.id, version: p.version, stance: 'opponent' }), 'NOT_FOUND');
      await refusedWithNothingWritten(() => westManager.mutate('stakeholder.remove', { id: p.id }), 'NOT_FOUND');
      expect((await westManager.query('contact.list', { accountId: harbor.accountId })).error?.code).toBe('NOT_FOUND');
      await refusedWithNothingWritten(() => westManager.mutate('contact.update', { id: p.contactId, version: p.contactVersion, title: 'x' }), 'NOT_FOUND');
    });

    it('anonymous callers are UNAUTHORIZED everywhere', async () => {
      const p = await person('Sun Li');
      await refusedWithNothingWritten(() => anonymous.mutate('stakeholder.add', newPerson()), 'UNAUTHORIZED');
      await refusedWithNothingWritten(() => anonymous.mutate('stakeholder.update', { id: p.id, version: p.version, stance: 'ally' }), 'UNAUTHORIZED');
      await refusedWithNothingWritten(() => anonymous.mutate('stakeholder.remove', { id: p.id }), 'UNAUTHORIZED');
      expect((await anonymous.query('contact.list', { accountId: harbor.accountId })).error?.code).toBe('UNAUTHORIZED');
      await refusedWithNothingWritten(() => anonymous.mutate('contact.update', { id: p.contactId, version: p.contactVersion, title: 'x' }), 'UNAUTHORIZED');
    });
  });

  describe('contacts of an account', () => {
    it('whoever sees the account can list its contacts (the org chart is the account’s, shared by its deals); a rep with no deal there cannot (0029)', async () => {
      for (const client of [rep1, manager, admin]) {
        const res = await client.query('contact.list', { accountId: harbor.accountId });
        expectOk(res);
        expect(res.data.some((c) => c.name === 'Wang Jianguo')).toBe(true);
      }
      // A new rep of the team, with no deal at Harbor Bank and not its key-account manager.
      const newcomer = await admin.trpc.user.create.mutate({ email: 'newcomer@demo.test', name: 'New Comer', role: 'rep', password: 'temporary-pass-2031' });
      const session = await loginAs(server, newcomer.email, 'temporary-pass-2031');
      expect((await session.query('contact.list', { accountId: harbor.accountId })).error?.code).toBe('NOT_FOUND');
    });

    it('contact.update corrects a contact with a version check and logs contact.updated', async () => {
      const contact = (await rep1.trpc.contact.list.query({ accountId: harbor.accountId })).find((c) => c.name === 'Zhou Yan')!;
      const res = await rep1.mutate('contact.update', { id: contact.id, version: contact.version, title: 'Chief Procurement Officer', level: 'executive' });
      expect(res.data).toMatchObject({ title: 'Chief Procurement Officer', level: 'executive', version: contact.version + 1 });
      const event = await lastEvent(server, 'contact.updated');
      expect(event.before).toMatchObject({ name: 'Zhou Yan', title: 'Head of Procurement', level: 'management' });
      const stale = await refusedWithNothingWritten(() => rep1.mutate('contact.update', { id: contact.id, version: contact.version, title: 'Buyer' }), 'CONFLICT');
      expect(stale.error?.current).toMatchObject({ title: 'Chief Procurement Officer' });
    });

    it('contact.update refuses bad input naming the field', async () => {
      const contact = (await rep1.trpc.contact.list.query({ accountId: harbor.accountId }))[0]!;
      await refusedWithNothingWritten(() => rep1.raw.mutate('contact.update', { id: contact.id, version: contact.version, level: 'boss' }), 'BAD_REQUEST', 'level');
      await refusedWithNothingWritten(() => rep1.mutate('contact.update', { id: contact.id, version: contact.version, reportsToContactId: contact.id }), 'BAD_REQUEST', 'reportsToContactId');
      expect((await rep1.raw.query('contact.list', { accountId: 'harbor' })).error?.fields).toContain('accountId');
    });
  });

});
