import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, loginAs, type ApiInput } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, dbFingerprint, sql, type OtherTeam } from '../helpers/world';
import { dealHealth, deals } from '../../server/db/tables';
import { healthForDeals } from '../../server/services/health';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');
/** A fixture as the browser sends it: the file's text (a BOM stays in the string, as FileReader.readAsText keeps it). */
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const salesforce = () => ({
  accounts: fixture('salesforce/Account.csv'),
  contacts: fixture('salesforce/Contact.csv'),
  deals: fixture('salesforce/Opportunity.csv'),
  contactRoles: fixture('salesforce/OpportunityContactRole.csv'),
});
type ImportInput = Exclude<ApiInput<'import.run'>, void>;

const count = async (server: TestServer, table: string) => Number((await sql<{ n: number }>(server, `select cast(count(*) as integer) as n from ${table}`))[0]!.n);

describe('import.run (SPEC §12)', () => {
  let server: TestServer;
  let manager: ApiSession;
  let admin: ApiSession;
  let rep1: ApiSession;
  let other: OtherTeam;
  const owners = { '0055g00000U1AAA': 'rep1@demo.test', '0055g00000U2AAA': 'rep2@demo.test' };

  beforeAll(async () => {
    server = await startTestServer();
    other = await addOtherTeam(server);
    [manager, admin, rep1] = (await Promise.all(['manager@demo.test', 'admin@demo.test', 'rep1@demo.test'].map((email) => loginAs(server, email)))) as [ApiSession, ApiSession, ApiSession];
  });
  afterAll(() => server.stop());

  it('a dry run of a Salesforce export counts what it would create and writes nothing', async () => {
    const before = await dbFingerprint(server);
    const result = await manager.trpc.import.run.mutate({ source: 'salesforce', files: salesforce(), mapping: { owners }, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.files).toEqual({
      accounts: { rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] },
      contacts: { rows: 5, created: 5, updated: 0, unchanged: 0, errors: [] },
      deals: { rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] },
      contactRoles: { rows: 5, created: 5, updated: 0, unchanged: 0, errors: [] },
    });
    expect(await dbFingerprint(server)).toEqual(before);
  });

  it('imports accounts, people with their reporting lines (a manager later in the file), deals and roles — text stays text', async () => {
    const result = await manager.trpc.import.run.mutate({ source: 'salesforce', files: salesforce(), mapping: { owners } });
    expect(result.files.contacts).toMatchObject({ created: 5, errors: [] });

    const accounts = await manager.trpc.account.list.query();
    const acme = accounts.find((a) => a.name === 'Acme Rail Systems')!;
    expect(acme).toMatchObject({ industry: 'Transportation' });
    expect(accounts.some((a) => a.name === 'Harbour Trust Bank, Ltd.')).toBe(true);
    expect(accounts.some((a) => a.name === '北京地铁运营')).toBe(true);

    const people = await manager.trpc.contact.list.query({ accountId: acme.id });
    const byName = new Map(people.map((p) => [p.name, p]));
    const ceo = byName.get('Anna Lindqvist')!;
    const cto = byName.get('Priya Raman')!;
    const engineer = byName.get("Tom O'Neil")!;
    // ReportsToId pointed forward (the CEO is the last row): resolved anyway.
    expect(cto.reportsToContactId).toBe(ceo.id);
    expect(engineer.reportsToContactId).toBe(cto.id);
    expect(ceo).toMatchObject({ level: 'executive', phone: '01234 567890', reportsToContactId: null });
    expect(cto.level).toBe('executive');
    expect(engineer).toMatchObject({ title: 'Signalling engineer\n(night shift)', phone: '0044 7700 900123', level: 'staff' });

    const deals = (await manager.trpc.deal.list.query({ limit: 200 })).items;
    const metro = deals.find((d) => d.name === 'Metro line 4 signalling')!;
    expect(metro).toMatchObject({ stage: 'discover', amount: 2_500_000, currency: 'EUR', closeDate: '2031-06-30', accountId: acme.id, ownerName: 'Riley Zhang' });
    const phase2 = deals.find((d) => d.name === 'Core banking, phase 2')!;
    expect(phase2).toMatchObject({ stage: 'propose', amount: 1_800_000.5, ownerName: 'Sam Patel' });
    const won = deals.find((d) => d.name === '调度系统升级')!;
    expect(won).toMatchObject({ stage: 'won', status: 'won', ownerName: 'Morgan Li' });

    // Contact roles → stakeholders with SPEC §12's role map, influence 3, stance unknown.
    const map = (await manager.trpc.deal.get.query({ id: metro.id })).stakeholders;
    const roles = Object.fromEntries(map.map((s) => [s.name, [s.decisionRole, s.influence, s.stance]]));
    expect(roles).toEqual({ 'Anna Lindqvist': ['final_decision_maker', 3, 'unknown'], 'Priya Raman': ['evaluator', 3, 'unknown'], "Tom O'Neil": ['user', 3, 'unknown'] });
    const wonMap = (await manager.trpc.deal.get.query({ id: won.id })).stakeholders;
    expect(wonMap.map((s) => s.decisionRole)).toEqual(['influencer']);

    // Stored health, like any deal created in the app (SPEC §13): present and equal to a fresh scoring.
    for (const deal of [metro, phase2, won]) {
      const stored = await sql<{ status: string }>(server, 'select status from deal_health where deal_id = ?', [deal.id]);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.status).toBe((await manager.trpc.deal.health.query({ id: deal.id })).status);
    }
    // Every write is in the event log.
    const kinds = await sql<{ kind: string; n: number }>(server, `select kind, cast(count(*) as integer) as n from events where kind in ('account.created','contact.created','deal.created','stakeholder.added') and at >= ? group by kind order by kind`, [new Date(Date.now() - 60_000).toISOString()]);
    expect(Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]))).toMatchObject({ 'account.created': 3, 'contact.created': 5, 'deal.created': 3, 'stakeholder.added': 5 });
  });

  it('the same files again change nothing', async () => {
    const before = await dbFingerprint(server);
    const result = await manager.trpc.import.run.mutate({ source: 'salesforce', files: salesforce(), mapping: { owners } });
    for (const file of ['accounts', 'contacts', 'deals', 'contactRoles'] as const) {
      expect(result.files[file]).toMatchObject({ created: 0, updated: 0, errors: [] });
    }
    expect(result.files.contacts!.unchanged).toBe(5);
    expect(await dbFingerprint(server)).toEqual(before);
  });

  it('a changed row updates its record through the edit path: version + 1 and an event', async () => {
    const files = salesforce();
    files.deals = files.deals.replace('Metro line 4 signalling,Needs Analysis,2500000', 'Metro line 4 signalling,Negotiation/Review,2600000');
    files.contacts = files.contacts.replace('0207 946 0001', '0207 946 0099');
    const deal = (await manager.trpc.deal.list.query({ q: 'Metro line 4' })).items[0]!;
    const result = await manager.trpc.import.run.mutate({ source: 'salesforce', files, mapping: { owners } });
    expect(result.files.deals).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(result.files.contacts).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    const after = (await manager.trpc.deal.list.query({ q: 'Metro line 4' })).items[0]!;
    expect(after).toMatchObject({ id: deal.id, stage: 'negotiate', amount: 2_600_000, version: deal.version + 1 });
    const events = await sql<{ kind: string; after: unknown }>(server, 'select kind, after from events where deal_id = ? order by id desc limit 5', [deal.id]);
    const change = events.find((e) => e.kind === 'deal.stageChanged')!;
    expect(typeof change.after === 'string' ? JSON.parse(change.after) : change.after).toMatchObject({ stage: 'negotiate', amount: 2_600_000 });
    const phone = await sql<{ phone: string; version: number }>(server, "select phone, version from contacts where email = 'priya@acme.example'");
    expect(phone[0]).toMatchObject({ phone: '0207 946 0099', version: 2 });
    expect((await sql(server, "select id from events where kind = 'contact.updated'")).length).toBe(1);
  });

  it('every deal the imports created or changed has its stored health equal to a fresh scoring (SPEC §13)', async () => {
    const { db } = server.database;
    const all = await db.select({ id: deals.id, teamId: deals.teamId, stage: deals.stage, status: deals.status, closeDate: deals.closeDate }).from(deals);
    const fresh = await healthForDeals(db, all, server.clock.now);
    const stored = new Map((await db.select().from(dealHealth)).map((row) => [row.dealId, row]));
    for (const deal of all) {
      const health = JSON.parse(JSON.stringify(fresh.get(deal.id))) as unknown;
      expect(stored.get(deal.id)?.health, `deal ${deal.id}`).toEqual(health);
    }
    const snapshots = await sql<{ n: number }>(server, `select cast(count(*) as integer) as n from import_links l where l.kind = 'deal' and not exists (select 1 from coverage_snapshots s where s.deal_id = l.local_id)`);
    expect(Number(snapshots[0]!.n)).toBe(0);
    const won = (await manager.trpc.deal.list.query({ q: '调度系统升级' })).items[0]!;
    const closed = await sql<{ closed_thresholds: unknown }>(server, 'select closed_thresholds from deals where id = ?', [won.id]);
    const thresholds = closed[0]!.closed_thresholds;
    expect(typeof thresholds === 'string' ? JSON.parse(thresholds) : thresholds).toEqual({ information: false, relationships: false, topDecisionMaker: false });
  });

  it('an unknown stage and a duplicate id are row errors, and then nothing is written', async () => {
    const before = await dbFingerprint(server);
    const dealRows = await count(server, 'deals');
    const result = await manager.trpc.import.run.mutate({
      source: 'salesforce',
      files: { accounts: fixture('salesforce/Account.csv'), contacts: fixture('salesforce/Contact-duplicate-id.csv'), deals: fixture('salesforce/Opportunity-unknown-stage.csv') },
    });
    expect(result.dryRun).toBe(false);
    expect(result.files.deals!.errors).toEqual([{ row: 2, column: 'StageName', message: expect.stringMatching(/unknown stage "Pilot Running"/) }]);
    expect(result.files.contacts!.errors).toEqual([{ row: 3, column: 'Id', message: expect.stringMatching(/appears twice in this file \(first on row 2\)/) }]);
    expect(await count(server, 'deals')).toBe(dealRows);
    expect(await dbFingerprint(server)).toEqual(before);

    // Mapped, the stage is fine (a dry run says so).
    const mapped = await manager.trpc.import.run.mutate({
      source: 'salesforce',
      files: { accounts: fixture('salesforce/Account.csv'), deals: fixture('salesforce/Opportunity-unknown-stage.csv') },
      mapping: { stages: { 'Pilot Running': 'propose' } },
      dryRun: true,
    });
    expect(mapped.files.deals).toMatchObject({ created: 1, unchanged: 0, updated: 1, errors: [] });
  });

  it('row and file errors come in the importing user’s language (zh-CN), the same checks as in English', async () => {
    const chinese = await loginAs(server, 'manager@demo.test');
    await chinese.trpc.auth.setLocale.mutate({ locale: 'zh-CN' });
    try {
      const result = await chinese.trpc.import.run.mutate({
        source: 'salesforce',
        files: { accounts: fixture('salesforce/Account.csv'), deals: fixture('salesforce/Opportunity-unknown-stage.csv') },
        dryRun: true,
      });
      expect(result.files.deals!.errors).toEqual([{ row: 2, column: 'StageName', message: '未知阶段“Pilot Running”：请在阶段映射中将其对应到 Deal Room 的阶段' }]);
      const missing = await chinese.trpc.import.run.mutate({ source: 'salesforce', files: { deals: 'Id,Name\n1,x\n' }, dryRun: true });
      expect(missing.files.deals!.errors).toEqual([
        { row: 0, column: 'AccountId', message: '文件缺少 AccountId 列' },
        { row: 0, column: 'StageName', message: '文件缺少 StageName 列' },
        { row: 0, column: 'CloseDate', message: '文件缺少 CloseDate 列' },
      ]);
      const unmapped = await chinese.trpc.import.run.mutate({ source: 'csv', files: { accounts: 'id,name\n1,x\n' }, mapping: { columns: { accounts: { industry: 'Branche' } } }, dryRun: true });
      expect(unmapped.files.accounts!.errors).toEqual([{ row: 0, column: 'Branche', message: '列映射为 industry 指定了“Branche”列，但文件中没有这一列' }]);
    } finally {
      await chinese.trpc.auth.setLocale.mutate({ locale: 'en' });
    }
    // The language is the user's: back in English, the same file reads as before.
    const english = await manager.trpc.import.run.mutate({ source: 'salesforce', files: { deals: 'Id,Name\n1,x\n' }, dryRun: true });
    expect(english.files.deals!.errors[0]!.message).toBe('The file has no AccountId column');
  });

  it('a person whose account is in neither the files nor imported before is a row error', async () => {
    const result = await manager.trpc.import.run.mutate({
      source: 'salesforce',
      files: { contacts: 'Id,AccountId,LastName,ReportsToId\r\n003NEW1,001NOPE,Nobody,\r\n003NEW2,0015g00000AcmeAAA,Somebody,003MISSING\r\n' },
    });
    expect(result.files.contacts!.errors).toEqual([
      { row: 1, column: 'AccountId', message: expect.stringMatching(/no account "001NOPE"/) },
      { row: 2, column: 'ReportsToId', message: expect.stringMatching(/no person "003MISSING"/) },
    ]);
  });

  it('a file that is not CSV or lacks a required column is a file error (row 0), never a 500', async () => {
    const notCsv = await manager.trpc.import.run.mutate({ source: 'salesforce', files: { accounts: 'PK\u0003\u0004\u0000\u0000binary' }, dryRun: true });
    expect(notCsv.files.accounts!.errors[0]).toMatchObject({ row: 0, message: expect.stringMatching(/not a CSV/) });
    const badQuote = await manager.trpc.import.run.mutate({ source: 'salesforce', files: { accounts: 'Id,Name\n1,"unclosed\n' }, dryRun: true });
    expect(badQuote.files.accounts!.errors[0]!.message).toMatch(/not valid CSV/);
    const missing = await manager.trpc.import.run.mutate({ source: 'salesforce', files: { deals: 'Id,Name\n1,x\n' }, dryRun: true });
    expect(missing.files.deals!.errors.map((e) => e.column)).toEqual(['AccountId', 'StageName', 'CloseDate']);
  });

  it('HubSpot exports by their column labels; owners by mapping; unknown owner email is a row error', async () => {
    const files = { accounts: fixture('hubspot/companies.csv'), contacts: fixture('hubspot/contacts.csv'), deals: fixture('hubspot/deals.csv') };
    const bad = await manager.trpc.import.run.mutate({ source: 'hubspot', files, mapping: { owners: { 'Morgan Li': 'nobody@demo.test' } } });
    expect(bad.files.deals!.errors).toEqual([{ row: 1, column: 'Deal owner', message: expect.stringMatching(/nobody@demo\.test/) }]);
    const good = await manager.trpc.import.run.mutate({ source: 'hubspot', files, mapping: { owners: { 'Morgan Li': 'rep2@demo.test' } } });
    expect(good.files).toMatchObject({ accounts: { created: 1 }, contacts: { created: 2 }, deals: { created: 1 } });
    const deal = (await manager.trpc.deal.list.query({ q: 'Grid control room' })).items[0]!;
    expect(deal).toMatchObject({ stage: 'discover', closeDate: '2031-05-01', ownerName: 'Sam Patel', accountName: 'Nordlicht Energie GmbH' });
    const people = await manager.trpc.contact.list.query({ accountId: deal.accountId });
    expect(people.find((p) => p.name === 'Jonas Becker')).toMatchObject({ phone: '0351 4400 100', level: 'executive', title: 'VP Operations' });
  });

  it('generic CSV with a column mapping', async () => {
    const accounts = 'Customer No,Customer\n00042,Zeta Logistics\n';
    const deals = 'Ref,Customer No,Title,Phase,Value,Due\nD-1,00042,Yard automation,negotiate,1200,2031-01-31\n';
    const result = await manager.trpc.import.run.mutate({
      source: 'csv',
      files: { accounts, deals },
      mapping: { columns: { accounts: { id: 'Customer No', name: 'Customer' }, deals: { id: 'Ref', accountId: 'Customer No', name: 'Title', stage: 'Phase', amount: 'Value', closeDate: 'Due' } } },
    });
    expect(result.files).toMatchObject({ accounts: { created: 1, errors: [] }, deals: { created: 1, errors: [] } });
    expect((await manager.trpc.deal.list.query({ q: 'Yard automation' })).items[0]).toMatchObject({ stage: 'negotiate', amount: 1200 });
  });

  it('an exported deals CSV imported back with source csv changes nothing', async () => {
    // A deal whose name the export guards against formula injection ('=…'): the import strips the guard again.
    const acme = (await manager.trpc.account.list.query()).find((a) => a.name === 'Acme Rail Systems')!;
    await manager.trpc.deal.create.mutate({ accountId: acme.id, name: '=SUM(A1) "quoted", multi\nline', amount: 10.25, closeDate: '2031-02-02' });
    const res = await fetch(`${manager.baseUrl}/api/export/deals.csv`, { headers: { cookie: manager.cookie! } });
    const csv = await res.text();
    expect(csv).toContain(`"'=SUM(A1)`);
    const contacts = await fetch(`${manager.baseUrl}/api/export/contacts.csv?accountId=${acme.id}`, { headers: { cookie: manager.cookie! } });
    const before = await dbFingerprint(server);
    const result = await manager.trpc.import.run.mutate({ source: 'csv', files: { deals: csv, contacts: await contacts.text() } });
    expect(result.files.deals).toMatchObject({ created: 0, updated: 0, errors: [] });
    expect(result.files.deals!.unchanged).toBe(result.files.deals!.rows);
    expect(result.files.contacts).toMatchObject({ created: 0, updated: 0, errors: [] });
    expect(await dbFingerprint(server)).toEqual(before);
  });

  it('20 MB of files goes through; a byte more is a clear BAD_REQUEST; a body past the limit is a 413, nothing written', async () => {
    const header = 'Id,Name,Description\n001BIG,Big Account,';
    const limit = 20 * 1024 * 1024;
    const exactly = header + 'x'.repeat(limit - header.length - 1) + '\n';
    const fits = await manager.trpc.import.run.mutate({ source: 'salesforce', files: { accounts: exactly }, dryRun: true });
    expect(fits.files.accounts).toMatchObject({ rows: 1, created: 1 });

    const before = await dbFingerprint(server);
    const over = await manager.mutate('import.run', { source: 'salesforce', files: { accounts: exactly + 'y' } } as ImportInput);
    expect(over.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/at most 20\.0 MB/) });
    const huge = await manager.raw.mutate('import.run', { source: 'salesforce', files: { accounts: 'x'.repeat(60 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(JSON.stringify(huge.body)).toMatch(/PAYLOAD_TOO_LARGE/);
    expect(await dbFingerprint(server)).toEqual(before);
  });

  it('access: reps are refused; a manager imports into a team they manage only; an admin into any team', async () => {
    const input: ImportInput = { source: 'salesforce', files: { accounts: 'Id,Name\n001T,Team Test\n' }, dryRun: true };
    expect((await rep1.mutate('import.run', input)).error?.code).toBe('FORBIDDEN');
    expect((await manager.mutate('import.run', { ...input, teamId: other.teamId })).error?.code).toBe('NOT_FOUND');
    const otherManager = await loginAs(server, other.managerEmail);
    expect((await otherManager.mutate('import.run', { ...input, teamId: 1 })).error?.code).toBe('NOT_FOUND');
    const result = await admin.trpc.import.run.mutate({ ...input, dryRun: false, teamId: other.teamId, files: { accounts: 'Id,Name\n001T,West Import\n' } });
    expect(result.files.accounts).toMatchObject({ created: 1 });
    expect((await otherManager.trpc.account.list.query()).some((a) => a.name === 'West Import')).toBe(true);
    expect((await manager.trpc.account.list.query()).some((a) => a.name === 'West Import')).toBe(false);
  });
});
