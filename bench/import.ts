/**
 * Import and export at size (SPEC §12, issue #16): a generated Salesforce export of 2,000
 * accounts, 20,000 contacts with reporting lines (managers later in the file than the
 * people who report to them) and 20,000 opportunities, through `import.run` over HTTP —
 * beside the same rows through a bare insert path (prepared INSERTs in one transaction,
 * no checks, no events, no health). Then the 20,000 deals exported as CSV and XLSX: time
 * and the process's peak memory while each download runs.
 */
import { loginAs } from '../test/helpers/api';
import { startTestServer } from '../test/helpers/server';

export interface ImportFigures {
  rows: { accounts: number; contacts: number; deals: number };
  megabytes: number;
  ours: { seconds: number; rowsPerSecond: number };
  bare: { seconds: number; rowsPerSecond: number };
  ratio: number;
  exports: { format: 'csv' | 'xlsx'; deals: number; seconds: number; megabytes: number; peakRssMb: number; rssGrowthMb: number }[];
}

const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
const TITLES = ['Chief Executive Officer', 'VP Operations', 'Director of IT', 'Procurement Manager', 'Engineer', 'Analyst', 'Project Lead', 'Buyer', 'Controller', 'Architect'];
const q = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The export's files as Salesforce writes them: a BOM, CRLF rows, API-name headers. */
export function salesforceExport(accounts = 2_000, perAccount = 10) {
  const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;
  const account = ['Id,Name,Industry,BillingPostalCode'];
  const contact = ['Id,AccountId,FirstName,LastName,Title,Department,Email,Phone,ReportsToId'];
  const opportunity = ['Id,AccountId,Name,StageName,Amount,CloseDate,OwnerId'];
  for (let a = 0; a < accounts; a++) {
    account.push([id('001', a), q(`Bench Account ${a}, Ltd.`), 'Manufacturing', String(a % 100_000).padStart(5, '0')].join(','));
    // The account's head is the LAST of its people: every reporting line points forward.
    for (let p = 0; p < perAccount; p++) {
      const n = a * perAccount + p;
      const head = a * perAccount + perAccount - 1;
      const manager = p === perAccount - 1 ? '' : p < 3 ? id('003', head) : id('003', a * perAccount + (p % 3));
      contact.push([id('003', n), id('001', a), `First${p}`, `Last ${n}`, TITLES[p % TITLES.length]!, 'Operations', `p${n}@bench.example`, `0${String(n).padStart(9, '0')}`, manager].join(','));
      opportunity.push([id('006', n), id('001', a), q(`Bench opportunity ${n}`), STAGES[n % STAGES.length]!, String(10_000 + (n % 97) * 1_250.5), `2031-${String((n % 12) + 1).padStart(2, '0')}-15`, ''].join(','));
    }
  }
  const file = (lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;
  return { accounts: file(account), contacts: file(contact), deals: file(opportunity), counts: { accounts, contacts: accounts * perAccount, deals: accounts * perAccount } };
}

/** Sample the process's RSS while `work` runs: the peak, and how far it rose. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: Math.round(peak / 1024 / 1024), growthMb: Math.round((peak - before) / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

export async function benchImport(): Promise<ImportFigures> {
  const files = salesforceExport();
  const total = files.counts.accounts + files.counts.contacts + files.counts.deals;
  const megabytes = Math.round(((files.accounts.length + files.contacts.length + files.deals.length) / 1024 / 1024) * 10) / 10;

  // Ours: import.run over HTTP on a fresh SQLite server (the demo team), one call, written.
  const server = await startTestServer();
  try {
    const manager = await loginAs(server, 'manager@demo.test');
    const started = performance.now();
    const result = await manager.trpc.import.run.mutate({ source: 'salesforce', files: { accounts: files.accounts, contacts: files.contacts, deals: files.deals } });
    const seconds = (performance.now() - started) / 1000;
    const errors = Object.values(result.files).reduce((sum, report) => sum + (report?.errors.length ?? 0), 0);
    if (errors > 0 || !result.written) throw new Error(`bench import failed: ${JSON.stringify(result.files).slice(0, 500)}`);

    // Exports of the pipeline the import filled (20,000 deals and the demo's).
    const exports: ImportFigures['exports'] = [];
    for (const format of ['csv', 'xlsx'] as const) {
      const t0 = performance.now();
      const { result: bytes, peakMb, growthMb } = await peakRss(async () => {
        const res = await fetch(`${server.url}/api/export/deals.${format}`, { headers: { cookie: manager.cookie! } });
        if (!res.ok) throw new Error(`export ${format}: ${res.status}`);
        return (await res.arrayBuffer()).byteLength;
      });
      const listed = (await manager.trpc.deal.list.query({ limit: 1 })).total;
      exports.push({ format, deals: listed, seconds: Math.round((performance.now() - t0) / 100) / 10, megabytes: Math.round((bytes / 1024 / 1024) * 10) / 10, peakRssMb: peakMb, rssGrowthMb: growthMb });
    }

    // Bare: the same rows as plain prepared INSERTs into an empty database of the same schema.
    const bareServer = await startTestServer({ seed: false });
    let bareSeconds: number;
    try {
      if (bareServer.database.engine !== 'sqlite') throw new Error('the bare path runs on SQLite');
      const db = bareServer.database.sqlite;
      const team = Number(db.prepare(`insert into teams (name) values ('Bench')`).run().lastInsertRowid);
      const owner = Number(db.prepare(`insert into users (email, name, password_hash, role, team_id) values ('bench@x.test', 'Bench', 'x', 'manager', ?)`).run(team).lastInsertRowid);
      const rowsOf = (text: string) => text.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));
      const t0 = performance.now();
      const insertAccount = db.prepare('insert into accounts (team_id, name, industry) values (?, ?, ?)');
      const insertContact = db.prepare(`insert into contacts (account_id, name, title, department, level, email, phone) values (?, ?, ?, ?, 'staff', ?, ?)`);
      const setManager = db.prepare('update contacts set reports_to_contact_id = ? where id = ?');
      const insertDeal = db.prepare(`insert into deals (team_id, account_id, name, amount, stage, status, close_date, owner_id) values (?, ?, ?, ?, 'qualify', 'open', ?, ?)`);
      db.transaction(() => {
        const accountIds = new Map<string, number>();
        for (const [id, name, industry] of rowsOf(files.accounts)) accountIds.set(id!, Number(insertAccount.run(team, name, industry).lastInsertRowid));
        const contactIds = new Map<string, number>();
        const managers: [string, string][] = [];
        for (const [id, accountId, first, last, title, department, email, phone, reportsTo] of rowsOf(files.contacts)) {
          contactIds.set(id!, Number(insertContact.run(accountIds.get(accountId!), `${first} ${last}`, title, department, email, phone).lastInsertRowid));
          if (reportsTo) managers.push([id!, reportsTo]);
        }
        for (const [id, reportsTo] of managers) setManager.run(contactIds.get(reportsTo), contactIds.get(id));
        for (const [, accountId, name, , amount, closeDate] of rowsOf(files.deals)) insertDeal.run(team, accountIds.get(accountId!), name, Number(amount), closeDate, owner);
      })();
      bareSeconds = (performance.now() - t0) / 1000;
    } finally {
      await bareServer.stop();
    }
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      rows: files.counts,
      megabytes,
      ours: { seconds: round(seconds), rowsPerSecond: Math.round(total / seconds) },
      bare: { seconds: round(bareSeconds), rowsPerSecond: Math.round(total / bareSeconds) },
      ratio: round(bareSeconds / seconds),
      exports,
    };
  } finally {
    await server.stop();
  }
}

export function printImport(figures: ImportFigures): void {
  const { rows } = figures;
  console.log(`\nImport: a Salesforce export of ${rows.accounts.toLocaleString('en')} accounts, ${rows.contacts.toLocaleString('en')} contacts (reporting lines pointing forward) and ${rows.deals.toLocaleString('en')} opportunities (${figures.megabytes} MB), SQLite`);
  console.table([
    { path: 'import.run over HTTP (checks, events, links, stored health, one transaction)', seconds: figures.ours.seconds, 'rows/s': figures.ours.rowsPerSecond },
    { path: 'bare prepared INSERTs, one transaction', seconds: figures.bare.seconds, 'rows/s': figures.bare.rowsPerSecond },
  ]);
  console.log(`ratio ours/bare throughput: ${figures.ratio} (target: ≥ 5,000 rows/s for import.run)`);
  console.log('\nExport of the imported pipeline (in-process server; peak RSS of the whole process during the download)');
  console.table(figures.exports.map((e) => ({ format: e.format, deals: e.deals, seconds: e.seconds, MB: e.megabytes, 'peak RSS MB': e.peakRssMb, 'RSS growth MB': e.rssGrowthMb })));
}
