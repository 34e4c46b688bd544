/** `npx tsx bench/api-run.ts`: only the API bench (about 40 s; `npm run bench` runs it with the rest). */
import { loginAs } from '../test/helpers/api';
import { startTestServer } from '../test/helpers/server';
import { benchApi, printApi } from './api';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const server = await startTestServer();
try {
  const rep = await loginAs(server, 'rep1@demo.test');
  const rich = (await rep.trpc.deal.list.query({})).items.find((d) => d.name === 'Core banking mainframe refresh')!;
  const room = await rep.trpc.deal.get.query({ id: rich.id });
  printApi(await benchApi(server, rep.cookie!, rich.id, room.stakeholders[0]!, seconds), seconds);
} finally {
  await server.stop();
}
