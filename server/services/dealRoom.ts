import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { dealHealthFrom } from './health';
import { requireDeal } from './access';
import { listCompetitors } from './competitors';
import { getDealDto } from './deals';
import { listInfoPoints } from './infoPoints';
import { listNextSteps } from './nextSteps';
import { listStakeholders, listRelationships } from './stakeholders';
import { listSuccessFactors } from './successFactors';
import { getThresholds } from './teamThresholds';

/**
 * Everything the deal room shows. The reads after the access check are independent, so
 * they go out together: on PostgreSQL each is a round trip, and the pool serves them at
 * once. Each sees the last commit (not one snapshot), as any read outside a transaction.
 */
export async function getDealRoom(db: Db, user: SessionUser, dealId: number, now: Date) {
  const deal = await requireDeal(db, user, dealId);
  const [dto, stakeholders, relationships, infoPoints, nextSteps, competitors, successFactors, teamSettings] = await Promise.all([
    getDealDto(db, deal.id),
    listStakeholders(db, deal.id),
    listRelationships(db, deal.id),
    listInfoPoints(db, deal.id),
    listNextSteps(db, deal.id),
    listCompetitors(db, deal.id),
    listSuccessFactors(db, deal.id),
    getThresholds(db, deal.teamId),
  ]);
  const { teamId: _team, version: _version, ...settings } = teamSettings;
  return {
    deal: dto,
    stakeholders,
    relationships,
    infoPoints,
    nextSteps,
    competitors,
    successFactors,
    health: await dealHealthFrom(db, deal, { stakeholders, infoPoints }, settings, now),
    /** The team's threshold settings the health was scored with: the client judges staleness by the same ones. */
    settings,
  };
}
export type DealRoom = Awaited<ReturnType<typeof getDealRoom>>;
