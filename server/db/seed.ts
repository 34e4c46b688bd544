/**
 * The demo team of SPEC §8: four users and a handful of realistic deals, one of
 * them (Harbor Bank's core banking refresh) mapped in depth. Runs only on an
 * empty database; dates are relative to `now` so the demo never goes stale.
 */
import { count, eq } from 'drizzle-orm';
import { addDays, daysBefore, isoDay } from '../../shared/dates';
import { INFO_POINTS, statusForStage } from '../../shared/domain';
import { computeHealth } from '../../shared/scoring';
import { DEFAULT_THRESHOLD_SETTINGS } from '../../shared/settings';
import { recordEvent } from '../services/events';
import { recordDealHealth, refreshHealthSnapshot } from '../services/health';
import { listInfoPoints } from '../services/infoPoints';
import { listStakeholders } from '../services/stakeholders';
import { getThresholds } from '../services/teamThresholds';
import { hashPassword } from '../auth/password';
import { writeTransaction, type Db, type Tx } from './client';
import * as t from './schema';
import { accountsSeed, buyingGroups, dealsSeed, harborBankInfo, harborBankPeople, stanceHistory, type PersonSeed } from './seed-data';

export const DEMO_PASSWORD = 'dealroom-demo';

const isoDaysAgo = (now: Date, days: number) => daysBefore(now, days).toISOString();
const dateIn = (now: Date, days: number) => isoDay(addDays(now, days));

/** Seed the demo team if the database has no users. Returns whether it seeded. */
export async function seedDemo(db: Db, now: Date): Promise<boolean> {
  if ((db.select({ n: count() }).from(t.users).get()?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  writeTransaction(db, (tx) => {
    if ((tx.select({ n: count() }).from(t.users).get()?.n ?? 0) > 0) return;
    seedInto(tx, now, passwordHash);
  });
  return true;
}

function seedInto(tx: Tx, now: Date, passwordHash: string): void {
  const stamp = now.toISOString();
  const team = tx.insert(t.teams).values({ name: 'Key Accounts — East', createdAt: stamp }).returning().get();
  tx.insert(t.teamSettings).values({ teamId: team.id, thresholds: DEFAULT_THRESHOLD_SETTINGS, updatedAt: stamp }).run();
  const user = (email: string, name: string, role: 'admin' | 'manager' | 'rep') =>
    tx.insert(t.users).values({ email, name, role, teamId: team.id, passwordHash, createdAt: stamp }).returning().get();
  const admin = user('admin@demo.test', 'Ada Admin', 'admin');
  const manager = user('manager@demo.test', 'Morgan Li', 'manager');
  const owners = { rep1: user('rep1@demo.test', 'Riley Zhang', 'rep'), rep2: user('rep2@demo.test', 'Sam Patel', 'rep') };
  void admin;
  void manager;

  const accountIds = new Map<string, number>();
  for (const account of accountsSeed) {
    const { key, ...values } = account;
    accountIds.set(key, tx.insert(t.accounts).values({ ...values, teamId: team.id, createdAt: stamp }).returning().get().id);
  }

  for (const seed of dealsSeed) {
    const deal = tx
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
        createdAt: isoDaysAgo(now, 120),
        updatedAt: isoDaysAgo(now, 3),
      })
      .returning()
      .get();
    if (seed.account === 'harbor') {
      seedHarborBank(tx, now, deal.id, accountIds.get('harbor')!, owners.rep1.id);
    } else {
      const group = buyingGroups[seed.account];
      if (group && seed.stage !== 'won' && seed.stage !== 'lost') {
        const ids = seedPeople(tx, now, deal.id, accountIds.get(seed.account)!, group.people, group.domain, 60);
        for (const meeting of group.meetings ?? []) {
          const row = tx.insert(t.activities).values({ dealId: deal.id, kind: meeting.kind, occurredAt: isoDaysAgo(now, meeting.daysAgo), summary: meeting.summary, createdBy: owners[seed.owner].id }).returning().get();
          tx.insert(t.activityStakeholders).values(meeting.people.map((key) => ({ activityId: row.id, stakeholderId: ids.get(key)! }))).run();
        }
      }
      tx.insert(t.infoPoints)
        .values(
          INFO_POINTS.map((point) => ({
            dealId: deal.id,
            point,
            status: point <= (seed.confirmedPoints ?? 0) ? ('confirmed' as const) : ('unknown' as const),
            verifiedAt: point <= (seed.confirmedPoints ?? 0) ? isoDaysAgo(now, 10 + point) : null,
            updatedAt: isoDaysAgo(now, 10 + point),
          })),
        )
        .run();
    }
    recordEvent(tx, { teamId: team.id, dealId: deal.id, actorId: owners[seed.owner].id, kind: 'deal.created', entity: 'deal', entityId: deal.id, after: { name: deal.name, stage: deal.stage }, at: daysBefore(now, 120) });
  }
  seedCoverageHistory(tx, now, team.id);
}

