/**
 * Bind the app's tables to this run's engine before any test file imports the server, as
 * server/index.ts does before it loads the services (see server/db/tables.ts).
 */
import { bindTables } from '../../server/db/tables';
import { testEngine } from '../helpers/server';

bindTables(testEngine());
