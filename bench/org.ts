/**
 * A whole organisation (SPEC §13, issue #18): 100 teams and N deals — one big team with a
 * tenth of them — each deal with a 12-person buying group, the nine points and a year of
 * activities. The server runs in a process of its own (so its RSS is the server's alone);
 * the big team's manager, one of its reps and the admin read the first page of deal.list
 * and review.pipeline, and review.summary, at N = 500 and N = 50,000, side by side. The big
 * team's rep owns half of its deals and was added to one in twenty of the rest; a rep of a
 * small team owns a third of theirs (under 1% of the organisation's: a rule that walks a
 * list's order to find their deals reads most of the organisation for a page).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, daysBefore, isoDay } from '../shared/dates';
import { DEFAULT_THRESHOLD_SETTINGS } from '../shared/settings';
import { loginAs, type ApiSession } from '../test/helpers/api';
import { freePort, npmStartArgs, startChildServer, type ChildServer } from '../test/helpers/child-server';
import { startTestServer } from '../test/helpers/server';

const TEAMS = 100;
const LEVELS = ['executive', 'management', 'management', 'staff', 'staff', 'staff'] as const;
const STANCES = ['ally', 'supporter', 'neutral', 'unknown', 'skeptic', 'opponent'] as const;
const ROLES = ['final_decision_maker', 'decision_maker', 'influencer', 'evaluator', 'user', 'gatekeeper', 'procurement'] as const;
const STAGES = ['qualify', 'discover', 'propose', 'negotiate', 'commit', 'won', 'lost'] as const;

function random(seed: number) {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** The big team's rep whose lists the bench reads, and a rep of one of the small teams. */
const REP = 'rep1@demo.test';
const SMALL_REP = 'rep1-1@bench.test';

/**
 * Bulk-insert the organisation straight into the file (the API would take hours); the server
 * stores their health at start. Returns how many deals each measured rep sees (owned + shared).
 */