/**
 * Replay each open deal's map as it grew — people added one by one, stances that
 * changed — so a fresh demo already has a history. Each moment is scored as it
 * was and recorded by the app's own code (recordDealHealth: a snapshot where
 * coverage moved, an event per threshold crossed or lost); the last snapshot is
 * today's truth (refreshHealthSnapshot).
 */
function seedCoverageHistory(tx: Tx, now: Date, teamId: number): void {
  const settings = getThresholds(tx, teamId);
  for (const deal of tx.select().from(t.deals).where(eq(t.deals.status, 'open')).all()) {
    const people = listStakeholders(tx, deal.id);
    const created = new Map(tx.select({ id: t.stakeholders.id, createdAt: t.stakeholders.createdAt }).from(t.stakeholders).where(eq(t.stakeholders.dealId, deal.id)).all().map((row) => [row.id, row.createdAt]));
    const changes = stanceHistory
      .filter((change) => change.deal === deal.name)
      .map((change) => ({ ...change, at: isoDaysAgo(now, change.daysAgo), stakeholder: people.find((person) => person.name === change.person)! }));
    const contacts = people.flatMap((person) => (person.lastContactAt ? [person.lastContactAt] : []));
    const moments = [...new Set([...created.values(), ...changes.map((change) => change.at), ...contacts])].sort();
    const points = listInfoPoints(tx, deal.id);
    for (const at of moments) {
      const present = people
        .filter((person) => created.get(person.id)! <= at)
        .map((person) => {
          const pending = changes.find((change) => change.stakeholder.id === person.id && change.at > at);
          return { ...person, stance: pending ? pending.from : person.stance, lastContactAt: person.lastContactAt && person.lastContactAt <= at ? person.lastContactAt : null };
        });
      for (const change of changes.filter((c) => c.at === at)) {
        const who = { stakeholderId: change.stakeholder.id, name: change.stakeholder.name };
        recordEvent(tx, {
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
      const health = computeHealth({ deal, stakeholders: present, infoPoints: points, coverageHistory: [], settings, now: new Date(at) });
      recordDealHealth(tx, deal, health, deal.ownerId, new Date(at));
    }
    refreshHealthSnapshot(tx, deal.id, null, now);
  }
}

/** Contacts (with reporting lines) and their part in the deal; returns stakeholder ids by key. */
function seedPeople(tx: Tx, now: Date, dealId: number, accountId: number, people: PersonSeed[], domain: string, mappedDaysAgo: number): Map<string, number> {
  const stakeholderIds = new Map<string, number>();
  const contactIds = new Map<string, number>();
  people.forEach((person, index) => {
    const contact = tx
      .insert(t.contacts)
      .values({
        accountId,
        name: person.name,
        title: person.title,
        department: person.department,
        level: person.level,
        reportsToContactId: person.reportsTo ? contactIds.get(person.reportsTo)! : null,
        email: `${person.name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
      })
      .returning()
      .get();
    contactIds.set(person.key, contact.id);
    const stakeholder = tx
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
      .returning()
      .get();
    stakeholderIds.set(person.key, stakeholder.id);
  });
  return stakeholderIds;
}

function seedHarborBank(tx: Tx, now: Date, dealId: number, accountId: number, repId: number): void {
  const stakeholderIds = seedPeople(tx, now, dealId, accountId, harborBankPeople, 'harborbank.example', 100);
  const sid = (key: string) => stakeholderIds.get(key)!;

  tx.insert(t.relationships)
    .values([
      { dealId, fromStakeholderId: sid('architect'), toStakeholderId: sid('cio'), kind: 'influences', strength: 3 },
      { dealId, fromStakeholderId: sid('cfo'), toStakeholderId: sid('ceo'), kind: 'influences', strength: 2 },
      { dealId, fromStakeholderId: sid('risk'), toStakeholderId: sid('cio'), kind: 'rivals', strength: 2 },
      { dealId, fromStakeholderId: sid('coreit'), toStakeholderId: sid('architect'), kind: 'allied', strength: 3 },
      { dealId, fromStakeholderId: sid('risk'), toStakeholderId: sid('ceo'), kind: 'influences', strength: 2 },
    ])
    .run();

  tx.insert(t.infoPoints)
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
    )
    .run();

  tx.insert(t.nextSteps)
    .values([
      { dealId, title: 'Reference visit to Coastal Savings for the CEO', owner: 'Riley Zhang', dueDate: dateIn(now, 10) },
      { dealId, title: 'Migration risk workshop with Risk & Compliance', owner: 'Solution architect', dueDate: dateIn(now, -3) },
      { dealId, title: 'Three-year payment plan for the CFO', owner: 'Finance desk', dueDate: dateIn(now, 14) },
      { dealId, title: 'Proof of concept sign-off', owner: 'Chen Hao', dueDate: dateIn(now, -20), done: true },
    ])
    .run();

  const titan = tx
    .insert(t.competitors)
    .values({ dealId, name: 'Titan Systems (incumbent)', strengths: 'Installed base for 15 years; Risk team trusts them', weaknesses: 'Slow roadmap; expensive licence renewals' })
    .returning()
    .get();
  tx.insert(t.competitorFavouredBy).values([{ competitorId: titan.id, stakeholderId: sid('risk') }]).run();
  tx.insert(t.competitors)
    .values({ dealId, name: 'Nordstar Computing', strengths: 'Lowest price; aggressive discounts', weaknesses: 'No bank reference in the region' })
    .run();

  tx.insert(t.externalAllies)
    .values([
      { accountId, name: 'Meridian Secure Systems', offering: 'Hardware security modules and payment HSM support', contribution: 'Runs the bank’s card HSMs; their account manager briefs us on the CIO’s security concerns and can vouch for our integration.', contactName: 'Olivia Tan', contactInfo: 'olivia.tan@meridian.example' },
      { accountId, name: 'Brightline Consulting', offering: 'Regulatory compliance advisory', contribution: 'Advises Risk & Compliance on the regulator’s expectations; a joint briefing could soften Huang Wei.', contactName: 'Daniel Ko' },
    ])
    .run();

  tx.insert(t.successFactors)
    .values([
      { dealId, title: 'Zero-downtime migration plan', rank: 1 },
      { dealId, title: 'Regulator acceptance of the new core', rank: 2 },
      { dealId, title: 'Five-year total cost below the incumbent', rank: 3 },
      { dealId, title: 'Local support team on site', rank: 4 },
    ])
    .run();

  const activity = (kind: (typeof t.activities.$inferInsert)['kind'], daysAgo: number, summary: string, people: string[]) => {
    const row = tx.insert(t.activities).values({ dealId, kind, occurredAt: isoDaysAgo(now, daysAgo), summary, createdBy: repId }).returning().get();
    tx.insert(t.activityStakeholders).values(people.map((key) => ({ activityId: row.id, stakeholderId: sid(key) }))).run();
  };
  activity('executive_meeting', 75, 'Kick-off dinner with the CEO and CIO; CEO asked for a reference bank of similar size.', ['ceo', 'cio']);
  activity('demo', 30, 'Mobile bank integration demo for Architecture and Core IT.', ['architect', 'coreit', 'infra']);
  activity('meeting', 12, 'Tender process walkthrough with Procurement.', ['procurement', 'buyer']);
  activity('call', 6, 'Coach call: steering committee leans our way, Risk still pushing Titan.', ['coreit']);
  activity('email', 3, 'Sent the draft migration plan to the CIO’s office.', ['cio', 'assistant']);
}
