/**
 * `npm run backup -- <file>`: an online backup of the live database (SQLite's
 * backup API), safe while the server is running and writing.
 * Restore: stop the server, copy the backup over DATABASE_PATH, start again.
 */
import Database from 'better-sqlite3';
import { loadEnv } from '../server/env';

const target = process.argv[2];
if (!target) {
  console.error('Usage: npm run backup -- <backup-file.sqlite>');
  process.exit(2);
}
const env = loadEnv();
const source = new Database(env.DATABASE_PATH, { readonly: true, fileMustExist: true });
try {
  await source.backup(target);
  const copy = new Database(target, { readonly: true });
  const check = copy.pragma('integrity_check', { simple: true });
  copy.close();
  if (check !== 'ok') throw new Error(`backup failed its integrity check: ${String(check)}`);
  console.log(`Backed up ${env.DATABASE_PATH} to ${target} (integrity ok)`);
} finally {
  source.close();
}
