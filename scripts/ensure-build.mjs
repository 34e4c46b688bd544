// `npm start` (its prestart) right after `npm ci` or a `git pull`: build the client and the
// server when their build is missing or older than what it is built from, so plain Node can
// serve them. `node scripts/ensure-build.mjs server` checks the server only (the tests).
import { execSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, SERVER_OUT } from './build-server.mjs';

const shared = ['shared', 'package.json', 'package-lock.json'];

const builds = {
  client: {
    output: 'dist/client/index.html',
    inputs: ['client', 'vite.config.ts', ...shared],
    build: () => execSync('npm run build:client', { stdio: 'inherit' }),
  },
  server: {
    output: `${SERVER_OUT}/index.js`,
    inputs: ['server', 'scripts/build-server.mjs', ...shared],
    build: buildServer,
  },
};

/**
 * The newest modification time of a file, or of a folder and anything under it (0 if
 * absent). A folder's own time changes when a file in it is added, removed or renamed.
 */
function newest(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((latest, entry) => Math.max(latest, newest(join(path, entry))), stats.mtimeMs);
}

const wanted = process.argv.slice(2);
for (const [name, { output, inputs, build }] of Object.entries(builds)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const built = newest(output);
  // A cheap check (a few hundred stat calls): a file edited, added, removed, pulled or
  // checked out after the build makes it stale.
  if (built > 0 && inputs.every((input) => newest(input) <= built)) continue;
  console.log(`The ${name} build is ${built === 0 ? 'missing' : 'older than its sources'}: building it (npm run build:${name})…`);
  await build();
}
