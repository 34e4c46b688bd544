/**
 * Lists of deals, a page at a time (SPEC §13): `deal.list`, `review.pipeline` and the
 * exports read one query, sorted, filtered and searched by the database, each deal with
 * its stored health (./storedHealth.ts) — nothing is scored on read, and no list holds
 * more than a page of the organisation in memory.
 *
 * Pages are keyset pages: the cursor carries the sort values of the last deal sent, and
 * the next page starts strictly after them (the deal id breaks ties). A deal edited while
 * someone pages therefore neither repeats nor goes missing, unless the edit moves the
 * very value the list is sorted by.
 */
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { HEALTH_ATTENTION_ORDER, STAGES, stageIndex } from '../../shared/domain';
import { DEAL_PAGE_DEFAULT, DEAL_SORTS, type DealSort, type DealSortKey, type TDealQuery } from '../../shared/schemas/deal';
import type { Health } from '../../shared/scoring';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { accounts, dealHealth, deals, users } from '../db/tables';
import { countRows } from '../db/dialect';
import { AppError } from '../errors';
import { repDealArms, requireVisibleTeam, visibleTeamIds } from './access';
import { dealColumns, type DealDto } from './deals';

export type DealWithHealth = DealDto & { health: Health };
export interface DealPage<T> {
  items: T[];
  /** The cursor of the next page; null on the last one. */
  nextCursor: string | null;
  /** How many deals match the filters, on every page. */
  total: number;
}

type SortValue = string | number;
interface SortPart {
  expr: SQLWrapper;
  dir: 'asc' | 'desc';
  /** The same value, read from a listed deal, for the next cursor. */
  of: (deal: DealWithHealth) => SortValue;
}

/** `case column when 'a' then 0 when 'b' then 1 … end`: an order the database can sort by. */
const rank = (column: SQLWrapper, order: readonly string[]) =>
  sql`(case ${column} ${sql.join(
    order.map((value, index) => sql`when ${value} then ${sql.raw(String(index))}`),
    sql` `,
  )} end)`;

/** The sort keys of each sort, ascending; the deal id always ends them, so every position is unique. */
function sortParts(key: DealSortKey): SortPart[] {
  switch (key) {
    case 'closeDate':
      return [{ expr: deals.closeDate, dir: 'asc', of: (d) => d.closeDate }];
    case 'amount':
      return [{ expr: deals.amount, dir: 'asc', of: (d) => d.amount }];
    case 'name':
      return [{ expr: deals.name, dir: 'asc', of: (d) => d.name }];
    case 'account':
      return [
        { expr: accounts.name, dir: 'asc', of: (d) => d.accountName },
        { expr: deals.name, dir: 'asc', of: (d) => d.name },
      ];
    case 'stage':
      return [{ expr: rank(deals.stage, STAGES), dir: 'asc', of: (d) => stageIndex(d.stage) }];
    // The Review's order: the deals that need attention first, the biggest first among them —
    // by the deal's copy of its health's rank, so one index (deals_review_idx) gives the order (ADR 30).
    case 'health':
      return [
        { expr: deals.attention, dir: 'asc', of: (d) => HEALTH_ATTENTION_ORDER[d.health.status] },
        { expr: deals.amount, dir: 'desc', of: (d) => d.amount },
      ];
    case 'coverage':
      return [{ expr: dealHealth.influence, dir: 'asc', of: (d) => d.health.coverage.influence }];
    case 'updatedAt':
      return [{ expr: deals.updatedAt, dir: 'asc', of: (d) => d.updatedAt }];
  }
}

function orderOf(sort: DealSort): SortPart[] {
  const descending = sort.startsWith('-');
  const parts = [...sortParts((descending ? sort.slice(1) : sort) as DealSortKey), { expr: deals.id, dir: 'asc' as const, of: (d: DealWithHealth) => d.id }];
  return descending ? parts.map((part) => ({ ...part, dir: part.dir === 'asc' ? ('desc' as const) : ('asc' as const) })) : parts;
}

/**
 * Strictly after the cursor's position: (k1 > v1) or (k1 = v1 and k2 > v2) or …, and
 * k1 ≥ v1 besides — implied, but a range on the first key lets either engine start its
 * index scan at the cursor instead of skipping every earlier row.
 */
