/**
 * Write an import plan that has no error, inside the caller's one write transaction
 * (SPEC §12: all or nothing). New records go in a few hundred per statement; a changed
 * record goes through the same path as an edit in the app — version up, the change in
 * the event log — and every deal created or touched gets its stored health and coverage
 * snapshot like any deal written in the app (SPEC §13).
 */
import { eq, sql } from 'drizzle-orm';
import { statusForStage, type DealStatus, type Stage } from '../../../shared/domain';
import type { SessionUser } from '../../auth/session';
import type { Tx } from '../../db/client';
import { idList, inIdList } from '../../db/dialect';
import { single } from '../../db/rows';
import { accounts, contacts, deals, type importLinks, stakeholders } from '../../db/tables';
import { patchContact } from '../contacts';
import { applyDealPatch } from '../deals';
import { enqueueWebhookOf, eventRow, type EventInput } from '../events';
import { HEALTH_BATCH, healthForDeals, recordHealthSnapshots } from '../health';
import type { ImportPlan, Ref } from './plan';
import { BATCH, batchParams, insertAccount, insertContact, insertDeal, insertDealHealth, insertDealHealths, insertEvent, insertEvents, insertInfoPoints, insertSnapshot, insertSnapshots, insertStakeholder, setClosedThresholds, upsertLink, upsertLinks } from './statements';
import { rowOf, storeAttention } from '../storedHealth';

/** Rows through a statement of BATCH rows, the rest through its one-row twin. */
async function inBatches(rows: readonly Record<string, unknown>[], many: { execute(params: Record<string, unknown>): unknown }, one: { execute(params: Record<string, unknown>): unknown }): Promise<void> {
  for (const chunk of chunks(rows, BATCH)) {
    if (chunk.length === BATCH) await many.execute(batchParams(chunk));
    else for (const row of chunk) await one.execute(batchParams([row]));
  }
}

/** Deals per health batch, and ids per IN list. */
const CHUNK = 500;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
  return out;
}

