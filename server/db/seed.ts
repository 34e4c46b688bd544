/**
 * The demo team of SPEC §8: four users and a handful of realistic deals, one of
 * them (Harbor Bank's core banking refresh) mapped in depth, plus the key accounts'
 * past orders (SPEC §11). Runs only on an empty database; dates are relative to
 * `now` so the demo never goes stale.
 */
import { count, eq } from 'drizzle-orm';
import { addDays, daysBefore, isoDay } from '../../shared/dates';
import { INFO_POINTS, statusForStage, type Level } from '../../shared/domain';
import { computeHealth } from '../../shared/scoring';
import { DEFAULT_ACCOUNT_SETTINGS } from '../../shared/accounts';
import { DEFAULT_THRESHOLD_SETTINGS } from '../../shared/settings';
import { recordEvent } from '../services/events';
import { recordDealHealth, refreshHealthSnapshot } from '../services/health';
import { listInfoPoints } from '../services/infoPoints';
import { listStakeholders } from '../services/stakeholders';
import { getThresholds } from '../services/teamThresholds';
import { hashPassword } from '../auth/password';
import { writeTransaction, type Db, type Tx } from './client';
import { first, single } from './rows';
import * as t from './tables';
import { accountActivitiesSeed, accountPeopleSeed, accountsSeed, buyingGroups, complaintsSeed, demoExchangeRates, practicesSeed, dealsSeed, harborBankInfo, harborBankPeople, pastOrdersSeed, stanceHistory, type PersonSeed } from './seed-data';

export const DEMO_PASSWORD = 'dealroom-demo';

const isoDaysAgo = (now: Date, days: number) => daysBefore(now, days).toISOString();
const dateIn = (now: Date, days: number) => isoDay(addDays(now, days));

