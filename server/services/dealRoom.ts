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

/**
 * Everything the deal room shows, read in one go. The reads are awaited one after another,
 * each seeing the last commit, so a write committed between two of them shows in the later
 * ones only: unlike the synchronous reads before, this is not one snapshot.
 */
export async function getDealRoom(db: Db, user: SessionUser, dealId: number, now: Date) {
  const deal = await requireDeal(db, user, dealId);
  const stakeholders = await listStakeholders(db, deal.id);
  const infoPoints = await listInfoPoints(db, deal.id);
  return {
    deal: await getDealDto(db, deal.id),
    stakeholders,
    relationships: await listRelationships(db, deal.id),
    infoPoints,
    nextSteps: await listNextSteps(db, deal.id),
    competitors: await listCompetitors(db, deal.id),
    successFactors: await listSuccessFactors(db, deal.id),
    health: await dealHealthFrom(db, deal, { stakeholders, infoPoints }, now),
  };
}
export type DealRoom = Awaited<ReturnType<typeof getDealRoom>>;
