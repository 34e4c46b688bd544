import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { expectOk, loginAs, type ApiError, type ApiResult, type ApiSession, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { eventCount, lastEvent } from '../helpers/world';

type Room = RouterOutputs['deal']['get'];

describe('the nine information points and their lists', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let dealId: number;
  let harborId: number;
  let harborStakeholders: number[];

  async function room(id = dealId): Promise<Room> {
    return await rep1.trpc.deal.get.query({ id });
  }

  /** Run a write and return its result with the one event-log row it must have added. */
  async function writesOneEvent<T>(write: () => Promise<ApiResult<T>>) {
    const before = await eventCount(server);
    const result = await write();
    expectOk(result);
    expect(await eventCount(server)).toBe(before + 1);
    const event = await lastEvent(server);
    return { result, event, before: event.before, after: event.after };
  }

  async function writesNothing<R extends { error?: ApiError }>(write: () => Promise<R>, code: ApiError['code']): Promise<R> {
    const before = await eventCount(server);
    const res = await write();
    expect(res.error?.code).toBe(code);
    expect(await eventCount(server)).toBe(before);
    return res;
  }

  beforeAll(async () => {
    server = await startTestServer();
    [rep1, rep2, manager] = await Promise.all([loginAs(server, 'rep1@demo.test'), loginAs(server, 'rep2@demo.test'), loginAs(server, 'manager@demo.test')]);
    const deals = (await rep1.trpc.deal.list.query()).items;
    const harbor = deals.find((deal) => deal.name === 'Core banking mainframe refresh')!;
    harborId = harbor.id;
    harborStakeholders = (await room(harborId)).stakeholders.map((s) => s.id);
    dealId = (await rep1.trpc.deal.create.mutate({ accountId: harbor.accountId, name: 'Info point playground', amount: 1, closeDate: '2031-01-01' })).id;
  });
  afterAll(() => server.stop());

  describe('infoPoint.update', () => {
    it('confirming a point for the first time stamps it verified now, bumps its version and logs the change', async () => {
      const point = (await room()).infoPoints.find((p) => p.point === 2)!;
      const { result, before, after, event } = await writesOneEvent(() =>
        rep1.mutate('infoPoint.update', { dealId, point: 2, version: point.version, status: 'confirmed', summary: 'Two-envelope tender' }),
      );
      expect(result.data).toMatchObject({
        id: point.id,
        dealId,
        point: 2,
        status: 'confirmed',
        summary: 'Two-envelope tender',
        verifiedAt: server.clock.now.toISOString(),
        version: point.version + 1,
      });
      expect(event).toMatchObject({ kind: 'infoPoint.updated', entity: 'infoPoint', entityId: point.id, dealId: dealId });
      expect(before).toMatchObject({ point: 2, status: 'unknown', summary: '' });
      expect(after).toMatchObject({ point: 2, status: 'confirmed', summary: 'Two-envelope tender' });
    });

    it('a source stakeholder and a verified date can be given; the date is kept as an instant', async () => {
      const point = (await room(harborId)).infoPoints.find((p) => p.point === 7)!;
      const res = await rep1.mutate('infoPoint.update', {
        dealId: harborId,
        point: 7,
        version: point.version,
        status: 'partial',
        sourceStakeholderId: harborStakeholders[0],
        verifiedAt: '2020-05-04',
      });
      expectOk(res);
      expect(res.data).toMatchObject({ status: 'partial', sourceStakeholderId: harborStakeholders[0], verifiedAt: '2020-05-04T00:00:00.000Z' });
      const cleared = await rep1.mutate('infoPoint.update', { dealId: harborId, point: 7, version: res.data.version, sourceStakeholderId: null, verifiedAt: null });
      expect(cleared.data).toMatchObject({ sourceStakeholderId: null, verifiedAt: null });
    });

    it('a stale version is refused with CONFLICT carrying the current point', async () => {
      const point = (await room()).infoPoints.find((p) => p.point === 3)!;
      const first = await rep1.mutate('infoPoint.update', { dealId, point: 3, version: point.version, summary: 'First' });
      expectOk(first);
      const res = await writesNothing(() => manager.mutate('infoPoint.update', { dealId, point: 3, version: point.version, summary: 'Second' }), 'CONFLICT');
      expect(res.error?.current).toEqual(first.data);
    });

    it('a source stakeholder from another deal is refused, naming the field', async () => {
      const point = (await room()).infoPoints.find((p) => p.point === 4)!;
      const res = await writesNothing(
        () => rep1.mutate('infoPoint.update', { dealId, point: 4, version: point.version, sourceStakeholderId: harborStakeholders[0] }),
        'BAD_REQUEST',
      );
      expect(res.error?.message).toMatch(/sourceStakeholderId/);
    });

    it('a verified date in the future is refused', async () => {
      const point = (await room()).infoPoints.find((p) => p.point === 5)!;
      const future = addDays(server.clock.now, 7).toISOString();
      const res = await writesNothing(() => rep1.mutate('infoPoint.update', { dealId, point: 5, version: point.version, verifiedAt: future }), 'BAD_REQUEST');
      expect(res.error?.message).toMatch(/verifiedAt/);
    });

    it('another rep cannot update this deal’s points', async () => {
      const point = (await room()).infoPoints.find((p) => p.point === 6)!;
      await writesNothing(() => rep2.mutate('infoPoint.update', { dealId, point: 6, version: point.version, summary: 'Hijack' }), 'NOT_FOUND');
    });
  });

  describe('point 1: next steps', () => {
    it('add, update, mark done and remove a next step, each logged', async () => {
      const added = await writesOneEvent(() => rep1.mutate('nextStep.add', { dealId, title: 'Reference visit for the CEO', owner: 'Riley', dueDate: '2030-11-15' }));
      const step = added.result.data;
      expect(step).toMatchObject({ id: expect.any(Number), dealId, title: 'Reference visit for the CEO', owner: 'Riley', dueDate: '2030-11-15', done: false, version: 1 });
      expect(added.event).toMatchObject({ kind: 'nextStep.added', entity: 'nextStep', entityId: step.id });

      const updated = await writesOneEvent(() => rep1.mutate('nextStep.update', { id: step.id, version: 1, title: 'Reference visit (Shanghai)', owner: '' }));
      expect(updated.result.data).toMatchObject({ title: 'Reference visit (Shanghai)', owner: null, version: 2 });
      expect(updated.event.kind).toBe('nextStep.updated');

      const done = await writesOneEvent(() => rep1.mutate('nextStep.update', { id: step.id, version: 2, done: true }));
      expect(done.result.data).toMatchObject({ done: true, version: 3 });
      expect(done.event.kind).toBe('nextStep.done');

      await writesNothing(() => rep1.mutate('nextStep.update', { id: step.id, version: 2, done: false }), 'CONFLICT');

      const removed = await writesOneEvent(() => rep1.mutate('nextStep.remove', { id: step.id }));
      expect(removed.result.data).toEqual({ ok: true });
      expect(removed.event.kind).toBe('nextStep.removed');
      expect((await room()).nextSteps.find((s) => s.id === step.id)).toBeUndefined();
      await writesNothing(() => rep1.mutate('nextStep.remove', { id: step.id }), 'NOT_FOUND');
    });

    it('another rep can neither change nor remove the deal’s next steps', async () => {
      const step = await rep1.trpc.nextStep.add.mutate({ dealId, title: 'Mine' });
      await writesNothing(() => rep2.mutate('nextStep.update', { id: step.id, version: step.version, title: 'Theirs' }), 'NOT_FOUND');
      await writesNothing(() => rep2.mutate('nextStep.remove', { id: step.id }), 'NOT_FOUND');
      await writesNothing(() => rep2.mutate('nextStep.add', { dealId, title: 'Sneaky' }), 'NOT_FOUND');
    });
  });

  describe('point 8: competitors', () => {
    it('add, update and remove a competitor with the stakeholders who favour it, each logged', async () => {
      const [first, second] = harborStakeholders as [number, number];
      const added = await writesOneEvent(() =>
        rep1.mutate('competitor.add', { dealId: harborId, name: 'Titan Systems', strengths: 'Incumbent', favouredByStakeholderIds: [second, first, first] }),
      );
      const competitor = added.result.data;
      expect(competitor).toMatchObject({ name: 'Titan Systems', strengths: 'Incumbent', weaknesses: '', favouredByStakeholderIds: [first, second].sort((a, b) => a - b), version: 1 });
      expect(added.event).toMatchObject({ kind: 'competitor.added', entityId: competitor.id });

      const updated = await writesOneEvent(() =>
        rep1.mutate('competitor.update', { id: competitor.id, version: 1, weaknesses: 'Old hardware', favouredByStakeholderIds: [first] }),
      );
      expect(updated.result.data).toMatchObject({ weaknesses: 'Old hardware', favouredByStakeholderIds: [first], version: 2 });
      expect(updated.before).toMatchObject({ weaknesses: '', favouredByStakeholderIds: [first, second].sort((a, b) => a - b) });
      expect(updated.after).toMatchObject({ weaknesses: 'Old hardware', favouredByStakeholderIds: [first] });

      const stale = await writesNothing(() => rep1.mutate('competitor.update', { id: competitor.id, version: 1, name: 'Nope' }), 'CONFLICT');
      expect(stale.error?.current).toEqual(updated.result.data);

      const removed = await writesOneEvent(() => rep1.mutate('competitor.remove', { id: competitor.id }));
      expect(removed.result.data).toEqual({ ok: true });
      expect(removed.event.kind).toBe('competitor.removed');
      expect((await room(harborId)).competitors.find((c) => c.id === competitor.id)).toBeUndefined();
    });

    it('a stakeholder of another deal cannot favour this deal’s competitor', async () => {
      const res = await writesNothing(
        () => rep1.mutate('competitor.add', { dealId, name: 'Nordstar', favouredByStakeholderIds: [harborStakeholders[0]!] }),
        'BAD_REQUEST',
      );
      expect(res.error?.message).toMatch(/favouredByStakeholderIds/);
    });
  });

  describe('point 9: success factors, ranked', () => {
    it('factors are ranked in the order added; each change logs the top three before and after', async () => {
      const titles = ['No downtime', 'Regulator acceptance', 'Five-year cost', 'Local support'];
      const factors: RouterOutputs['successFactor']['add'][] = [];
      for (const title of titles) {
        const { result, event } = await writesOneEvent(() => rep1.mutate('successFactor.add', { dealId, title }));
        expect(event.kind).toBe('successFactor.added');
        factors.push(result.data);
      }
      expect(factors.map((f) => f.rank)).toEqual([1, 2, 3, 4]);

      const renamed = await writesOneEvent(() => rep1.mutate('successFactor.update', { id: factors[2]!.id, version: 1, title: 'Total cost over five years' }));
      expect(renamed.result.data).toMatchObject({ title: 'Total cost over five years', rank: 3, version: 2 });
      expect(renamed.before).toMatchObject({ top: ['No downtime', 'Regulator acceptance', 'Five-year cost'] });
      expect(renamed.after).toMatchObject({ top: ['No downtime', 'Regulator acceptance', 'Total cost over five years'] });

      const order = [factors[3]!.id, factors[0]!.id, factors[1]!.id, factors[2]!.id];
      const reordered = await writesOneEvent(() => rep1.mutate('successFactor.reorder', { dealId, orderedIds: order }));
      expect(reordered.event.kind).toBe('successFactor.reordered');
      expect(reordered.result.data.map((f) => f.id)).toEqual(order);
      expect(reordered.result.data.map((f) => f.rank)).toEqual([1, 2, 3, 4]);
      expect(reordered.after).toMatchObject({ top: ['Local support', 'No downtime', 'Regulator acceptance'] });
      expect((await room()).successFactors.map((f) => f.id)).toEqual(order);

      const removed = await writesOneEvent(() => rep1.mutate('successFactor.remove', { id: factors[3]!.id }));
      expect(removed.event.kind).toBe('successFactor.removed');
      expect((await room()).successFactors.map((f) => [f.title, f.rank])).toEqual([
        ['No downtime', 1],
        ['Regulator acceptance', 2],
        ['Total cost over five years', 3],
      ]);
    });

    it('a reorder that does not name exactly the deal’s factors is a CONFLICT with the current list', async () => {
      const current = (await room()).successFactors;
      const res = await writesNothing(() => rep1.mutate('successFactor.reorder', { dealId, orderedIds: current.slice(1).map((f) => f.id) }), 'CONFLICT');
      expect(res.error?.current).toEqual(current);
      await writesNothing(() => rep1.mutate('successFactor.reorder', { dealId, orderedIds: [current[0]!.id, current[0]!.id, current[1]!.id] }), 'CONFLICT');
    });

    it('a reorder to the same order, or a rename to the same title, changes nothing', async () => {
      const current = (await room()).successFactors;
      const before = await eventCount(server);
      const same = await rep1.mutate('successFactor.reorder', { dealId, orderedIds: current.map((f) => f.id) });
      expect(same.data).toEqual(current);
      const renamed = await rep1.mutate('successFactor.update', { id: current[0]!.id, version: current[0]!.version, title: current[0]!.title });
      expect(renamed.data).toEqual(current[0]);
      expect(await eventCount(server)).toBe(before);
    });

    it('another rep cannot add, rename, reorder or remove this deal’s factors', async () => {
      const current = (await room()).successFactors;
      await writesNothing(() => rep2.mutate('successFactor.add', { dealId, title: 'Mine now' }), 'NOT_FOUND');
      await writesNothing(() => rep2.mutate('successFactor.update', { id: current[0]!.id, version: current[0]!.version, title: 'x' }), 'NOT_FOUND');
      await writesNothing(() => rep2.mutate('successFactor.reorder', { dealId, orderedIds: current.map((f) => f.id).reverse() }), 'NOT_FOUND');
      await writesNothing(() => rep2.mutate('successFactor.remove', { id: current[0]!.id }), 'NOT_FOUND');
    });
  });
});