/** Seed the demo team if the database has no users. Returns whether it seeded. */
export async function seedDemo(db: Db, now: Date): Promise<boolean> {
  if ((first(await db.select({ n: count() }).from(t.users))?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Checked again inside the transaction: two instances starting together on an empty
  // database seed once (the write lock of either engine makes the second one see the rows).
  return writeTransaction(db, async (tx) => {
    if ((first(await tx.select({ n: count() }).from(t.users))?.n ?? 0) > 0) return false;
    await seedInto(tx, now, passwordHash);
    return true;
  });
}

async function seedInto(tx: Tx, now: Date, passwordHash: string): Promise<void> {
  const stamp = now.toISOString();
  const team = single(await tx.insert(t.teams).values({ name: 'Key Accounts — East', createdAt: stamp }).returning());
  // Rates for the currencies the demo deals use, so an account's sums in USD leave nothing out (SPEC §11).
  await tx.insert(t.teamSettings).values({ teamId: team.id, thresholds: DEFAULT_THRESHOLD_SETTINGS, accountSettings: { ...DEFAULT_ACCOUNT_SETTINGS, exchangeRates: demoExchangeRates }, updatedAt: stamp });
  const user = async (email: string, name: string, role: 'admin' | 'manager' | 'rep') =>
    single(await tx.insert(t.users).values({ email, name, role, teamId: team.id, passwordHash, createdAt: stamp }).returning());
  const admin = await user('admin@demo.test', 'Ada Admin', 'admin');
  const manager = await user('manager@demo.test', 'Morgan Li', 'manager');
  const owners = { rep1: await user('rep1@demo.test', 'Riley Zhang', 'rep'), rep2: await user('rep2@demo.test', 'Sam Patel', 'rep') };
  void admin;
  void manager;

  const accountIds = new Map<string, number>();
  for (const account of accountsSeed) {
    const { key, keyAccountManager, ...values } = account;
    accountIds.set(key, single(await tx.insert(t.accounts).values({ ...values, ownerId: owners[keyAccountManager].id, teamId: team.id, createdAt: stamp, updatedAt: stamp }).returning()).id);
  }
  for (const ticked of practicesSeed) {
    await tx.insert(t.accountPractices).values({ accountId: accountIds.get(ticked.account)!, practice: ticked.practice, doneBy: owners[ticked.by].id, doneAt: isoDaysAgo(now, ticked.daysAgo) });
  }
  for (const activity of accountActivitiesSeed) {
    await tx.insert(t.accountActivities).values({ accountId: accountIds.get(activity.account)!, kind: activity.kind, summary: activity.summary, occurredAt: isoDaysAgo(now, activity.daysAgo), createdBy: owners[activity.by].id, createdAt: isoDaysAgo(now, activity.daysAgo) });
  }
  for (const complaint of complaintsSeed) {
    const openedAt = isoDaysAgo(now, complaint.daysAgo);
    await tx.insert(t.complaints).values({ accountId: accountIds.get(complaint.account)!, summary: complaint.summary, severity: complaint.severity, openedAt, createdBy: owners[complaint.by].id, createdAt: openedAt, updatedAt: openedAt });
  }

  for (const seed of dealsSeed) {
    const deal = single(
      await tx
        .insert(t.deals)
        .values({
          teamId: team.id,
          accountId: accountIds.get(seed.account)!,
          name: seed.name,
          amount: seed.amount,
          currency: seed.currency,
          stage: seed.stage,
          status: statusForStage(seed.stage),
          closeDate: dateIn(now, seed.closeInDays),
          ownerId: owners[seed.owner].id,
          lossReason: seed.lossReason ?? null,
          lossCause: seed.lossCause ?? null,
          lostTo: seed.lostTo ?? null,
          closedThresholds: seed.closedThresholds ?? null,
          createdAt: isoDaysAgo(now, 120),
          updatedAt: isoDaysAgo(now, 3),
        })
        .returning(),
    );
    if (seed.account === 'harbor') {
      await seedHarborBank(tx, now, deal.id, accountIds.get('harbor')!, owners.rep1.id);
    } else {
      const group = buyingGroups[seed.account];
      if (group && seed.stage !== 'won' && seed.stage !== 'lost') {
        const ids = await seedPeople(tx, now, deal.id, accountIds.get(seed.account)!, group.people, group.domain, 60);
        for (const meeting of group.meetings ?? []) {
          const row = single(await tx.insert(t.activities).values({ dealId: deal.id, kind: meeting.kind, occurredAt: isoDaysAgo(now, meeting.daysAgo), summary: meeting.summary, createdBy: owners[seed.owner].id }).returning());
          await tx.insert(t.activityStakeholders).values(meeting.people.map((key) => ({ activityId: row.id, stakeholderId: ids.get(key)! })));
        }
      }
      await tx
        .insert(t.infoPoints)
        .values(
          INFO_POINTS.map((point) => ({
            dealId: deal.id,
            point,
            status: point <= (seed.confirmedPoints ?? 0) ? ('confirmed' as const) : ('unknown' as const),
            verifiedAt: point <= (seed.confirmedPoints ?? 0) ? isoDaysAgo(now, 10 + point) : null,
            updatedAt: isoDaysAgo(now, 10 + point),
          })),
        );
    }
    await recordEvent(tx, { teamId: team.id, dealId: deal.id, actorId: owners[seed.owner].id, kind: 'deal.created', entity: 'deal', entityId: deal.id, after: { name: deal.name, stage: deal.stage }, at: daysBefore(now, 120) });
  }
  const keyAccountManagerOf = (key: string) => owners[accountsSeed.find((account) => account.key === key)!.keyAccountManager];
  await seedPastOrders(tx, now, team.id, accountIds, keyAccountManagerOf);
  await seedAccountPeople(tx, now, accountIds, keyAccountManagerOf);
  await seedCoverageHistory(tx, now, team.id);
}

/**
 * The account level's history (SPEC §11): past orders as deals won long ago — each with the
 * nine points confirmed and the three thresholds crossed when it closed, as wins are — owned
 * by the account's key-account manager. Created a quarter before they closed.
 */
async function seedPastOrders(tx: Tx, now: Date, teamId: number, accountIds: Map<string, number>, managerOf: (key: string) => { id: number }): Promise<void> {
  const crossed = { information: true, relationships: true, topDecisionMaker: true };
  for (const order of pastOrdersSeed) {
    const owner = managerOf(order.account);
    const createdDaysAgo = order.closedDaysAgo + 90;
    const deal = single(
      await tx
        .insert(t.deals)
        .values({
          teamId,
          accountId: accountIds.get(order.account)!,
          name: order.name,
          amount: order.amount,
          currency: 'USD',
          stage: 'won',
          status: 'won',
          closeDate: dateIn(now, -order.closedDaysAgo),
          ownerId: owner.id,
          closedThresholds: crossed,
          createdAt: isoDaysAgo(now, createdDaysAgo),
          updatedAt: isoDaysAgo(now, order.closedDaysAgo),
        })
        .returning(),
    );
    await tx.insert(t.infoPoints).values(
      INFO_POINTS.map((point) => ({ dealId: deal.id, point, status: 'confirmed' as const, verifiedAt: isoDaysAgo(now, order.closedDaysAgo + 10 + point), updatedAt: isoDaysAgo(now, order.closedDaysAgo + 10 + point) })),
    );
    await recordEvent(tx, { teamId, dealId: deal.id, actorId: owner.id, kind: 'deal.created', entity: 'deal', entityId: deal.id, after: { name: deal.name, stage: deal.stage }, at: daysBefore(now, createdDaysAgo) });
  }
}

/** One person at the customer, reporting to someone inserted before them (`contactIds`), with a made-up work email. */
async function insertContact(
  tx: Tx,
  accountId: number,
  person: { name: string; title: string; department?: string | null; level: Level; reportsTo?: string },
  domain: string,
  contactIds: Map<string, number>,
  leftAt: string | null = null,
) {
  return single(
    await tx
      .insert(t.contacts)
      .values({
        accountId,
        name: person.name,
        title: person.title,
        department: person.department ?? null,
        level: person.level,
        reportsToContactId: person.reportsTo ? contactIds.get(person.reportsTo)! : null,
        email: `${person.name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
        leftAt,
      })
      .returning(),
  );
}

/** The org charts of the accounts with no open deal, and the key-account manager's contact with their people (account activities). */
async function seedAccountPeople(tx: Tx, now: Date, accountIds: Map<string, number>, managerOf: (key: string) => { id: number }): Promise<void> {
  for (const seed of accountPeopleSeed) {
    const accountId = accountIds.get(seed.account)!;
    const contactIds = new Map<string, number>();
    for (const person of seed.people) {
      contactIds.set(person.key, (await insertContact(tx, accountId, person, seed.domain, contactIds)).id);
    }
    for (const activity of seed.activities) {
      const at = isoDaysAgo(now, activity.daysAgo);
      const row = single(await tx.insert(t.accountActivities).values({ accountId, kind: activity.kind, summary: activity.summary, occurredAt: at, createdBy: managerOf(seed.account).id, createdAt: at }).returning());
      await tx.insert(t.accountActivityContacts).values(activity.people.map((key) => ({ activityId: row.id, contactId: contactIds.get(key)! })));
    }
  }
}

/**
 * Replay each open deal's map as it grew — people added one by one, stances that
 * changed — so a fresh demo already has a history. Each moment is scored as it
 * was and recorded by the app's own code (recordDealHealth: a snapshot where
 * coverage moved, an event per threshold crossed or lost); the last snapshot is
 * today's truth (refreshHealthSnapshot).
 */
async function seedCoverageHistory(tx: Tx, now: Date, teamId: number): Promise<void> {
  const settings = await getThresholds(tx, teamId);
  for (const deal of await tx.select().from(t.deals).where(eq(t.deals.status, 'open'))) {
    const people = await listStakeholders(tx, deal.id);
    const created = new Map((await tx.select({ id: t.stakeholders.id, createdAt: t.stakeholders.createdAt }).from(t.stakeholders).where(eq(t.stakeholders.dealId, deal.id))).map((row) => [row.id, row.createdAt]));
    const changes = stanceHistory
      .filter((change) => change.deal === deal.name)
      .map((change) => ({ ...change, at: isoDaysAgo(now, change.daysAgo), stakeholder: people.find((person) => person.name === change.person)! }));
    const contacts = people.flatMap((person) => (person.lastContactAt ? [person.lastContactAt] : []));
    // A person who left is a moment too: the morning of that day, logged as the app logs it.
    const departures = people.flatMap((person) => (person.leftAt ? [{ person, at: `${person.leftAt}T09:00:00.000Z` }] : []));
    const moments = [...new Set([...created.values(), ...changes.map((change) => change.at), ...contacts, ...departures.map((d) => d.at)])].sort();
    const points = await listInfoPoints(tx, deal.id);
    for (const at of moments) {
      const present = people
        .filter((person) => created.get(person.id)! <= at)
        .map((person) => {
          const pending = changes.find((change) => change.stakeholder.id === person.id && change.at > at);
          const asOf = (when: string | null) => (when && when <= at ? when : null);
          return { ...person, stance: pending ? pending.from : person.stance, lastContactAt: asOf(person.lastContactAt), lastMetAt: asOf(person.lastMetAt), lastIntelAt: asOf(person.lastIntelAt) };
        });
      for (const change of changes.filter((c) => c.at === at)) {
        const who = { stakeholderId: change.stakeholder.id, name: change.stakeholder.name };
        await recordEvent(tx, {
          teamId,
          dealId: deal.id,
          actorId: deal.ownerId,
          kind: 'stakeholder.stanceChanged',
          entity: 'stakeholder',
          entityId: change.stakeholder.id,
          before: { ...who, stance: change.from },
          after: { ...who, stance: change.stakeholder.stance },
          at: new Date(at),
        });
      }
      for (const { person } of departures.filter((d) => d.at === at)) {
        const champion = person.isCoach || person.stance === 'ally';
        await recordEvent(tx, {
          teamId,
          dealId: deal.id,
          actorId: deal.ownerId,
          kind: 'contact.left',
          entity: 'contact',
          entityId: person.contactId,
          before: { name: person.name, leftAt: null },
          after: { name: person.name, leftAt: person.leftAt!, championOf: champion ? [deal.id] : [] },
          at: new Date(at),
        });
      }
      const health = computeHealth({ deal, stakeholders: present, infoPoints: points, coverageHistory: [], settings, now: new Date(at) });
      await recordDealHealth(tx, deal, health, deal.ownerId, new Date(at));
    }
    await refreshHealthSnapshot(tx, deal.id, null, now);
  }
}

/** Contacts (with reporting lines) and their part in the deal; returns stakeholder ids by key. */
async function seedPeople(tx: Tx, now: Date, dealId: number, accountId: number, people: PersonSeed[], domain: string, mappedDaysAgo: number): Promise<Map<string, number>> {
  const stakeholderIds = new Map<string, number>();
  const contactIds = new Map<string, number>();
  for (const [index, person] of people.entries()) {
    const contact = await insertContact(tx, accountId, person, domain, contactIds, person.leftDaysAgo === undefined ? null : dateIn(now, -person.leftDaysAgo));
    contactIds.set(person.key, contact.id);
    const stakeholder = single(
      await tx
        .insert(t.stakeholders)
        .values({
          dealId,
          contactId: contact.id,
          decisionRole: person.decisionRole,
          influence: person.influence,
          stance: person.stance,
          isCoach: person.isCoach ?? false,
          explicitNeeds: person.explicitNeeds ?? null,
          implicitNeeds: person.implicitNeeds ?? null,
          notes: person.notes ?? null,
          createdAt: isoDaysAgo(now, mappedDaysAgo - index * 3),
        })
        .returning(),
    );
    stakeholderIds.set(person.key, stakeholder.id);
  }
  return stakeholderIds;
}

async function seedHarborBank(tx: Tx, now: Date, dealId: number, accountId: number, repId: number): Promise<void> {
  const stakeholderIds = await seedPeople(tx, now, dealId, accountId, harborBankPeople, 'harborbank.example', 100);
  const sid = (key: string) => stakeholderIds.get(key)!;

  await tx
    .insert(t.relationships)
    .values([
      { dealId, fromStakeholderId: sid('architect'), toStakeholderId: sid('cio'), kind: 'influences', strength: 3 },
      { dealId, fromStakeholderId: sid('cfo'), toStakeholderId: sid('ceo'), kind: 'influences', strength: 2 },
      { dealId, fromStakeholderId: sid('risk'), toStakeholderId: sid('cio'), kind: 'rivals', strength: 2 },
      { dealId, fromStakeholderId: sid('coreit'), toStakeholderId: sid('architect'), kind: 'allied', strength: 3 },
      { dealId, fromStakeholderId: sid('risk'), toStakeholderId: sid('ceo'), kind: 'influences', strength: 2 },
    ]);

  await tx
    .insert(t.infoPoints)
    .values(
      INFO_POINTS.map((point) => {
        const info = harborBankInfo[point]!;
        return {
          dealId,
          point,
          status: info.status,
          summary: info.summary,
          sourceStakeholderId: info.source ? sid(info.source) : null,
          verifiedAt: info.verifiedDaysAgo === undefined ? null : isoDaysAgo(now, info.verifiedDaysAgo),
          updatedAt: isoDaysAgo(now, info.verifiedDaysAgo ?? 60),
        };
      }),
    );

  await tx
    .insert(t.nextSteps)
    .values([
      { dealId, title: 'Reference visit to Coastal Savings for the CEO', owner: 'Riley Zhang', dueDate: dateIn(now, 10) },
      { dealId, title: 'Migration risk workshop with Risk & Compliance', owner: 'Solution architect', dueDate: dateIn(now, -3) },
      { dealId, title: 'Three-year payment plan for the CFO', owner: 'Finance desk', dueDate: dateIn(now, 14) },
      { dealId, title: 'Proof of concept sign-off', owner: 'Chen Hao', dueDate: dateIn(now, -20), done: true },
    ]);

  // A snoozed flag (SPEC §10): the CEO was last met 95 days ago, and the reference visit above is the plan.
  const snooze = { code: 'DECISION_MAKER_NOT_CONTACTED' as const, until: dateIn(now, 10), reason: 'Reference visit to Coastal Savings with the CEO is booked; we meet him there.' };
  await tx.insert(t.flagSnoozes).values({ dealId, ...snooze, byUserId: repId, createdAt: isoDaysAgo(now, 2) });
  const { teamId } = single(await tx.select({ teamId: t.deals.teamId }).from(t.deals).where(eq(t.deals.id, dealId)));
  await recordEvent(tx, { teamId, dealId, actorId: repId, kind: 'flag.snoozed', entity: 'flag', entityId: null, before: { code: snooze.code }, after: snooze, at: daysBefore(now, 2) });

  const titan = single(
    await tx
      .insert(t.competitors)
      .values({ dealId, name: 'Titan Systems (incumbent)', strengths: 'Installed base for 15 years; Risk team trusts them', weaknesses: 'Slow roadmap; expensive licence renewals' })
      .returning(),
  );
  await tx.insert(t.competitorFavouredBy).values([{ competitorId: titan.id, stakeholderId: sid('risk') }]);
  await tx
    .insert(t.competitors)
    .values({ dealId, name: 'Nordstar Computing', strengths: 'Lowest price; aggressive discounts', weaknesses: 'No bank reference in the region' });

  await tx
    .insert(t.externalAllies)
    .values([
      { accountId, name: 'Meridian Secure Systems', offering: 'Hardware security modules and payment HSM support', contribution: 'Runs the bank’s card HSMs; their account manager briefs us on the CIO’s security concerns and can vouch for our integration.', contactName: 'Olivia Tan', contactInfo: 'olivia.tan@meridian.example' },
      { accountId, name: 'Brightline Consulting', offering: 'Regulatory compliance advisory', contribution: 'Advises Risk & Compliance on the regulator’s expectations; a joint briefing could soften Huang Wei.', contactName: 'Daniel Ko' },
    ]);

  await tx
    .insert(t.successFactors)
    .values([
      { dealId, title: 'Zero-downtime migration plan', rank: 1 },
      { dealId, title: 'Regulator acceptance of the new core', rank: 2 },
      { dealId, title: 'Five-year total cost below the incumbent', rank: 3 },
      { dealId, title: 'Local support team on site', rank: 4 },
    ]);

  const activity = async (kind: (typeof t.activities.$inferInsert)['kind'], daysAgo: number, summary: string, people: string[]) => {
    const row = single(await tx.insert(t.activities).values({ dealId, kind, occurredAt: isoDaysAgo(now, daysAgo), summary, createdBy: repId }).returning());
    await tx.insert(t.activityStakeholders).values(people.map((key) => ({ activityId: row.id, stakeholderId: sid(key) })));
  };
  // Over execMeetingDays (90) ago: the account's executive meetings have lapsed (NO_EXEC_MEETING on Harbor Bank).
  await activity('executive_meeting', 95, 'Kick-off dinner with the CEO and CIO; CEO asked for a reference bank of similar size.', ['ceo', 'cio']);
  await activity('demo', 30, 'Mobile bank integration demo for Architecture and Core IT.', ['architect', 'coreit', 'infra']);
  await activity('meeting', 12, 'Tender process walkthrough with Procurement.', ['procurement', 'buyer']);
  await activity('call', 6, 'Coach call: steering committee leans our way, Risk still pushing Titan.', ['coreit']);
  await activity('email', 3, 'Sent the draft migration plan to the CIO’s office.', ['cio', 'assistant']);
}
