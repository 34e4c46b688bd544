import { accountRouter } from '../routers/account';
import { activityRouter } from '../routers/activity';
import { authRouter } from '../routers/auth';
import { dealRouter } from '../routers/deal';
import { competitorRouter, infoPointRouter, nextStepRouter, successFactorRouter } from '../routers/infoPoint';
import { settingsRouter } from '../routers/settings';
import { userRouter } from '../routers/user';
import { router } from './init';

export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  account: accountRouter,
  deal: dealRouter,
  infoPoint: infoPointRouter,
  nextStep: nextStepRouter,
  competitor: competitorRouter,
  successFactor: successFactorRouter,
  activity: activityRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