export async function applyImport(tx: Tx, user: SessionUser, plan: ImportPlan, now: Date): Promise<void> {
  const stamp = now.toISOString();
  const { teamId } = plan;
  const log: EventInput[] = [];
  const linkRows: (typeof importLinks.$inferInsert)[] = [];
  const link = (kind: (typeof importLinks.$inferInsert)['kind'], ext: string | null, localId: number, hash: string, needed: boolean) => {
    if (needed && ext !== null) linkRows.push({ teamId, source: plan.source, kind, externalId: ext, localId, hash, importedAt: stamp });
  };
  /** Deals whose health a change may move: re-scored at the end, in bulk. */
  const touchedDeals = new Set<number>();

  // ── Accounts ─────────────────────────────────────────────────────────────
  const plannedAccount = new Map<number, number>();
  for (const [index, account] of plan.accounts.entries()) {
    if (account.action !== 'create') continue;
    plannedAccount.set(index, single(await insertAccount(tx).execute({ teamId, name: account.values.name, industry: account.values.industry, at: stamp })).id);
  }
  for (const [index, account] of plan.accounts.entries()) {
    const id = account.localId ?? plannedAccount.get(index)!;
    link('account', account.ext, id, account.hash, account.link);
    if (account.action === 'create') {
      log.push({ teamId, dealId: null, actorId: user.id, kind: 'account.created', entity: 'account', entityId: id, after: { name: account.values.name }, at: now });
    } else if (account.action === 'update') {
      const current = plan.current.accounts.get(id)!;
      await tx.update(accounts).set({ name: account.values.name, industry: account.values.industry, version: current.version + 1 }).where(eq(accounts.id, id));
      const industryChanged = (current.industry ?? null) !== account.values.industry;
      log.push({
        teamId,
        dealId: null,
        actorId: user.id,
        kind: 'account.updated',
        entity: 'account',
        entityId: id,
        before: { name: current.name, ...(industryChanged ? { industry: current.industry } : {}) },
        after: { name: account.values.name, ...(industryChanged ? { industry: account.values.industry } : {}) },
        at: now,
      });
    }
  }
  const accountId = (ref: Ref) => ('local' in ref ? ref.local : plannedAccount.get(ref.planned)!);

  // ── Contacts: managers before the people who report to them ─────────────
  const plannedContact = new Map<number, number>();
  const contactId = (ref: Ref) => ('local' in ref ? ref.local : plannedContact.get(ref.planned));
  const depth = new Map<number, number>();
  const depthOf = (index: number): number => {
    const known = depth.get(index);
    if (known !== undefined) return known;
    const up = plan.contacts[index]!.values.reportsTo;
    const value = up && 'planned' in up && plan.contacts[up.planned]!.action === 'create' ? depthOf(up.planned) + 1 : 0;
    depth.set(index, value);
    return value;
  };
  const creates = plan.contacts.map((c, index) => ({ c, index })).filter(({ c }) => c.action === 'create');
  const levels = new Map<number, typeof creates>();
  for (const item of creates) {
    const d = depthOf(item.index);
    levels.set(d, [...(levels.get(d) ?? []), item]);
  }
  for (const d of [...levels.keys()].sort((a, b) => a - b)) {
    for (const { c, index } of levels.get(d)!) {
      const accountOf = accountId(c.values.account);
      const row = { accountId: accountOf, name: c.values.name, title: c.values.title, department: c.values.department, level: c.values.level, email: c.values.email, phone: c.values.phone };
      const id = single(await insertContact(tx).execute({ ...row, reportsToContactId: c.values.reportsTo ? (contactId(c.values.reportsTo) ?? null) : null, at: stamp })).id;
      plannedContact.set(index, id);
      log.push({ teamId, dealId: null, actorId: user.id, kind: 'contact.created', entity: 'contact', entityId: id, after: { name: c.values.name, accountId: accountOf }, at: now });
    }
  }
  // A manager that is an existing contact updated below, or a new one: every id is known now.
  for (const [index, c] of plan.contacts.entries()) {
    const id = c.localId ?? plannedContact.get(index)!;
    link('contact', c.ext, id, c.hash, c.link);
    if (c.action !== 'update') continue;
    const current = plan.current.contacts.get(id)!;
    const { account: _account, reportsTo, ...fields } = c.values;
    const patch = { ...fields, title: fields.title ?? '', department: fields.department ?? '', email: fields.email ?? '', phone: fields.phone ?? '', reportsToContactId: reportsTo ? contactId(reportsTo)! : null };
    // The edit path of the app: validated reporting line, version up once, the diff logged.
    const diff = await patchContact(tx, current, patch, now);
    if (!diff) continue;
    log.push({ teamId, dealId: null, actorId: user.id, kind: 'contact.updated', entity: 'contact', entityId: id, before: { name: current.name, ...diff.before }, after: { name: diff.after.name ?? current.name, ...diff.after }, at: now });
    if (diff.after.level !== undefined || diff.after.name !== undefined) {
      for (const row of await tx.select({ dealId: stakeholders.dealId }).from(stakeholders).where(eq(stakeholders.contactId, id))) touchedDeals.add(row.dealId);
    }
  }

  // ── Deals ────────────────────────────────────────────────────────────────
  const plannedDeal = new Map<number, number>();
  const created: { id: number; teamId: number; stage: Stage; status: DealStatus; closeDate: string }[] = [];
  for (const [index, d] of plan.deals.entries()) {
    if (d.action !== 'create') continue;
    const { values } = d;
    const status = statusForStage(values.stage);
    const id = single(
      await insertDeal(tx).execute({
        teamId,
        accountId: accountId(values.account),
        name: values.name,
        amount: values.amount,
        currency: values.currency ?? 'USD',
        stage: values.stage,
        status,
        closeDate: values.closeDate,
        ownerId: values.ownerId,
        at: stamp,
      }),
    ).id;
    await insertInfoPoints(tx).execute({ dealId: id, at: stamp });
    plannedDeal.set(index, id);
    created.push({ id, teamId, stage: values.stage, status, closeDate: values.closeDate });
  }
  for (const [index, d] of plan.deals.entries()) {
    const id = d.localId ?? plannedDeal.get(index)!;
    link('deal', d.ext, id, d.hash, d.link);
    if (d.action === 'create') {
      log.push({ teamId, dealId: id, actorId: user.id, kind: 'deal.created', entity: 'deal', entityId: id, after: { name: d.values.name, stage: d.values.stage }, at: now });
    } else if (d.action === 'update') {
      const current = plan.current.deals.get(id)!;
      const { values } = d;
      // Only what differs, so a lost deal's loss analysis (entered in the app) stays when its stage did not move.
      await applyDealPatch(
        tx,
        user,
        current,
        {
          name: values.name,
          amount: values.amount,
          currency: values.currency,
          closeDate: values.closeDate,
          ownerId: values.ownerId === current.ownerId ? undefined : values.ownerId,
          stage: values.stage === current.stage ? undefined : values.stage,
        },
        now,
      );
    }
  }
  const dealId = (ref: Ref) => ('local' in ref ? ref.local : plannedDeal.get(ref.planned)!);

  // ── Contact roles → stakeholders ─────────────────────────────────────────
  const plannedRole = new Map<number, number>();
  for (const [index, r] of plan.roles.entries()) {
    if (r.action !== 'create') continue;
    plannedRole.set(index, single(await insertStakeholder(tx).execute({ dealId: dealId(r.values.deal), contactId: contactId(r.values.contact)!, decisionRole: r.values.decisionRole, at: stamp })).id);
  }
  const contactNames = new Map<number, string>();
  const namesNeeded = [...new Set(plan.roles.filter((r) => r.action !== 'same').map((r) => contactId(r.values.contact)!))];
  for (const chunk of chunks(namesNeeded)) {
    for (const row of await tx.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inIdList(contacts.id, sql`${idList(chunk)}`))) contactNames.set(row.id, row.name);
  }
  for (const [index, r] of plan.roles.entries()) {
    const id = r.localId ?? plannedRole.get(index)!;
    link('contactRole', r.ext, id, r.hash, r.link);
    const deal = dealId(r.values.deal);
    const name = contactNames.get(contactId(r.values.contact)!) ?? '';
    if (r.action === 'create') {
      touchedDeals.add(deal);
      log.push({ teamId, dealId: deal, actorId: user.id, kind: 'stakeholder.added', entity: 'stakeholder', entityId: id, after: { name, decisionRole: r.values.decisionRole, influence: 3, stance: 'unknown', isCoach: false, contactCreated: false }, at: now });
    } else if (r.action === 'update') {
      const current = plan.current.stakeholders.get(id)!;
      await tx.update(stakeholders).set({ decisionRole: r.values.decisionRole, version: current.version + 1, updatedAt: stamp }).where(eq(stakeholders.id, id));
      touchedDeals.add(deal);
      log.push({
        teamId,
        dealId: deal,
        actorId: user.id,
        kind: 'stakeholder.updated',
        entity: 'stakeholder',
        entityId: id,
        before: { stakeholderId: id, name, decisionRole: current.decisionRole },
        after: { stakeholderId: id, name, decisionRole: r.values.decisionRole },
        at: now,
      });
    }
  }

  const eventRows = log.map((event) => eventRow(event, stamp));
  await inBatches(eventRows, insertEvents(tx), insertEvent(tx));
  // Written in bulk, not through recordEvent: the changes webhooks carry still reach their outbox.
  for (const event of log) await enqueueWebhookOf(tx, event);

  // ── Links: the next import of these rows finds them ──────────────────────
  await inBatches(
    linkRows.map(({ importedAt: _importedAt, ...row }) => ({ ...row, at: stamp })),
    upsertLinks(tx),
    upsertLink(tx),
  );

  // ── Health: stored for every deal created or touched (SPEC §13), as deal.create does ─
  // A new deal has no snapshot and no stored health yet: scored in bulk, its first snapshot
  // and its stored health written — what recordHealthSnapshots does for a deal without a
  // previous snapshot — and a deal entered closed keeps the thresholds crossed at its close.
  for (const chunk of chunks(created, HEALTH_BATCH)) {
    const healths = await healthForDeals(tx, chunk, now);
    const snapshots = [];
    const stored = [];
    for (const deal of chunk) {
      const health = healths.get(deal.id)!;
      const passed = { information: health.thresholds.information.passed, relationships: health.thresholds.relationships.passed, topDecisionMaker: health.thresholds.topDecisionMaker.passed };
      if (deal.status !== 'open') await setClosedThresholds(tx).execute({ id: deal.id, closedThresholds: JSON.stringify(passed) });
      const { coverage } = health;
      snapshots.push({ dealId: deal.id, at: stamp, influence: coverage.influence, headcount: coverage.headcount, net: coverage.net, opposition: coverage.opposition, crossed: health.crossed, thresholds: passed });
      stored.push(rowOf(deal.id, health, now));
    }
    await inBatches(snapshots, insertSnapshots(tx), insertSnapshot(tx));
    await inBatches(stored, insertDealHealths(tx), insertDealHealth(tx));
    await storeAttention(
      tx,
      stored.map((row) => [row.dealId, row.status]),
    );
  }
  // Deals that existed already (a person's level changed, a role added): the app's own path.
  const createdIds = new Set(created.map((d) => d.id));
  const others = [...touchedDeals].filter((id) => !createdIds.has(id));
  for (const chunk of chunks(others, HEALTH_BATCH)) {
    const facts = await tx.select({ id: deals.id, teamId: deals.teamId, stage: deals.stage, status: deals.status, closeDate: deals.closeDate }).from(deals).where(inIdList(deals.id, sql`${idList(chunk)}`));
    await recordHealthSnapshots(tx, facts, user.id, now);
  }
}
