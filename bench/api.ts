/**
 * API throughput: our deal.get and deal.list through tRPC, side by side with a bare
 * Express + better-sqlite3 handler running the same queries on the same file.
 */
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import express from 'express';
import { hashToken, SESSION_COOKIE } from '../server/auth/session';
import { daysBefore } from '../shared/dates';
import { computeHealth, type HealthInput } from '../shared/scoring';
import { DEFAULT_THRESHOLD_SETTINGS } from '../shared/settings';
import type { TestServer } from '../test/helpers/server';

/** `cpu`: the process's CPU time per call in ms — client and server share it, so it is the bare side's own too. */
type Figures = { rps: number; p50: number; p99: number; cpu: number };

export interface ApiFigure {
  name: string;
  ours: Figures;
  baseline: Figures;
  ratio: number;
  /**
   * The bare side's CPU per call over ours: what the throughput ratio would be if the
   * process had the CPU to itself. Unlike req/s it holds when other work shares the machine.
   */
  cpuRatio: number;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function load(url: string, cookie: string, seconds: number): Promise<Figures> {
  const began = process.cpuUsage();
  const result = await autocannon({ url, connections: 10, duration: seconds, headers: { cookie } });
  const cpu = cpuMs(began) / Math.max(1, result.requests.total);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, cpu: Math.round(cpu * 1000) / 1000 };
}

/**
 * A versioned write has to carry the version the previous write returned, so it is
 * a chain, not a crowd: one client, each request after the last response (autocannon
 * prepares requests ahead of responses, which would send stale versions).
 */
async function writeChain(url: string, cookie: string, seconds: number, body: (version: number) => string, start: number) {
  const latencies: number[] = [];
  let version = start;
  const began = process.cpuUsage();
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const began = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: body(version) });
    const json = (await res.json()) as { result?: { data: { version: number } } };
    if (!res.ok || !json.result) throw new Error(`${url}: ${res.status}`);
    version = json.result.data.version;
    latencies.push(performance.now() - began);
  }
  const cpu = cpuMs(began) / Math.max(1, latencies.length);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 100) / 100;
  return { figures: { rps: Math.round(latencies.length / seconds), p50: at(0.5), p99: at(0.99), cpu: Math.round(cpu * 1000) / 1000 }, version };
}

