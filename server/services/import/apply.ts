/**
 * Write an import plan that has no error, inside the caller's one write transaction
 * (SPEC §12: all or nothing). New records go in a few hundred per statement; a changed
 * record goes through the same path as an edit in the app — version up, the change in
 * the event log — and every deal created or touched gets its stored health and coverage
 * snapshot like any deal written in the app (SPEC §13).
 */
import { eq, sql } from 'drizzle-orm';
import { INFO_POINTS, statusForStage } from '../../../shared/domain';
import type { SessionUser } from '../../auth/session';
import type { Tx } from '../../db/client';
import { idList, inIdList } from '../../db/dialect';
import { accounts, contacts, deals, importLinks, infoPoints, stakeholders } from '../../db/tables';
import { patchContact } from '../contacts';
import { applyDealPatch } from '../deals';
import { recordEvents, type EventInput } from '../events';
import { HEALTH_BATCH, healthForDeals, recordHealthSnapshots } from '../health';
import type { ImportPlan, Ref } from './plan';

/** Rows per INSERT: the widest table here (deals, 13 columns) stays far below either engine's parameter limit. */
const CHUNK = 500;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
  return out;
}

/** Insert rows a chunk at a time and give back their ids in the order given (RETURNING follows a VALUES list's order on both engines). */
async function insertIds<R>(rows: R[], insert: (chunk: R[]) => Promise<{ id: number }[]>): Promise<number[]> {
  const ids: number[] = [];
  for (const chunk of chunks(rows)) {
    const returned = await insert(chunk);
    if (returned.length !== chunk.length) throw new Error(`insert returned ${returned.length} ids for ${chunk.length} rows`);
    ids.push(...returned.map((row) => row.id));
  }
  return ids;
}

/** The rows a plan creates, with their place in the plan (references to planned records are by that place). */
const indexed = <T extends { action: string }>(list: T[]) => list.map((item, index) => ({ item, index })).filter(({ item }) => item.action === 'create');

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
  const newAccounts = indexed(plan.accounts);
  const accountIds = await insertIds(newAccounts, (chunk) =>
    tx
      .insert(accounts)
      .values(chunk.map(({ item: a }) => ({ teamId, name: a.values.name, industry: a.values.industry, createdAt: stamp })))
      .returning({ id: accounts.id }),
  );
  const plannedAccount = new Map<number, number>();
  newAccounts.forEach(({ index }, i) => plannedAccount.set(index, accountIds[i]!));
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
    const level = levels.get(d)!;
    const ids = await insertIds(level, (chunk) =>
      tx
        .insert(contacts)
        .values(
          chunk.map(({ c }) => ({
            accountId: accountId(c.values.account),
            name: c.values.name,
            title: c.values.title,
            department: c.values.department,
            level: c.values.level,
            reportsToContactId: c.values.reportsTo ? (contactId(c.values.reportsTo) ?? null) : null,
            email: c.values.email,
            phone: c.values.phone,
            createdAt: stamp,
            updatedAt: stamp,
          })),
        )
        .returning({ id: contacts.id }),
    );
    level.forEach(({ c, index }, i) => {
      plannedContact.set(index, ids[i]!);
      log.push({ teamId, dealId: null, actorId: user.id, kind: 'contact.created', entity: 'contact', entityId: ids[i]!, after: { name: c.values.name, accountId: accountId(c.values.account) }, at: now });
    });
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
  const newDeals = indexed(plan.deals);
  const dealIds = await insertIds(newDeals, (chunk) =>
    tx
      .insert(deals)
      .values(
        chunk.map(({ item: d }) => ({
          teamId,
          accountId: accountId(d.values.account),
          name: d.values.name,
          amount: d.values.amount,
          currency: d.values.currency ?? 'USD',
          stage: d.values.stage,
          status: statusForStage(d.values.stage),
          closeDate: d.values.closeDate,
          ownerId: d.values.ownerId,
          createdAt: stamp,
          updatedAt: stamp,
        })),
      )
      .returning({ id: deals.id }),
  );
  for (const chunk of chunks(dealIds, 100)) {
    await tx.insert(infoPoints).values(chunk.flatMap((dealId) => INFO_POINTS.map((point) => ({ dealId, point, updatedAt: stamp }))));
  }
  const plannedDeal = new Map<number, number>();
  newDeals.forEach(({ index }, i) => plannedDeal.set(index, dealIds[i]!));
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
  const newRoles = indexed(plan.roles);
  const roleIds = await insertIds(newRoles, (chunk) =>
    tx
      .insert(stakeholders)
      .values(
        chunk.map(({ item: r }) => ({
          dealId: dealId(r.values.deal),
          contactId: contactId(r.values.contact)!,
          decisionRole: r.values.decisionRole,
          influence: 3,
          stance: 'unknown' as const,
          isCoach: false,
          createdAt: stamp,
          updatedAt: stamp,
        })),
      )
      .returning({ id: stakeholders.id }),
  );
  const plannedRole = new Map<number, number>();
  newRoles.forEach(({ index }, i) => plannedRole.set(index, roleIds[i]!));
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

  await recordEvents(tx, log);

  // ── Links: the next import of these rows finds them ──────────────────────
  for (const chunk of chunks(linkRows)) {
    await tx
      .insert(importLinks)
      .values(chunk)
      .onConflictDoUpdate({
        target: [importLinks.teamId, importLinks.source, importLinks.kind, importLinks.externalId],
        set: { localId: sql`excluded.local_id`, hash: sql`excluded.hash`, importedAt: sql`excluded.imported_at` },
      });
  }

  // ── Health: stored for every deal created or touched (SPEC §13), as deal.create does ─
  const created = newDeals.map(({ item: d }, i) => ({ id: dealIds[i]!, teamId, stage: d.values.stage, status: statusForStage(d.values.stage), closeDate: d.values.closeDate }));
  // A deal entered closed keeps the thresholds it had crossed when it closed, with the people the import gave it.
  const closed = created.filter((d) => d.status !== 'open');
  for (const chunk of chunks(closed, HEALTH_BATCH)) {
    const healths = await healthForDeals(tx, chunk, now);
    for (const deal of chunk) {
      const { thresholds } = healths.get(deal.id)!;
      await tx
        .update(deals)
        .set({ closedThresholds: { information: thresholds.information.passed, relationships: thresholds.relationships.passed, topDecisionMaker: thresholds.topDecisionMaker.passed } })
        .where(eq(deals.id, deal.id));
    }
  }
  const createdIds = new Set(created.map((d) => d.id));
  const others = [...touchedDeals].filter((id) => !createdIds.has(id));
  const touched = [];
  for (const chunk of chunks(others)) {
    touched.push(...(await tx.select({ id: deals.id, teamId: deals.teamId, stage: deals.stage, status: deals.status, closeDate: deals.closeDate }).from(deals).where(inIdList(deals.id, sql`${idList(chunk)}`))));
  }
  for (const chunk of chunks([...created, ...touched], HEALTH_BATCH)) await recordHealthSnapshots(tx, chunk, user.id, now);
}
