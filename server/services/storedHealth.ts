/**
 * Each deal's health, stored (SPEC §13). Scoring a deal takes five reads; a list of
 * 5,000 deals cannot do that on every page. So the health is written where it can move —
 * in the transaction of every write that moves it, and by the sweep for what time alone
 * moves — and lists, filters, sorts and counts read this table instead.
 */
import { isDeepStrictEqual } from 'node:util';
import { isNull, sql, type SQLWrapper } from 'drizzle-orm';
import { HEALTH_ATTENTION_ORDER, HEALTH_STATUSES, type HealthStatus } from '../../shared/domain';
import type { Health } from '../../shared/scoring';
import type { Db, Tx } from '../db/client';
import { idList, inIdList } from '../db/dialect';
import { prepared } from '../db/prepared';
import { dealHealth, deals } from '../db/tables';
import { enqueueWebhooks } from './webhookOutbox';

/** Rows per INSERT: nine parameters each stays far below either engine's limit. */
const CHUNK = 500;

const storedOf = prepared((db) =>
  db
    .select({ dealId: dealHealth.dealId, status: dealHealth.status, health: dealHealth.health })
    .from(dealHealth)
    .where(inIdList(dealHealth.dealId, sql.placeholder('ids')))
    .prepare(),
);

/** Health as the database gives it back (JSON drops `undefined`), so an unchanged health compares equal. */
const asStored = (health: Health): Health => JSON.parse(JSON.stringify(health)) as Health;

/** The stored row of a deal's health (also what an import writes for the deals it creates). */
export const rowOf = (dealId: number, health: Health, at: Date): typeof dealHealth.$inferInsert => ({
  dealId,
  status: health.status,
  crossed: health.crossed,
  influence: health.coverage.influence,
  information: health.thresholds.information.passed,
  relationships: health.thresholds.relationships.passed,
  topDecisionMaker: health.thresholds.topDecisionMaker.passed,
  health: asStored(health),
  scoredAt: at.toISOString(),
});

/**
 * Store the health of these deals where it differs from what is stored (one read, and
 * one upsert per 500 changed deals), inside the caller's transaction. Returns how many
 * changed. Key order does not matter: PostgreSQL's jsonb gives keys back in its own.
 */
export async function storeHealth(tx: Tx, healths: ReadonlyMap<number, Health>, at: Date): Promise<number> {
  if (healths.size === 0) return 0;
  const rows = await storedOf(tx).execute({ ids: idList([...healths.keys()]) });
  const stored = new Map(rows.map((row) => [row.dealId, row.health]));
  const changed = [...healths].filter(([dealId, health]) => !isDeepStrictEqual(stored.get(dealId), asStored(health)));
  // A deal whose status moves (not its first scoring) is a `deal.health_changed` webhook event, in this transaction.
  const moved = changed.flatMap(([dealId, health]) => {
    const was = stored.get(dealId)?.status;
    return was && was !== health.status ? [{ event: 'deal.health_changed' as const, dealId, data: { before: was, after: health.status } }] : [];
  });
  await enqueueWebhooks(tx, moved, at);
  for (let start = 0; start < changed.length; start += CHUNK) {
    await tx
      .insert(dealHealth)
      .values(changed.slice(start, start + CHUNK).map(([dealId, health]) => rowOf(dealId, health, at)))
      .onConflictDoUpdate({
        target: dealHealth.dealId,
        // `excluded` is the row the INSERT proposed: the same word on SQLite and PostgreSQL.
        set: {
          status: sql`excluded.status`,
          crossed: sql`excluded.crossed`,
          influence: sql`excluded.influence`,
          information: sql`excluded.information`,
          relationships: sql`excluded.relationships`,
          topDecisionMaker: sql`excluded.top_decision_maker`,
          health: sql`excluded.health`,
          scoredAt: sql`excluded.scored_at`,
        },
      });
  }
  // The deal's copy of the status's rank moves with it (a deal stored for the first time gets its first).
  const wasStatus = new Map(rows.map((row) => [row.dealId, row.status]));
  await storeAttention(
    tx,
    changed.filter(([dealId, health]) => wasStatus.get(dealId) !== health.status).map(([dealId, health]) => [dealId, health.status]),
  );
  return changed.length;
}

/** `deals.attention` where it follows deal_health.status: the rank of each status, by hand on both engines. */
const attentionOf = (status: SQLWrapper) => sql`(case ${status} ${sql.join(HEALTH_STATUSES.map((s) => sql`when ${s} then ${sql.raw(String(HEALTH_ATTENTION_ORDER[s]))}`), sql` `)} end)`;

/**
 * Copy the attention rank of these deals' new health status onto the deal (schema: deals.attention),
 * one UPDATE per status and 500 deals, inside the caller's transaction — where the health
 * itself is stored. The version and updatedAt stay: the deal was not edited.
 */
export async function storeAttention(tx: Tx, statuses: readonly (readonly [number, HealthStatus])[]): Promise<void> {
  for (const status of HEALTH_STATUSES) {
    const ids = statuses.filter(([, s]) => s === status).map(([dealId]) => dealId);
    for (let start = 0; start < ids.length; start += CHUNK) {
      await tx
        .update(deals)
        .set({ attention: HEALTH_ATTENTION_ORDER[status] })
        .where(inIdList(deals.id, sql`${idList(ids.slice(start, start + CHUNK))}`));
    }
  }
}

/**
 * Deals with stored health but no attention rank yet — a database from before the rank was
 * kept on the deal (ADR 30) — get it from their stored status; one UPDATE, idempotent. Run at
 * start with storeMissingHealth. Returns how many it set.
 */
export async function storeMissingAttention(db: Db): Promise<number> {
  const stored = db.select({ status: attentionOf(dealHealth.status) }).from(dealHealth).where(sql`${dealHealth.dealId} = ${deals.id}`);
  const set = await db
    .update(deals)
    .set({ attention: sql`(${stored})` })
    .where(isNull(deals.attention))
    .returning({ id: deals.id });
  return set.length;
}
