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

/** Everything the deal room shows, read in one go (better-sqlite3 is synchronous, so this is one consistent snapshot). */
export function getDealRoom(db: Db, user: SessionUser, dealId: number, now: Date) {
  const deal = requireDeal(db, user, dealId);
  const stakeholders = listStakeholders(db, deal.id);
  const infoPoints = listInfoPoints(db, deal.id);
  return {
    deal: getDealDto(db, deal.id),
    stakeholders,
    relationships: listRelationships(db, deal.id),
    infoPoints,
    nextSteps: listNextSteps(db, deal.id),
    competitors: listCompetitors(db, deal.id),
    successFactors: listSuccessFactors(db, deal.id),
    health: dealHealthFrom(db, deal, { stakeholders, infoPoints }, now),
  };
}
export type DealRoom = ReturnType<typeof getDealRoom>;