/** The bare handler: session lookup + the same reads, prepared statements, JSON out. */
function startBaseline(databasePath: string) {
  const db = new Database(databasePath, { readonly: true });
  db.pragma('busy_timeout = 5000');
  const session = db.prepare(
    `select u.id, u.role, u.team_id from sessions s join users u on u.id = s.user_id where s.token_hash = ? and s.expires_at > ?`,
  );
  const deal = db.prepare(
    `select d.*, a.name as account_name, a.tier, u.name as owner_name from deals d join accounts a on a.id = d.account_id join users u on u.id = d.owner_id where d.id = ? and (d.owner_id = ? or exists (select 1 from deal_members m where m.deal_id = d.id and m.user_id = ?))`,
  );
  const list = db.prepare(
    `select d.*, a.name as account_name, a.tier, u.name as owner_name from deals d join accounts a on a.id = d.account_id join users u on u.id = d.owner_id where (d.owner_id = ? or exists (select 1 from deal_members m where m.deal_id = d.id and m.user_id = ?)) order by d.close_date, d.id`,
  );
  const stakeholders = db.prepare(
    `select s.*, c.name, c.title, c.level, c.reports_to_contact_id, (select max(a.occurred_at) from activity_stakeholders x join activities a on a.id = x.activity_id where x.stakeholder_id = s.id) as last_contact_at from stakeholders s join contacts c on c.id = s.contact_id where s.deal_id = ? order by s.id`,
  );
  const byDeal = ['relationships', 'info_points', 'next_steps', 'competitors', 'success_factors'].map((table) =>
    db.prepare(`select * from ${table} where deal_id = ? order by id`),
  );
  // The same write as stakeholder.update: version check, row, event-log entry, one immediate transaction.
  const writer = new Database(databasePath);
  writer.pragma('busy_timeout = 5000');
  const current = writer.prepare(`select s.*, d.team_id from stakeholders s join deals d on d.id = s.deal_id where s.id = ? and (d.owner_id = ? or exists (select 1 from deal_members m where m.deal_id = d.id and m.user_id = ?))`);
  const move = writer.prepare(`update stakeholders set position_x = ?, version = version + 1, updated_at = ? where id = ? and version = ?`);
  const event = writer.prepare(`insert into events (team_id, deal_id, actor_id, at, kind, entity, entity_id, before, after) values (?, ?, ?, ?, 'stakeholder.moved', 'stakeholder', ?, ?, ?)`);
  const moveStakeholder = writer.transaction((userId: number, input: { id: number; version: number; positionX: number }) => {
    const row = current.get(input.id, userId, userId) as { version: number; position_x: number; deal_id: number; team_id: number } | undefined;
    if (!row) return { status: 404 };
    if (row.version !== input.version) return { status: 409, body: row };
    const at = new Date().toISOString();
    move.run(input.positionX, at, input.id, input.version);
    event.run(row.team_id, row.deal_id, userId, at, input.id, JSON.stringify({ positionX: row.position_x }), JSON.stringify({ positionX: input.positionX }));
    return { status: 200, body: current.get(input.id, userId, userId) };
  });
  // The health of a set of deals from the same rows ours reads, scored by the same pure function.
  const ids = `(select value from json_each(?))`;
  const healthPeople = db.prepare(`select s.id, s.deal_id as dealId, c.name, s.influence, s.stance, c.level, s.decision_role as decisionRole, s.is_coach as isCoach, c.left_at as leftAt from stakeholders s join contacts c on c.id = s.contact_id where s.deal_id in ${ids}`);
  // Contact is any activity but a note; *met* only meetings, visits, demos and executive meetings (SPEC §4).
  const healthContacts = db.prepare(
    `select x.stakeholder_id as id, max(case when a.kind <> 'note' then a.occurred_at end) as contactAt, max(case when a.kind in ('meeting', 'visit', 'demo', 'executive_meeting') then a.occurred_at end) as metAt from activity_stakeholders x join activities a on a.id = x.activity_id where a.deal_id in ${ids} group by x.stakeholder_id`,
  );
  const healthSourced = db.prepare(`select source_stakeholder_id as id, max(max(updated_at, coalesce(verified_at, ''))) as at from info_points where deal_id in ${ids} and source_stakeholder_id is not null group by source_stakeholder_id`);
  const healthSnoozes = db.prepare(`select f.deal_id as dealId, f.code, f.until, f.reason, u.name as "by" from flag_snoozes f join users u on u.id = f.by_user_id where f.deal_id in ${ids}`);
  const healthPoints = db.prepare(`select deal_id as dealId, point, status, verified_at as verifiedAt, updated_at as updatedAt from info_points where deal_id in ${ids}`);
  const healthHistory = db.prepare(`select deal_id as dealId, at, influence from coverage_snapshots where deal_id in ${ids} and at >= ?`);
  const settingsRow = db.prepare(`select thresholds from team_settings limit 1`);
  const healthOf = (deals: { id: number; stage: HealthInput['deal']['stage']; status: HealthInput['deal']['status']; close_date: string }[]) => {
    const json = JSON.stringify(deals.map((deal) => deal.id));
    const now = new Date();
    const settings = { ...DEFAULT_THRESHOLD_SETTINGS, ...(JSON.parse((settingsRow.get() as { thresholds: string }).thresholds) as object) };
    const inputs = new Map(
      deals.map((deal): [number, Required<HealthInput>] => [deal.id, { deal: { stage: deal.stage, status: deal.status, closeDate: deal.close_date }, stakeholders: [], infoPoints: [], coverageHistory: [], snoozes: [], settings, now }]),
    );
    const contacted = new Map((healthContacts.all(json) as { id: number; contactAt: string | null; metAt: string | null }[]).map((row) => [row.id, row]));
    const sourced = new Map((healthSourced.all(json) as { id: number; at: string }[]).map((row) => [row.id, row.at]));
    type PersonRow = Omit<HealthInput['stakeholders'][number], 'isCoach' | 'lastContactAt' | 'lastMetAt' | 'lastIntelAt'> & { dealId: number; isCoach: number };
    for (const { dealId, ...person } of healthPeople.all(json) as PersonRow[]) {
      const contact = contacted.get(person.id);
      const lastContactAt = contact?.contactAt ?? null;
      const lastSourced = sourced.get(person.id) ?? null;
      const lastIntelAt = [lastContactAt, lastSourced].filter((at): at is string => at !== null).sort().at(-1) ?? null;
      inputs.get(dealId)!.stakeholders.push({ ...person, isCoach: Boolean(person.isCoach), lastContactAt, lastMetAt: contact?.metAt ?? null, lastIntelAt });
    }
    for (const { dealId, ...snooze } of healthSnoozes.all(json) as (NonNullable<HealthInput['snoozes']>[number] & { dealId: number })[]) inputs.get(dealId)!.snoozes.push(snooze);
    for (const { dealId, ...point } of healthPoints.all(json) as (HealthInput['infoPoints'][number] & { dealId: number })[]) inputs.get(dealId)!.infoPoints.push(point);
    for (const { dealId, ...sample } of healthHistory.all(json, daysBefore(now, 15).toISOString()) as (HealthInput['coverageHistory'][number] & { dealId: number })[]) {
      inputs.get(dealId)!.coverageHistory.push(sample);
    }
    return new Map([...inputs].map(([id, input]) => [id, computeHealth(input)]));
  };
  const app = express();
  app.use(express.json());
  const auth = (cookieHeader: string | undefined) => {
    const token = /dr_session=([^;]+)/.exec(cookieHeader ?? '')?.[1];
    return token ? (session.get(hashToken(token), new Date().toISOString()) as { id: number } | undefined) : undefined;
  };
  app.get('/deal', (req, res) => {
    const user = auth(req.headers.cookie);
    if (!user) return void res.status(401).end();
    const id = Number(req.query.id);
    const row = deal.get(id, user.id, user.id) as Parameters<typeof healthOf>[0][number] | undefined;
    if (!row) return void res.status(404).end();
    res.json({ deal: row, stakeholders: stakeholders.all(id), lists: byDeal.map((statement) => statement.all(id)), health: healthOf([row]).get(id) });
  });
  app.get('/deals', (req, res) => {
    const user = auth(req.headers.cookie);
    if (!user) return void res.status(401).end();
    const rows = list.all(user.id, user.id) as Parameters<typeof healthOf>[0];
    const health = healthOf(rows);
    res.json(rows.map((row) => ({ ...row, health: health.get(row.id) })));
  });
  app.post('/stakeholder', (req, res) => {
    const user = auth(req.headers.cookie);
    if (!user) return void res.status(401).end();
    const result = moveStakeholder.immediate(user.id, req.body as { id: number; version: number; positionX: number });
    res.status(result.status).json({ result: { data: result.body } });
  });
  const server = app.listen(0, '127.0.0.1');
  return {
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => { db.close(); writer.close(); resolve(); })),
  };
}

