/** `npx tsx bench/org-run.ts`: only the organisation bench (a few minutes; `npm run bench` runs it with the rest). */
import { execSync } from 'node:child_process';
import { benchOrg, printOrg } from './org';

execSync('node scripts/ensure-build.mjs', { stdio: 'inherit' });

printOrg(await benchOrg([500, 50_000]));
