/**
 * API throughput: our deal.get and deal.list through tRPC, side by side with a bare
 * Express + better-sqlite3 handler running the same queries on the same file.
 */
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import express from 'express';
import { hashToken, SESSION_COOKIE } from '../server/auth/session';
import type { TestServer } from '../test/helpers/server';

export interface ApiFigure {
  name: string;
  ours: { rps: number; p50: number; p99: number };
  baseline: { rps: number; p50: number; p99: number };
  ratio: number;
}

async function load(url: string, cookie: string, seconds: number) {
  const result = await autocannon({ url, connections: 10, duration: seconds, headers: { cookie } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
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
  const app = express();
  const auth = (cookieHeader: string | undefined) => {
    const token = /dr_session=([^;]+)/.exec(cookieHeader ?? '')?.[1];
    return token ? (session.get(hashToken(token), new Date().toISOString()) as { id: number } | undefined) : undefined;
  };
  app.get('/deal', (req, res) => {
    const user = auth(req.headers.cookie);
    if (!user) return void res.status(401).end();
    const id = Number(req.query.id);
    const row = deal.get(id, user.id, user.id);
    if (!row) return void res.status(404).end();
    res.json({ deal: row, stakeholders: stakeholders.all(id), lists: byDeal.map((statement) => statement.all(id)) });
  });
  app.get('/deals', (req, res) => {
    const user = auth(req.headers.cookie);
    if (!user) return void res.status(401).end();
    res.json(list.all(user.id, user.id));
  });
  const server = app.listen(0, '127.0.0.1');
  return {
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => { db.close(); resolve(); })),
  };
}

export async function benchApi(server: TestServer, cookie: string, dealId: number, seconds: number): Promise<ApiFigure[]> {
  void SESSION_COOKIE;
  const baseline = startBaseline(server.database.sqlite.name);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const input = encodeURIComponent(JSON.stringify({ id: dealId }));
  const cases = [
    { name: 'deal.get (rich deal)', ours: `${server.url}/trpc/deal.get?input=${input}`, base: `${baseline.url()}/deal?id=${dealId}` },
    { name: 'deal.list', ours: `${server.url}/trpc/deal.list`, base: `${baseline.url()}/deals` },
  ];
  const figures: ApiFigure[] = [];
  for (const c of cases) {
    // Alternate and warm both up so neither side benefits from going second.
    await load(c.base, cookie, 1);
    await load(c.ours, cookie, 1);
    const base = await load(c.base, cookie, seconds);
    const ours = await load(c.ours, cookie, seconds);
    figures.push({ name: c.name, ours, baseline: base, ratio: ours.rps / base.rps });
  }
  await baseline.close();
  return figures;
}