export function seedOrganisation(path: string, dealCount: number, now: Date): { rep: number; smallRep: number } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const rand = random(dealCount);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const demoTeam = (db.prepare(`select team_id as teamId from users where email = 'manager@demo.test'`).get() as { teamId: number }).teamId;
  const hash = (db.prepare(`select password_hash as hash from users where email = 'manager@demo.test'`).get() as { hash: string }).hash;
  const insertTeam = db.prepare(`insert into teams (name) values (?)`);
  const insertSettings = db.prepare(`insert into team_settings (team_id, thresholds) values (?, ?)`);
  const insertUser = db.prepare(`insert into users (email, name, password_hash, role, team_id) values (?, ?, ?, ?, ?)`);
  const insertAccount = db.prepare(`insert into accounts (team_id, name, tier) values (?, ?, ?)`);
  const insertDeal = db.prepare(`insert into deals (team_id, account_id, name, amount, stage, status, close_date, owner_id) values (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertContact = db.prepare(`insert into contacts (account_id, name, level, reports_to_contact_id) values (?, ?, ?, ?)`);
  const insertStakeholder = db.prepare(`insert into stakeholders (deal_id, contact_id, decision_role, influence, stance, is_coach) values (?, ?, ?, ?, ?, ?)`);
  const insertPoint = db.prepare(`insert into info_points (deal_id, point, status, verified_at, updated_at) values (?, ?, ?, ?, ?)`);
  const insertActivity = db.prepare(`insert into activities (deal_id, kind, occurred_at, summary, created_by) values (?, 'meeting', ?, 'Bench meeting', ?)`);
  const link = db.prepare(`insert into activity_stakeholders (activity_id, stakeholder_id) values (?, ?)`);
  const addMember = db.prepare(`insert into deal_members (deal_id, user_id) values (?, ?)`);
  const rep = (db.prepare(`select id from users where email = ?`).get(REP) as { id: number }).id;
  const snapshot = db.prepare(`insert into coverage_snapshots (deal_id, at, influence, headcount, net, opposition, crossed, thresholds) values (?, ?, ?, 0.5, 0.2, 0.1, 1, '{}')`);
  db.transaction(() => {
    // The demo team is the big one; 99 more teams of a manager and three reps each.
    const teams: { id: number; reps: number[] }[] = [{ id: demoTeam, reps: (db.prepare(`select id from users where role = 'rep' and team_id = ?`).all(demoTeam) as { id: number }[]).map((u) => u.id) }];
    for (let t = 1; t < TEAMS; t++) {
      const id = Number(insertTeam.run(`Team ${t}`).lastInsertRowid);
      insertSettings.run(id, JSON.stringify(DEFAULT_THRESHOLD_SETTINGS));
      insertUser.run(`manager${t}@bench.test`, `Manager ${t}`, hash, 'manager', id);
      teams.push({ id, reps: [1, 2, 3].map((r) => Number(insertUser.run(`rep${t}-${r}@bench.test`, `Rep ${t}.${r}`, hash, 'rep', id).lastInsertRowid)) });
    }
    const big = Math.round(dealCount / 10);
    for (let i = 0; i < dealCount; i++) {
      const team = i < big ? teams[0]! : teams[1 + ((i - big) % (TEAMS - 1))]!;
      const account = Number(insertAccount.run(team.id, `Bench account ${i}`, pick(['A', 'B', 'C'])).lastInsertRowid);
      const owner = pick(team.reps);
      const stage = pick(STAGES);
      const status = stage === 'won' || stage === 'lost' ? stage : 'open';
      const deal = Number(insertDeal.run(team.id, account, `Bench deal ${i}`, Math.round(rand() * 5e6), stage, status, isoDay(addDays(now, rand() * 300 - 60)), owner).lastInsertRowid);
      // The measured rep works on some of their teammates' deals too (SPEC §7: added as a member).
      if (team === teams[0] && owner !== rep && rand() < 0.05) addMember.run(deal, rep);
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
      for (let week = 0; week < 52; week += 2) {
        const activity = Number(insertActivity.run(deal, daysBefore(now, week * 7 + rand() * 7).toISOString(), owner).lastInsertRowid);
        link.run(activity, people[Math.floor(rand() * 12)]);
      }
      for (let s = 0; s < 4; s++) snapshot.run(deal, daysBefore(now, s * 10).toISOString(), rand());
    }
  })();
  const sees = (email: string) =>
    (db.prepare(`select count(*) as n from users u join deals d on d.owner_id = u.id or d.id in (select deal_id from deal_members where user_id = u.id) where u.email = ?`).get(email) as { n: number }).n;
  const seen = { rep: sees(REP), smallRep: sees(SMALL_REP) };
  db.close();
  return seen;
}

export interface Timing {
  p50: number;
  p99: number;
}
type Read = 'deal.list' | 'review.pipeline' | 'review.summary';

async function time(client: ApiSession, path: Read, runs: number): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = performance.now();
    const res = await client.query(path, {});
    if (!res.ok) throw new Error(`${path}: ${res.error.httpStatus} ${res.error.message}`);
    if (i >= 2) times.push(performance.now() - start); // the first runs warm the caches
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * q))]! * 10) / 10;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Resident memory of the server process alone, from /proc (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.match(/\d+/)?.[0] ?? 0) / 1024);
}

export interface OrgFigure {
  deals: number;
  bigTeamDeals: number;
  /** The deals each measured rep sees: their own and the ones they were added to. */
  repDeals: { rep: number; smallRep: number };
  /** Server start on the seeded file, including storing every deal's health once. */
  startSeconds: number;
  manager: Record<Read, Timing>;
  rep: Record<Read, Timing>;
  smallRep: Record<Read, Timing>;
  admin: Record<Read, Timing>;
  rssMb: number;
}

export async function benchOrg(sizes = [500, 50_000], runs = 100): Promise<OrgFigure[]> {
  const figures: OrgFigure[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'deal-room-org-'));
    const path = join(dir, 'org.sqlite');
    // Migrate and seed the demo in this process, then close: the child server gets the file.
    const seeded = await startTestServer({ env: { SEED_DEMO: '1', DATABASE_PATH: path } });
    const now = seeded.clock.now;
    await seeded.stop();
    const repDeals = seedOrganisation(path, size, now);
    let child: ChildServer | undefined;
    try {
      const started = performance.now();
      // As in production: the built bundle on plain Node with `npm start`'s flags, not the TypeScript sources through tsx.
      child = await startChildServer(path, await freePort(), { HEALTH_SWEEP_MINUTES: '0', SEED_DEMO: '0' }, npmStartArgs(), 600_000);
      const startSeconds = Math.round((performance.now() - started) / 100) / 10;
      const [manager, rep, smallRep, admin] = [await loginAs(child, 'manager@demo.test'), await loginAs(child, REP), await loginAs(child, SMALL_REP), await loginAs(child, 'admin@demo.test')];
      const reads = async (client: ApiSession) => ({
        'deal.list': await time(client, 'deal.list', runs),
        'review.pipeline': await time(client, 'review.pipeline', runs),
        'review.summary': await time(client, 'review.summary', runs),
      });
      figures.push({
        deals: size,
        bigTeamDeals: Math.round(size / 10),
        repDeals,
        startSeconds,
        manager: await reads(manager),
        rep: await reads(rep),
        smallRep: await reads(smallRep),
        admin: await reads(admin),
        rssMb: rssMb(child.process.pid!),
      });
    } finally {
      await child?.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

const WHO = ['manager', 'rep', 'smallRep', 'admin'] as const;

export function printOrg(figures: readonly OrgFigure[]): void {
  console.log(`\nOrganisation: ${TEAMS} teams, the big team holds a tenth of the deals; first page (50) over HTTP, server in its own process (ms)`);
  console.table(
    figures.flatMap((f) =>
      WHO.map((who) => ({
        deals: f.deals,
        who: { manager: `big team's manager (${f.bigTeamDeals})`, rep: `big team's rep (${f.repDeals.rep})`, smallRep: `small team's rep (${f.repDeals.smallRep})`, admin: 'admin (all)' }[who],
        'deal.list p50/p99': `${f[who]['deal.list'].p50} / ${f[who]['deal.list'].p99}`,
        'review.pipeline p50/p99': `${f[who]['review.pipeline'].p50} / ${f[who]['review.pipeline'].p99}`,
        'review.summary p50/p99': `${f[who]['review.summary'].p50} / ${f[who]['review.summary'].p99}`,
        'server RSS MB': f.rssMb,
        'start s': f.startSeconds,
      })),
    ),
  );
  const [small, large] = figures;
  if (small && large) {
    for (const who of WHO) {
      const ratio = (read: Read) => (large[who][read].p50 / small[who][read].p50).toFixed(2);
      console.log(`${large.deals / small.deals}× the deals, ${who}: deal.list ${ratio('deal.list')}×, review.pipeline ${ratio('review.pipeline')}×, review.summary ${ratio('review.summary')}× the time (target ≤ 1.5× for the lists)`);
    }
  }
}
