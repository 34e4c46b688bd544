import { eq, sql, type SQL } from 'drizzle-orm';
import { isoDay } from '../../shared/dates';
import { INFO_POINTS, statusForStage, type DealStatus, type ThresholdKey } from '../../shared/domain';
import type { Health } from '../../shared/scoring';
import type { TDealCreate, TDealUpdate } from '../../shared/schemas/deal';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { prepared } from '../db/prepared';
import { first, single } from '../db/rows';
import { accounts, deals, infoPoints, users } from '../db/tables';
import { AppError, assertVersion, badInput } from '../errors';
import { requireDeal, requireTeamAccount, type DealRow } from './access';
import { syncAccountFlags } from './accountFlags';
import { changedFields, recordEvent } from './events';
import { dealHealth, refreshHealthSnapshot } from './health';

/**
 * Built when first queried, not at load: the tables are live bindings that a PostgreSQL
 * process rebinds, and a JSON column read through the other engine's object fails.
 */
export const dealColumns = () => ({
  id: deals.id,
  name: deals.name,
  accountId: deals.accountId,
  accountName: accounts.name,
  accountTier: accounts.tier,
  amount: deals.amount,
  currency: deals.currency,
  stage: deals.stage,
  closeDate: deals.closeDate,
  ownerId: deals.ownerId,
  ownerName: users.name,
  status: deals.status,
  lossReason: deals.lossReason,
  lossCause: deals.lossCause,
  lostTo: deals.lostTo,
  closedThresholds: deals.closedThresholds,
  teamId: deals.teamId,
  version: deals.version,
  createdAt: deals.createdAt,
  updatedAt: deals.updatedAt,
});
type DealColumns = ReturnType<typeof dealColumns>;

export type DealDto = {
  [K in keyof DealColumns]: DealColumns[K]['_']['data'] extends infer D
    ? DealColumns[K]['_']['notNull'] extends true
      ? D
      : D | null
    : never;
};

function dealQuery(db: Db | Tx, where: SQL | undefined) {
  return db
    .select(dealColumns())
    .from(deals)
    .innerJoin(accounts, eq(accounts.id, deals.accountId))
    .innerJoin(users, eq(users.id, deals.ownerId))
    .where(where);
}

export async function getDealHealth(db: Db, user: SessionUser, dealId: number, now: Date): Promise<Health> {
  return dealHealth(db, await requireDeal(db, user, dealId), now);
}

const dealById = prepared((db) => dealQuery(db, eq(deals.id, sql.placeholder('dealId'))).prepare());

export async function getDealDto(db: Db | Tx, dealId: number): Promise<DealDto> {
  const deal = first(await dealById(db).execute({ dealId }));
  if (!deal) throw new AppError('NOT_FOUND', 'Deal not found');
  return deal;
}

/** Reps own only their own deals; managers assign within their team; admins within the account's team. */
async function resolveOwner(tx: Tx, user: SessionUser, ownerId: number | undefined, teamId: number): Promise<number> {
  const id = ownerId ?? user.id;
  if (user.role === 'rep' && id !== user.id) {
    throw new AppError('FORBIDDEN', 'A rep can only own their own deals', { field: 'ownerId' });
  }
  const owner = first(await tx.select({ id: users.id, teamId: users.teamId, active: users.active }).from(users).where(eq(users.id, id)).limit(1));
  if (!owner || !owner.active || owner.teamId !== teamId) {
    throw badInput('ownerId', 'the owner must be an active member of the deal’s team');
  }
  return owner.id;
}

export async function createDeal(db: Db, user: SessionUser, input: TDealCreate, now: Date): Promise<DealDto> {
  return writeTransaction(db, async (tx) => {
    const account = await requireTeamAccount(tx, user, input.accountId); // any account of the rep's team, seen yet or not (0029): the deal makes it visible to them
    const ownerId = await resolveOwner(tx, user, input.ownerId, account.teamId);
    const stage = input.stage ?? 'qualify';
    // A deal entered already won or lost records a past order or loss (SPEC §11): it closed on a day that has come.
    if ((stage === 'won' || stage === 'lost') && input.closeDate > isoDay(now)) throw badInput('closeDate', 'a deal entered as won or lost closed on or before today');
    const stamp = now.toISOString();
    const row = single(
      await tx
        .insert(deals)
      .values({
        teamId: account.teamId,
        accountId: account.id,
        name: input.name,
        amount: input.amount,
        currency: input.currency ?? 'USD',
        stage,
        status: statusForStage(stage),
        closeDate: input.closeDate,
        ownerId,
        ...lossAnalysis(input),
        createdAt: stamp,
        updatedAt: stamp,
      })
        .returning({ id: deals.id }),
    );
    await tx.insert(infoPoints).values(INFO_POINTS.map((point) => ({ dealId: row.id, point, updatedAt: stamp })));
    // A deal entered already closed (a record of the past) crossed nothing we know of.
    if (stage === 'won' || stage === 'lost') await tx.update(deals).set({ closedThresholds: await thresholdsCrossed(tx, { id: row.id, teamId: account.teamId, stage, status: statusForStage(stage), closeDate: input.closeDate }, now) }).where(eq(deals.id, row.id));
    const dto = await getDealDto(tx, row.id);
    await recordEvent(tx, {
      teamId: account.teamId,
      dealId: row.id,
      actorId: user.id,
      kind: 'deal.created',
      entity: 'deal',
      entityId: row.id,
      after: dto,
      at: now,
    });
    await refreshHealthSnapshot(tx, row.id, user.id, now);
    // A past order moves the account's pattern and orders (PSEUDO_KEY_ACCOUNT, ORDERS_DECLINING: SPEC §11, §15).
    if (stage === 'won') await syncAccountFlags(tx, { accountIds: [account.id] }, now);
    return dto;
  });
}

