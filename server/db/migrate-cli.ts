import { loadEnv } from '../env';
import { openDatabase } from './client';
import { applyMigrations } from './migrate';

const env = loadEnv();
const database = openDatabase(env.DATABASE_PATH);
// Migrations write, so they run on the writer's connection: `database.db` reads only outside a write transaction.
applyMigrations(database);
database.close();
console.log(`Migrations applied to ${env.DATABASE_PATH}`);