export async function benchApi(server: TestServer, cookie: string, dealId: number, stakeholder: { id: number; version: number }, seconds: number): Promise<ApiFigure[]> {
  void SESSION_COOKIE;
  // The bare baseline reads the SQLite file directly.
  if (server.database.engine !== 'sqlite') throw new Error('benchApi compares with a bare better-sqlite3 handler: run it on SQLite');
  const baseline = startBaseline(server.database.sqlite.name);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const input = encodeURIComponent(JSON.stringify({ id: dealId }));
  const cases = [
    { name: 'deal.get (rich deal)', ours: `${server.url}/trpc/deal.get?input=${input}`, base: `${baseline.url()}/deal?id=${dealId}` },
    // What the app sends: httpBatchLink asks with `?batch=1` even for one call.
    { name: 'deal.get, batched as the app asks', ours: `${server.url}/trpc/deal.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { id: dealId } }))}`, base: `${baseline.url()}/deal?id=${dealId}` },
    { name: 'deal.list', ours: `${server.url}/trpc/deal.list`, base: `${baseline.url()}/deals` },
  ];
  const figures: ApiFigure[] = [];
  for (const c of cases) {
    // Alternate and warm both up so neither side benefits from going second.
    await load(c.base, cookie, 1);
    await load(c.ours, cookie, 1);
    const base = await load(c.base, cookie, seconds);
    const ours = await load(c.ours, cookie, seconds);
    figures.push({ name: c.name, ours, baseline: base, ratio: ours.rps / base.rps, cpuRatio: base.cpu / ours.cpu });
  }
  // The write: drag one person on the map, again and again, each time with the version the last drag returned.
  const body = (version: number) => JSON.stringify({ id: stakeholder.id, version, positionX: Math.round(Math.random() * 1000) });
  let version = stakeholder.version;
  const run = async (url: string, secs: number) => {
    const result = await writeChain(url, cookie, secs, body, version);
    version = result.version;
    return result.figures;
  };
  await run(`${baseline.url()}/stakeholder`, 1);
  await run(`${server.url}/trpc/stakeholder.update`, 1);
  const base = await run(`${baseline.url()}/stakeholder`, seconds);
  const ours = await run(`${server.url}/trpc/stakeholder.update`, seconds);
  figures.push({ name: 'stakeholder.update (versioned write, one client)', ours, baseline: base, ratio: ours.rps / base.rps, cpuRatio: base.cpu / ours.cpu });
  await baseline.close();
  return figures;
}

export function printApi(figures: readonly ApiFigure[], seconds: number): void {
  console.log(`\nAPI (autocannon, 10 connections, ${seconds} s each, same SQLite file)`);
  console.table(
    figures.map((f) => ({
      case: f.name,
      'ours req/s': f.ours.rps,
      'ours p50/p99 ms': `${f.ours.p50} / ${f.ours.p99}`,
      'bare req/s': f.baseline.rps,
      'bare p50/p99 ms': `${f.baseline.p50} / ${f.baseline.p99}`,
      'ratio ours/bare': f.ratio.toFixed(2),
      'CPU ms/call ours / bare': `${f.ours.cpu} / ${f.baseline.cpu}`,
      'CPU ratio bare/ours': f.cpuRatio.toFixed(2),
    })),
  );
}