function after(parts: readonly SortPart[], values: readonly SortValue[]): SQL | undefined {
  const [first] = parts;
  const from = first && (first.dir === 'asc' ? sql`${first.expr} >= ${values[0]}` : sql`${first.expr} <= ${values[0]}`);
  const strictly = or(
    ...parts.map((part, index) =>
      and(
        ...parts.slice(0, index).map((before, j) => sql`${before.expr} = ${values[j]}`),
        part.dir === 'asc' ? sql`${part.expr} > ${values[index]}` : sql`${part.expr} < ${values[index]}`,
      ),
    ),
  );
  return and(from, strictly);
}

/** A cursor is the sort it belongs to and the last deal's sort values, as base64url JSON. */
const encodeCursor = (sort: DealSort, values: SortValue[]) => Buffer.from(JSON.stringify({ s: sort, v: values })).toString('base64url');

function decodeCursor(cursor: string, sort: DealSort, parts: number): SortValue[] {
  const refuse = (why: string) => new AppError('BAD_REQUEST', `cursor: ${why}`, { field: 'cursor' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('not a cursor of this list; start again from the first page');
  }
  const { s, v } = (parsed ?? {}) as { s?: unknown; v?: unknown };
  if (!DEAL_SORTS.includes(s as DealSort) || !Array.isArray(v) || v.length !== parts || !v.every((x) => typeof x === 'string' || typeof x === 'number')) {
    throw refuse('not a cursor of this list; start again from the first page');
  }
  if (s !== sort) throw refuse(`made for the sort ${String(s)}, not ${sort}; start again from the first page`);
  return v as SortValue[];
}

/** `like` with the user's text taken literally: % and _ are escaped. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Which deals a list may show (SPEC §7, §13), as one or more arms whose union it is; each arm
 * is a condition an index can serve in the list's order.
 *
 * - An admin: everything (no condition).
 * - A manager: the teams they manage as a list of ids, read first, not the access rule's
 *   `team = ? or team in (subquery)`: with one team, `team_id in (?)` is an equality, and the
 *   team's indexes (deals_team_close_idx, deals_team_review_idx) give the page in order — the
 *   `or` made the database sort every deal of the team for each page (16–28 ms at 5,000
 *   deals, against 0.4).
 * - A rep: the deals they own and, apart from those, the ones they were added to
 *   (repDealArms, ADR 33). `owner = ? or exists (member)` is an `or` no index serves, so both
 *   engines walked the order's index over the whole organisation to find the rep's deals.
 */
async function visibleArms(db: Db, user: SessionUser): Promise<(SQL | undefined)[]> {
  if (user.role === 'rep') return repDealArms(user, db);
  if (user.role === 'admin') return [undefined];
  const teams = await visibleTeamIds(db, user);
  return [teams === 'all' ? undefined : inArray(deals.teamId, teams)];
}

/** The user's filters, apart from which deals they may see (visibleArms) and the status (statusOf, countedStatusOf). */
async function filtersOf(db: Db, user: SessionUser, query: TDealQuery): Promise<SQL | undefined> {
  if (query.teamId !== undefined) await requireVisibleTeam(db, user, query.teamId);
  const pattern = query.q ? containing(query.q) : undefined;
  return and(
    query.teamId === undefined ? undefined : eq(deals.teamId, query.teamId),
    query.stage === undefined ? undefined : eq(deals.stage, query.stage),
    query.ownerId === undefined ? undefined : eq(deals.ownerId, query.ownerId),
    query.health === undefined ? undefined : eq(deals.attention, HEALTH_ATTENTION_ORDER[query.health]),
    query.tier === undefined ? undefined : eq(accounts.tier, query.tier),
    pattern === undefined ? undefined : or(sql`lower(${deals.name}) like ${pattern} escape '\\'`, sql`lower(${accounts.name}) like ${pattern} escape '\\'`),
  );
}

const statusOf = (query: TDealQuery) => (query.status === undefined ? undefined : eq(deals.status, query.status));

/**
 * The status filter of a count. The open deals of the whole organisation, with no other filter (the
 * admin's Review), are exactly those ranked before `closed` (deals.attention, kept with the stored
 * health): counted from that range of deals_review_idx, in half the time of reading every deal's
 * status from a wider index (0.9 against 1.8 ms at 50,000 deals). Only there: with another filter,
 * the range would send the database to each row for it, and a page keeps `status = ?` for its own
 * index (rankOfStatus adds the range where it serves the page's order).
 */
function countedStatusOf(user: SessionUser, query: TDealQuery): SQL | undefined {
  const onlyStatus = query.teamId === undefined && query.stage === undefined && query.ownerId === undefined && query.health === undefined && query.tier === undefined && !query.q;
  return user.role === 'admin' && query.status === 'open' && onlyStatus ? lt(deals.attention, HEALTH_ATTENTION_ORDER.closed) : statusOf(query);
}

/** How many deals match: joined only to what the filters read (every deal has an account; the health filter reads the deal's own rank). */
async function countOf(db: Db, where: SQL | undefined, query: TDealQuery): Promise<number> {
  const readsAccount = Boolean(query.q) || query.tier !== undefined;
  const total = db.select({ total: countRows() }).from(deals);
  const [counted] = await (readsAccount ? total.innerJoin(accounts, eq(accounts.id, deals.accountId)).where(where) : total.where(where));
  return counted?.total ?? 0;
}

/**
 * A list of the whole organisation by health, with a status filter: the filter said again
 * in the rank's terms (a deal is closed exactly when its health is, the last rank). Implied,
 * but it is a range on the first key of the order's index (deals_review_idx): a `-health`
 * page of open deals would otherwise first pass every closed one. Only where no team or
 * visibility filter could use a better index (ADR 30).
 */
function rankOfStatus(user: SessionUser, query: TDealQuery, sort: DealSort): SQL | undefined {
  if (user.role !== 'admin' || query.teamId !== undefined || query.status === undefined || !sort.endsWith('health')) return undefined;
  return query.status === 'open' ? lt(deals.attention, HEALTH_ATTENTION_ORDER.closed) : eq(deals.attention, HEALTH_ATTENTION_ORDER.closed);
}

/**
 * One page of the deals the user may see, each with its stored health. With one arm of
 * visibility it is one query. With several (a rep's), the page is the first `limit + 1` of
 * the union of each arm's own first `limit + 1` — each read in order from its index — so
 * the database sorts at most a few pages' worth of deals, however many the rep has, and the
 * order, cursor and filters are exactly those of the one query. The arms are disjoint, so
 * the total is the sum of their counts.
 */
export async function listDealPage(db: Db, user: SessionUser, query: TDealQuery, defaultSort: DealSort = 'closeDate'): Promise<DealPage<DealWithHealth>> {
  const sort = query.sort ?? defaultSort;
  const parts = orderOf(sort);
  const limit = query.limit ?? DEAL_PAGE_DEFAULT;
  const [arms, filters] = await Promise.all([visibleArms(db, user), filtersOf(db, user, query)]);
  const position = query.cursor === undefined ? undefined : after(parts, decodeCursor(query.cursor, sort, parts.length));
  const order = parts.map((part) => (part.dir === 'asc' ? asc(part.expr as SQL) : desc(part.expr as SQL)));
  const onPage = (arm: SQL | undefined) => and(arm, filters, statusOf(query), rankOfStatus(user, query, sort), position);
  const [only] = arms;
  const where =
    arms.length === 1
      ? onPage(only)
      : sql`${deals.id} in (${sql.join(
          arms.map((arm, index) => {
            const first = db
              .select({ id: deals.id })
              .from(deals)
              .innerJoin(accounts, eq(accounts.id, deals.accountId))
              .innerJoin(dealHealth, eq(dealHealth.dealId, deals.id))
              .where(onPage(arm))
              .orderBy(...order)
              .limit(limit + 1);
            return sql`select id from ${first} as ${sql.raw(`arm${index}`)}`;
          }),
          sql` union all `,
        )})`;
  const [rows, counts] = await Promise.all([
    db
      .select({ ...dealColumns(), health: dealHealth.health })
      .from(deals)
      .innerJoin(accounts, eq(accounts.id, deals.accountId))
      .innerJoin(users, eq(users.id, deals.ownerId))
      .innerJoin(dealHealth, eq(dealHealth.dealId, deals.id))
      .where(where)
      .orderBy(...order)
      // One more than a page says whether there is a next one.
      .limit(limit + 1),
    Promise.all(arms.map((arm) => countOf(db, and(arm, filters, countedStatusOf(user, query)), query))),
  ]);
  const items = rows.slice(0, limit) as DealWithHealth[];
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(sort, parts.map((part) => part.of(last))) : null;
  return { items, nextCursor, total: counts.reduce((sum, count) => sum + count, 0) };
}

/** Every page of a list, one after another: for the exports, which write a whole file. */
export async function* allDealPages(db: Db, user: SessionUser, query: Omit<TDealQuery, 'cursor' | 'limit'>): AsyncGenerator<DealWithHealth[]> {
  let cursor: string | undefined;
  do {
    const page = await listDealPage(db, user, { ...query, cursor, limit: 200 });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
