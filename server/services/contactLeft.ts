/**
 * A person leaving the customer, and coming back (SPEC §10). The contact stays on
 * every map, greyed; the scoring stops counting them. Each open deal they are on
 * gets its own event, so its history and its stand-up say so, and every event names
 * the deals where they were a champion (a coach or an ally) when they left: that is
 * what CHAMPION_LEFT and the stand-up report.
 */
import { and, asc, eq } from 'drizzle-orm';
import { addDays, isoDay } from '../../shared/dates';
import type { Tx } from '../db/client';
import { deals, stakeholders } from '../db/tables';
import { badInput } from '../errors';
import { recordEvent } from './events';

/** A day of slack: east of UTC, the user's today is already tomorrow in UTC. */
export function assertLeftAt(leftAt: string | null | undefined, now: Date): void {
  if (leftAt && leftAt > isoDay(addDays(now, 1))) throw badInput('leftAt', 'cannot be in the future');
}

/** The open deals the person is mapped on, with their part there. */
async function openDealsOf(tx: Tx, contactId: number) {
  return tx
    .select({ dealId: deals.id, teamId: deals.teamId, isCoach: stakeholders.isCoach, stance: stakeholders.stance })
    .from(stakeholders)
    .innerJoin(deals, eq(deals.id, stakeholders.dealId))
    .where(and(eq(stakeholders.contactId, contactId), eq(deals.status, 'open')))
    .orderBy(asc(deals.id));
}

export interface LeavingChange {
  contactId: number;
  name: string;
  /** The account's team: where the event goes when the person is on no open deal. */
  accountTeamId: number;
  before: string | null;
  after: string | null;
  actorId: number;
  now: Date;
}

/** Log a change of `leftAt` on each open deal of the person (once on the account when there is none). */
export async function recordLeaving(tx: Tx, change: LeavingChange): Promise<void> {
  const { contactId, name, before, after } = change;
  const open = await openDealsOf(tx, contactId);
  const championOf = open.filter((row) => row.isCoach || row.stance === 'ally').map((row) => row.dealId);
  const places = open.length > 0 ? open.map((row) => ({ dealId: row.dealId, teamId: row.teamId })) : [{ dealId: null, teamId: change.accountTeamId }];
  const common = { actorId: change.actorId, entity: 'contact', entityId: contactId, at: change.now } as const;
  for (const place of places) {
    if (after !== null) {
      await recordEvent(tx, { ...common, ...place, kind: 'contact.left', before: { name, leftAt: before }, after: { name, leftAt: after, championOf } });
    } else if (before !== null) {
      await recordEvent(tx, { ...common, ...place, kind: 'contact.returned', before: { name, leftAt: before } });
    }
  }
}
