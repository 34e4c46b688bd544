// `npm run build:server`: the server as one ES module, dist/server/index.js, that plain Node
// runs (no TypeScript loader in production: docs/decisions/0021-server-build.md).
import { chmodSync, cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const SERVER_OUT = 'dist/server';

// The migrators find their SQL folders next to their own module (`new URL('./migrations',
// import.meta.url)`); in the bundle that module is dist/server/index.js, so the folders go
// beside it and the bundle needs nothing from the source tree.
const MIGRATION_FOLDERS = ['server/db/migrations', 'server/db/migrations-pg'];

export async function buildServer() {
  // Built aside, then moved into place: a test or a second `npm start` building at the same
  // moment never runs half a bundle, and old files (a renamed migration) never linger.
  mkdirSync('dist', { recursive: true });
  const staging = mkdtempSync('dist/.server-');
  chmodSync(staging, 0o755); // mkdtemp makes it private; the app may run as another user (Dockerfile)
  try {
    await build({
      entryPoints: ['server/index.ts'],
      outfile: join(staging, 'index.js'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Every npm package stays an import from node_modules: native modules (better-sqlite3,
      // @node-rs/argon2) cannot be bundled, and the others load the way they do in development.
      packages: 'external',
      sourcemap: true,
      logLevel: 'warning',
    });
    for (const folder of MIGRATION_FOLDERS) {
      cpSync(folder, join(staging, folder.slice(folder.lastIndexOf('/') + 1)), { recursive: true });
    }
    rmSync(SERVER_OUT, { recursive: true, force: true });
    try {
      renameSync(staging, SERVER_OUT);
    } catch (error) {
      // Another build landed first, from the same sources: keep it.
      if (!['ENOTEMPTY', 'EEXIST'].includes(error.code)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildServer();
  console.log(`Server built into ${SERVER_OUT}/index.js`);
}
