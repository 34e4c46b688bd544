import { loadEnv } from '../env';
import { openDatabase } from './client';
import { applyMigrations } from './migrate';

const env = loadEnv();
const database = openDatabase(env.DATABASE_PATH);
applyMigrations(database.db);
database.close();
console.log(`Migrations applied to ${env.DATABASE_PATH}`);
