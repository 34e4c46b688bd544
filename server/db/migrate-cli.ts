import { loadEnv } from '../env';
import { openConfiguredDatabase } from './client';
import { applyMigrations } from './migrate';

const env = loadEnv();
const database = openConfiguredDatabase(env);
await applyMigrations(database);
await database.close();
console.log(`Migrations applied to ${database.engine === 'postgres' ? 'PostgreSQL' : env.DATABASE_PATH}`);
