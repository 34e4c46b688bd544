import { accountRouter } from '../routers/account';
import { activityRouter } from '../routers/activity';
import { authRouter } from '../routers/auth';
import { complaintRouter } from '../routers/complaint';
import { contactRouter } from '../routers/contact';
import { dealRouter } from '../routers/deal';
import { externalAllyRouter } from '../routers/externalAlly';
import { flagRouter } from '../routers/flag';
import { historyRouter } from '../routers/history';
import { competitorRouter, infoPointRouter, nextStepRouter, successFactorRouter } from '../routers/infoPoint';
import { relationshipRouter } from '../routers/relationship';
import { coachingNoteRouter, reviewRouter } from '../routers/review';
import { settingsRouter } from '../routers/settings';
import { stakeholderRouter } from '../routers/stakeholder';
import { standupRouter } from '../routers/standup';
import { teamRouter } from '../routers/team';
import { userRouter } from '../routers/user';
import { router } from './init';

export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  team: teamRouter,
  account: accountRouter,
  complaint: complaintRouter,
  deal: dealRouter,
  infoPoint: infoPointRouter,
  nextStep: nextStepRouter,
  competitor: competitorRouter,
  successFactor: successFactorRouter,
  activity: activityRouter,
  stakeholder: stakeholderRouter,
  relationship: relationshipRouter,
  contact: contactRouter,
  externalAlly: externalAllyRouter,
  flag: flagRouter,
  review: reviewRouter,
  coachingNote: coachingNoteRouter,
  standup: standupRouter,
  history: historyRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
/** The account level's output shapes (SPEC §11), for readers outside the inferred router types. */
export type { AccountContact, AccountDeal, AccountDetail, AccountListItem, Money, Portfolio, PracticeItem, ReviewAccounts, TierChange } from '../services/accountViews';
export type { AccountDto } from '../services/accounts';
export type { ComplaintDto } from '../services/complaints';
export type { AccountActivityDto } from '../services/accountActivities';
export type { TeamAccountSettings } from '../services/accountSettings';
export type { StandupAccountChange } from '../services/accountStandup';
export type { AccountHistoryEvent } from '../services/accountHistory';
