// `npm start` right after `npm ci`: build the client once if there is no build yet.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/client/index.html')) {
  console.log('No client build found: building it once (npm run build)…');
  execSync('npm run build', { stdio: 'inherit' });
}
