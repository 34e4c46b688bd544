/**
 * Scale: a team with thousands of deals, each with a 12-person buying group, the
 * nine points and a year of activities. review.pipeline and deal.list for the
 * manager at 500 and at 5,000 deals, on the real server over HTTP.
 */
import Database from 'better-sqlite3';
import { addDays, daysBefore, isoDay } from '../shared/dates';
import { loginAs, type ApiSession, type QueryPath } from '../test/helpers/api';
import { startTestServer } from '../test/helpers/server';

const LEVELS = ['executive', 'management', 'management', 'staff', 'staff', 'staff'] as const;
const STANCES = ['ally', 'supporter', 'neutral', 'unknown', 'skeptic', 'opponent'] as const;
const ROLES = ['final_decision_maker', 'decision_maker', 'influencer', 'evaluator', 'user', 'gatekeeper', 'procurement'] as const;
const STAGES = ['qualify', 'discover', 'propose', 'negotiate', 'commit'] as const;

/** Deterministic pseudo-random numbers, so every run scores the same deals. */
function random(seed: number) {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Bulk-insert `count` deals for the demo team straight into the file (the API would take minutes). */
export function seedDeals(path: string, count: number, now: Date): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const rand = random(count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const team = db.prepare(`select team_id as teamId from users where email = 'manager@demo.test'`).get() as { teamId: number };
  const owners = (db.prepare(`select id from users where role = 'rep' and team_id = ?`).all(team.teamId) as { id: number }[]).map((u) => u.id);
  const insertAccount = db.prepare(`insert into accounts (team_id, name, tier) values (?, ?, ?)`);
  const insertDeal = db.prepare(`insert into deals (team_id, account_id, name, amount, stage, status, close_date, owner_id) values (?, ?, ?, ?, ?, 'open', ?, ?)`);
  const insertContact = db.prepare(`insert into contacts (account_id, name, level, reports_to_contact_id) values (?, ?, ?, ?)`);
  const insertStakeholder = db.prepare(`insert into stakeholders (deal_id, contact_id, decision_role, influence, stance, is_coach) values (?, ?, ?, ?, ?, ?)`);
  const insertPoint = db.prepare(`insert into info_points (deal_id, point, status, verified_at, updated_at) values (?, ?, ?, ?, ?)`);
  const insertActivity = db.prepare(`insert into activities (deal_id, kind, occurred_at, summary, created_by) values (?, 'meeting', ?, 'Bench meeting', ?)`);
  const link = db.prepare(`insert into activity_stakeholders (activity_id, stakeholder_id) values (?, ?)`);
  const snapshot = db.prepare(`insert into coverage_snapshots (deal_id, at, influence, headcount, net, opposition, crossed, thresholds) values (?, ?, ?, 0.5, 0.2, 0.1, 1, '{}')`);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const account = Number(insertAccount.run(team.teamId, `Bench account ${count}-${i}`, pick(['A', 'B', 'C'])).lastInsertRowid);
      const owner = pick(owners);
      const deal = Number(insertDeal.run(team.teamId, account, `Bench deal ${i}`, Math.round(rand() * 5e6), pick(STAGES), isoDay(addDays(now, rand() * 300 - 60)), owner).lastInsertRowid);
      const people: number[] = [];
      let boss: number | null = null;
      for (let p = 0; p < 12; p++) {
        const contact: number = Number(insertContact.run(account, `Person ${p}`, LEVELS[p % LEVELS.length]!, boss).lastInsertRowid);
        boss ??= contact;
        people.push(Number(insertStakeholder.run(deal, contact, p === 0 ? 'final_decision_maker' : pick(ROLES.slice(1)), 1 + Math.floor(rand() * 5), pick(STANCES), rand() < 0.1 ? 1 : 0).lastInsertRowid));
      }
      for (let point = 1; point <= 9; point++) {
        const at = daysBefore(now, rand() * 120).toISOString();
        insertPoint.run(deal, point, pick(['unknown', 'partial', 'confirmed']), at, at);
      }
      // A year of contact: two activities a month, each with one or two people.
      for (let week = 0; week < 52; week += 2) {
        const activity = Number(insertActivity.run(deal, daysBefore(now, week * 7 + rand() * 7).toISOString(), owner).lastInsertRowid);
        link.run(activity, people[Math.floor(rand() * 12)]);
      }
      for (let s = 0; s < 4; s++) snapshot.run(deal, daysBefore(now, s * 10).toISOString(), rand());
    }
  })();
  db.close();
}

async function timeQuery(client: ApiSession, path: Extract<QueryPath, 'deal.list' | 'review.pipeline'>, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    const res = await client.query(path, {});
    if (!res.ok) throw new Error(`${path}: ${res.error.httpStatus} ${res.error.message}`);
    if (i > 0) times.push(performance.now() - start); // the first run warms the caches
  }
  times.sort((a, b) => a - b);
  return { p50: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10, max: Math.round(times.at(-1)! * 10) / 10 };
}

export interface ScaleFigure {
  deals: number;
  dealList: { p50: number; max: number };
  reviewPipeline: { p50: number; max: number };
}

export async function benchScale(sizes = [500, 5000], runs = 7): Promise<ScaleFigure[]> {
  const figures: ScaleFigure[] = [];
  for (const size of sizes) {
    const server = await startTestServer({ env: { SEED_DEMO: '1' } });
    try {
      // The deals are written straight into the SQLite file.
      if (server.database.engine !== 'sqlite') throw new Error('benchScale seeds through better-sqlite3: run it on SQLite');
      seedDeals(server.database.sqlite.name, size, server.clock.now);
      const manager = await loginAs(server, 'manager@demo.test');
      figures.push({
        deals: size,
        dealList: await timeQuery(manager, 'deal.list', runs),
        reviewPipeline: await timeQuery(manager, 'review.pipeline', runs),
      });
    } finally {
      await server.stop();
    }
  }
  return figures;
}
