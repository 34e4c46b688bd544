/**
 * `account.flag_raised` (SPEC §15) for the defection watch (SPEC §11). Account health is
 * scored on read, so nothing would notice a flag going up: `account_flags` keeps the codes
 * last seen raised per account, and `syncAccountFlags` compares a fresh bulk score with it —
 * a new code is inserted and enqueued as a webhook in the same transaction, a cleared one
 * deleted (raising it again later sends again).
 *
 * Called in the transaction of the account-level writes that can raise a flag at once
 * (a complaint added or resolved, a contact leaving, a deal won, the account's tier or
 * phase), and by the health sweep for the flags time alone raises (a key contact silent,
 * a complaint open past `complaintDays`, no executive meeting in `execMeetingDays`).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AccountFlagCode } from '../../shared/accounts';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { accountFlags, accounts, deals } from '../db/tables';
import { scoreAccounts, type AccountScope } from './accountFacts';
import { enqueueWebhooks, type WebhookMessage } from './webhookOutbox';

/** Accounts per transaction when the sweep (or the first start) goes through all of them. */
export const ACCOUNT_FLAG_BATCH = 500;

/** Which accounts to sync: some by id, or every account of some teams. */
export type FlagScope = { accountIds: number[] } | { teamIds: number[] };

export interface FlagSync {
  raised: number;
  cleared: number;
}

/**
 * Score the accounts of `scope` in bulk (a fixed number of queries), store the flags that
 * went up and drop those that went down. With `silent`, nothing is enqueued: the first
 * start fills the table with the flags that were already there (no storm of old news).
 */
export async function syncAccountFlags(tx: Tx, scope: FlagScope, now: Date, options: { silent?: boolean } = {}): Promise<FlagSync> {
  const ids = 'accountIds' in scope ? [...new Set(scope.accountIds)] : null;
  if (ids?.length === 0 || ('teamIds' in scope && scope.teamIds.length === 0)) return { raised: 0, cleared: 0 };
  const rows = await tx
    .select({ id: accounts.id, teamId: accounts.teamId, name: accounts.name, tier: accounts.tier, phase: accounts.phase, strategicValue: accounts.strategicValue, creditStanding: accounts.creditStanding, productFit: accounts.productFit, centralPurchasing: accounts.centralPurchasing })
    .from(accounts)
    .where(ids ? inArray(accounts.id, ids) : inArray(accounts.teamId, (scope as { teamIds: number[] }).teamIds));
  if (rows.length === 0) return { raised: 0, cleared: 0 };
  const accountIds = rows.map((row) => row.id);
  const factScope: AccountScope = ids ? { accountIds } : scope;
  const { scores } = await scoreAccounts(tx, rows, factScope, now);
  const stored = await tx.select({ accountId: accountFlags.accountId, code: accountFlags.code }).from(accountFlags).where(inArray(accountFlags.accountId, accountIds));
  const before = new Set(stored.map((row) => `${row.accountId}:${row.code}`));
  const current = new Set<string>();
  const raised: { accountId: number; code: AccountFlagCode }[] = [];
  const messages: WebhookMessage[] = [];
  for (const row of rows) {
    for (const flag of scores.get(row.id)!.health.flags) {
      const key = `${row.id}:${flag.code}`;
      current.add(key);
      if (before.has(key)) continue;
      raised.push({ accountId: row.id, code: flag.code });
      messages.push({ event: 'account.flag_raised', data: { accountId: row.id, accountName: row.name, teamId: row.teamId, code: flag.code, severity: flag.severity, message: flag.message } });
    }
  }
  const cleared = stored.filter((row) => !current.has(`${row.accountId}:${row.code}`));
  const stamp = now.toISOString();
  for (let start = 0; start < raised.length; start += 200) {
    await tx
      .insert(accountFlags)
      .values(raised.slice(start, start + 200).map((flag) => ({ ...flag, raisedAt: stamp })))
      .onConflictDoNothing();
  }
  for (const flag of cleared) await tx.delete(accountFlags).where(and(eq(accountFlags.accountId, flag.accountId), eq(accountFlags.code, flag.code)));
  if (!options.silent) await enqueueWebhooks(tx, messages, now);
  return { raised: raised.length, cleared: cleared.length };
}

/** The accounts of some deals (a deal won, a contact leaving its deals): their flags after the write. */
export async function syncFlagsOfDeals(tx: Tx, dealIds: readonly number[], now: Date): Promise<FlagSync> {
  if (dealIds.length === 0) return { raised: 0, cleared: 0 };
  const rows = await tx.selectDistinct({ accountId: deals.accountId }).from(deals).where(inArray(deals.id, [...new Set(dealIds)]));
  return syncAccountFlags(tx, { accountIds: rows.map((row) => row.accountId) }, now);
}

/**
 * Sync every account, a batch per transaction (short write locks). The sweep sends what
 * time raised; `silent` (the first start) only records what is there.
 */
export async function syncAllAccountFlags(db: Db, now: Date, options: { silent?: boolean } = {}): Promise<FlagSync> {
  const all = await db.select({ id: accounts.id }).from(accounts).orderBy(asc(accounts.id));
  const total: FlagSync = { raised: 0, cleared: 0 };
  for (let start = 0; start < all.length; start += ACCOUNT_FLAG_BATCH) {
    const batch = all.slice(start, start + ACCOUNT_FLAG_BATCH).map((row) => row.id);
    const done = await writeTransaction(db, (tx) => syncAccountFlags(tx, { accountIds: batch }, now, options));
    total.raised += done.raised;
    total.cleared += done.cleared;
  }
  return total;
}

/**
 * A database from before `account_flags` (the table empty while some account is flagged)
 * records the flags already raised, without a webhook, before the first sweep. Returns how
 * many were recorded. Idempotent: with any row stored it does nothing.
 */
export async function storeMissingAccountFlags(db: Db, now: Date): Promise<number> {
  const [any] = await db.select({ one: sql<number>`1` }).from(accountFlags).limit(1);
  if (any) return 0;
  return (await syncAllAccountFlags(db, now, { silent: true })).raised;
}
