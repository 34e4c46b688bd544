import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, loginAs, type RouterOutputs } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, dbFingerprint, type OtherTeam } from '../helpers/world';

type Deal = RouterOutputs['deal']['list']['items'][number];

/** A download over HTTP with the session's cookie, as bytes plus the headers that matter. */
async function download(session: ApiSession, path: string) {
  const res = await fetch(`${session.baseUrl}${path}`, { headers: session.cookie ? { cookie: session.cookie } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', bytes };
}

/** The CSV as records keyed by header; `bom: true` makes the parser require-and-strip nothing else. */
function records(bytes: Buffer): Record<string, string>[] {
  return parse(bytes, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

describe('export (SPEC §12)', () => {
  let server: TestServer;
  let rep1: ApiSession;
  let rep2: ApiSession;
  let manager: ApiSession;
  let other: OtherTeam;
  let harbor: Deal;
  /** A deal whose name has every CSV hazard: a comma, a quote, a newline, Chinese text, and a leading '='. */
  const trickyName = '=HYPERLINK("x"), 华港银行\n第二期';

  beforeAll(async () => {
    server = await startTestServer();
    other = await addOtherTeam(server);
    [rep1, rep2, manager] = await Promise.all(['rep1@demo.test', 'rep2@demo.test', 'manager@demo.test'].map((email) => loginAs(server, email))) as [ApiSession, ApiSession, ApiSession];
    harbor = (await rep1.trpc.deal.list.query()).items.find((deal) => deal.name === 'Core banking mainframe refresh')!;
    await rep1.trpc.deal.create.mutate({ accountId: harbor.accountId, name: trickyName, amount: 1234.5, closeDate: '2031-03-04' });
    await rep1.trpc.stakeholder.add.mutate({
      dealId: harbor.id,
      name: '+Plus Person',
      phone: '0755 8888 0001',
      level: 'staff',
      decisionRole: 'user',
      influence: 2,
      stance: 'neutral',
    });
  });
  afterAll(() => server.stop());

  it('deals.csv: a rep gets exactly their own deal.list, with BOM, dated filename and the fixed header', async () => {
    const res = await download(rep1, '/api/export/deals.csv');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.disposition).toMatch(/^attachment; filename="deals-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = records(res.bytes);
    const listed = (await rep1.trpc.deal.list.query()).items;
    expect(rows.map((row) => Number(row.id))).toEqual(listed.map((deal) => deal.id));
    expect(rows.every((row) => row.owner === listed[0]!.ownerName)).toBe(true);
    expect(Object.keys(rows[0]!)).toEqual([
      'id', 'name', 'accountId', 'account', 'ownerId', 'owner', 'stage', 'status', 'amount', 'currency', 'closeDate', 'health',
      'threshold.information', 'threshold.relationships', 'threshold.topDecisionMaker', 'coverageInfluencePct', 'flags',
    ]);
    const row = rows.find((r) => Number(r.id) === harbor.id)!;
    const health = await rep1.trpc.deal.health.query({ id: harbor.id });
    expect(row).toMatchObject({
      name: harbor.name,
      account: harbor.accountName,
      stage: harbor.stage,
      amount: String(harbor.amount),
      closeDate: harbor.closeDate,
      health: health.status,
      'threshold.information': health.thresholds.information.passed ? 'yes' : 'no',
      coverageInfluencePct: String(Math.round(health.coverage.influence * 1000) / 10),
      flags: health.flags.map((flag) => flag.code).join('; '),
    });
  });

  it('deals.csv: commas, quotes, newlines and Chinese round-trip; a leading = is guarded against formula injection', async () => {
    const rows = records((await download(rep1, '/api/export/deals.csv')).bytes);
    const tricky = rows.find((row) => row.name?.includes('华港银行'))!;
    expect(tricky.name).toBe(`'${trickyName}`);
    expect(tricky).toMatchObject({ amount: '1234.5', closeDate: '2031-03-04', 'threshold.relationships': expect.toBeOneOf(['yes', 'no']) });
  });

  it('deals.csv: another rep and another team never see the deals; a manager sees the team', async () => {
    const theirs = records((await download(rep2, '/api/export/deals.csv')).bytes);
    expect(theirs.map((row) => Number(row.id))).not.toContain(harbor.id);
    expect(theirs.map((row) => Number(row.id))).not.toContain(other.dealId);
    const team = records((await download(manager, '/api/export/deals.csv')).bytes).map((row) => Number(row.id));
    expect(team).toEqual((await manager.trpc.deal.list.query()).items.map((deal) => deal.id));
    expect(team).toContain(harbor.id);
    expect(team).not.toContain(other.dealId);
  });

  it('anonymous gets 401 on every export', async () => {
    const anonymous = new ApiSession(server.url);
    for (const path of ['/api/export/deals.csv', '/api/export/deals.xlsx', `/api/export/contacts.csv?accountId=${harbor.accountId}`]) {
      const res = await download(anonymous, path);
      expect(res.status, path).toBe(401);
      expect(JSON.parse(res.bytes.toString('utf8'))).toMatchObject({ error: { data: { code: 'UNAUTHORIZED' } } });
    }
  });

  it('filters are deal.list’s: same rows for status, stage and ownerId', async () => {
    const users = await manager.trpc.user.list.query();
    const rep1Id = users.find((user) => user.email === 'rep1@demo.test')!.id;
    for (const filters of [{ status: 'won' as const }, { stage: 'negotiate' as const }, { ownerId: rep1Id }, { status: 'open' as const, ownerId: rep1Id }]) {
      const query = new URLSearchParams(Object.entries(filters).map(([key, value]) => [key, String(value)]));
      const ids = records((await download(manager, `/api/export/deals.csv?${query}`)).bytes).map((row) => Number(row.id));
      expect(ids, query.toString()).toEqual((await manager.trpc.deal.list.query(filters)).items.map((deal) => deal.id));
    }
  });

  it('the tier and health filters narrow the export as they narrow the list', async () => {
    const all = (await manager.trpc.deal.list.query()).items;
    const { accountTier: tier, health } = all.find((deal) => deal.status === 'open' && deal.accountTier !== null)!;
    const rows = records((await download(manager, `/api/export/deals.csv?tier=${tier}&health=${health.status}`)).bytes);
    const expected = all.filter((deal) => deal.accountTier === tier && deal.health.status === health.status).map((deal) => deal.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(rows.map((row) => Number(row.id))).toEqual(expected);
  });

  it('bad filters are a 400 naming the parameter, never a 500, and change nothing', async () => {
    const before = await dbFingerprint(server);
    for (const [query, field] of [
      ['status=maybe', 'status'],
      ['ownerId=abc', 'ownerId'],
      ['ownerId=0', 'ownerId'],
      ['stage=won&stage=lost', 'stage'],
      ['colour=red', 'colour'],
      ['tier=Z', 'tier'],
      ['health=fine', 'health'],
    ] as const) {
      for (const file of ['deals.csv', 'deals.xlsx']) {
        const res = await download(manager, `/api/export/${file}?${query}`);
        expect(res.status, `${file}?${query}`).toBe(400);
        const body = JSON.parse(res.bytes.toString('utf8')) as { error: { message: string; data: { code: string } } };
        expect(body.error.data.code).toBe('BAD_REQUEST');
        expect(body.error.message).toContain(field);
      }
    }
    expect(await dbFingerprint(server)).toEqual(before);
  });

  it('deals.xlsx parses back with exceljs: bold header, numbers as numbers, dates as dates, text as given', async () => {
    const res = await download(rep1, '/api/export/deals.xlsx');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.disposition).toMatch(/^attachment; filename="deals-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Deals')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('id');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const col = (name: string) => header.indexOf(name) + 1;
    const listed = (await rep1.trpc.deal.list.query()).items;
    expect(sheet.actualRowCount).toBe(listed.length + 1);
    const byId = new Map<number, ExcelJS.Row>();
    sheet.eachRow((row, number) => {
      if (number > 1) byId.set(row.getCell(col('id')).value as number, row);
    });
    const tricky = listed.find((deal) => deal.name === trickyName)!;
    const row = byId.get(tricky.id)!;
    expect(row.getCell(col('name')).value).toBe(trickyName);
    expect(row.getCell(col('amount')).value).toBe(1234.5);
    expect(row.getCell(col('closeDate')).value).toEqual(new Date('2031-03-04T00:00:00Z'));
    expect(typeof byId.get(harbor.id)!.getCell(col('coverageInfluencePct')).value).toBe('number');
    expect(byId.get(harbor.id)!.getCell(col('threshold.topDecisionMaker')).value).toMatch(/^(yes|no)$/);
  });

  it('contacts.csv keeps phone numbers and ids as text (leading zeros kept) and guards a leading +', async () => {
    const res = await download(rep1, `/api/export/contacts.csv?accountId=${harbor.accountId}`);
    expect(res.status).toBe(200);
    expect(res.disposition).toMatch(new RegExp(`^attachment; filename="contacts-${harbor.accountId}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const rows = records(res.bytes);
    const listed = await rep1.trpc.contact.list.query({ accountId: harbor.accountId });
    expect(rows.map((row) => Number(row.id))).toEqual(listed.map((contact) => contact.id));
    const person = rows.find((row) => row.name === "'+Plus Person")!;
    expect(person.phone).toBe('0755 8888 0001');
  });

  it('contacts.csv: another team’s account is NOT_FOUND, a bad accountId a 400', async () => {
    expect((await download(rep1, `/api/export/contacts.csv?accountId=${other.accountId}`)).status).toBe(404);
    expect((await download(rep1, '/api/export/contacts.csv')).status).toBe(400);
    expect((await download(rep1, '/api/export/contacts.csv?accountId=-1')).status).toBe(400);
  });
});
