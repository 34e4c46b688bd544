/** `npx tsx bench/import-run.ts`: only the import/export bench (about a minute; `npm run bench` runs it with the rest). */
import { benchImport, printImport } from './import';

printImport(await benchImport());