/** The loss analysis a lost deal stores (the schema has checked it is complete); nothing for any other stage. */
function lossAnalysis(input: Pick<TDealUpdate, 'stage' | 'lossReason' | 'lossCause' | 'lostTo'>) {
  if (input.stage !== 'lost') return {};
  return { lossReason: input.lossReason ?? null, lossCause: input.lossCause ?? null, lostTo: input.lossCause === 'competitor' ? (input.lostTo ?? null) : null };
}

/** Which of the three thresholds the deal has crossed now, scored with its team's settings. */
async function thresholdsCrossed(tx: Tx, deal: { id: number; teamId: number; stage: DealDto['stage']; status: DealStatus; closeDate: string }, now: Date): Promise<Record<ThresholdKey, boolean>> {
  const { thresholds } = await dealHealth(tx, deal, now);
  return { information: thresholds.information.passed, relationships: thresholds.relationships.passed, topDecisionMaker: thresholds.topDecisionMaker.passed };
}

export async function updateDeal(db: Db, user: SessionUser, input: TDealUpdate, now: Date): Promise<DealDto> {
  return writeTransaction(db, async (tx) => {
    const current = await requireDeal(tx, user, input.id);
    await assertVersion('Deal', current, input.version, () => getDealDto(tx, current.id));
    const { id, version, ...patch } = input;
    void version;
    await applyDealPatch(tx, user, current, patch, now);
    return getDealDto(tx, id);
  });
}

/**
 * A deal edit inside the caller's transaction (the deal's access and version already
 * checked): status follows the stage, a close records the thresholds crossed, the version
 * goes up once, the change is logged as a diff, and health is refreshed when the stage or
 * close date moved. Returns whether anything changed. `updateDeal` and the import share it.
 */
export async function applyDealPatch(tx: Tx, user: SessionUser, current: DealRow, patch: Omit<TDealUpdate, 'id' | 'version'>, now: Date): Promise<boolean> {
  const id = current.id;
  const ownerId = patch.ownerId === undefined ? undefined : await resolveOwner(tx, user, patch.ownerId, current.teamId);
  const stage = patch.stage ?? current.stage;
  const status = statusForStage(stage);
  // Closing now (open → won/lost, or won ↔ lost): the thresholds crossed at this moment are kept with the deal.
  const closing = status !== 'open' && status !== current.status;
  const next = {
    ...patch,
    ownerId,
    status,
    // The schema lets loss fields in only with stage: 'lost'; without them a lost deal keeps its analysis.
    ...(patch.stage === 'lost' ? lossAnalysis(patch) : stage === 'lost' ? {} : { lossReason: null, lossCause: null, lostTo: null }),
    // Reopening clears the record of the close; a close records it (the event carries both).
    closedThresholds: status === 'open' ? null : closing ? await thresholdsCrossed(tx, current, now) : undefined,
    // The day a deal closes is its close date, unless the user names another (the Review's periods count by it).
    closeDate: closing && patch.closeDate === undefined ? isoDay(now) : patch.closeDate,
  };
  const diff = changedFields(current, next);
  if (!diff) return false;
  await tx
    .update(deals)
    .set({ ...diff.after, version: current.version + 1, updatedAt: now.toISOString() })
    .where(eq(deals.id, id));
  await recordEvent(tx, {
    teamId: current.teamId,
    dealId: id,
    actorId: user.id,
    kind: diff.after.stage ? 'deal.stageChanged' : 'deal.updated',
    entity: 'deal',
    entityId: id,
    before: diff.before,
    after: diff.after,
    at: now,
  });
  // The stage sets which thresholds are due, and a close closes the health (SPEC §4).
  if (diff.after.stage !== undefined || diff.after.closeDate !== undefined) await refreshHealthSnapshot(tx, id, user.id, now);
  // A deal won (or un-won, or its order changed) moves the account's orders; a close takes the deal's champions off the watch (SPEC §11, §15).
  const orderMoved = current.status === 'won' || status === 'won' ? diff.after.amount !== undefined || diff.after.currency !== undefined || diff.after.closeDate !== undefined : false;
  if (diff.after.status !== undefined || orderMoved) await syncAccountFlags(tx, { accountIds: [current.accountId] }, now);
  return true;
}
