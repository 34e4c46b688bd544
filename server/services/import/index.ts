/**
 * `import.run` (SPEC §12): plan every row, then — unless it is a dry run or any row has
 * an error — write the plan in one transaction. The real run plans again inside that
 * transaction, so what it writes is checked against the database as it is then.
 */
import type { Locale } from '../../../shared/domain';
import { IMPORT_FILES, type ImportFile } from '../../../shared/import';
import { renderMessage } from '../../../shared/i18n/translator';
import type { TImportRun } from '../../../shared/schemas/import';
import type { SessionUser } from '../../auth/session';
import { writeTransaction, type Db } from '../../db/client';
import { readableTeam } from '../access';
import { applyImport } from './apply';
import { planImport, type FileReport, type ImportPlan } from './plan';
import type { RowError } from './sheet';

export interface ImportResult {
  dryRun: boolean;
  /** Whether the import was written (false for a dry run and for any row error). */
  written: boolean;
  files: Partial<Record<ImportFile, FileReportInWords>>;
}

/** A file's report with its errors in words (SPEC §12: row, column, message). */
export type FileReportInWords = Omit<FileReport, 'errors'> & { errors: RowError[] };

/** Each error rendered in the importing user's language (shared/i18n/<locale>/import.json). */
const inWords = (report: FileReport, locale: Locale): FileReportInWords => ({
  ...report,
  errors: report.errors.map(({ row, column, key, params }) => ({ row, column, message: renderMessage({ key, params }, locale) })),
});

const resultOf = (plan: ImportPlan, dryRun: boolean, written: boolean, locale: Locale): ImportResult => ({
  dryRun,
  written,
  files: Object.fromEntries(IMPORT_FILES.filter((file) => plan.reports[file]).map((file) => [file, inWords(plan.reports[file]!, locale)])),
});

export async function runImport(db: Db, user: SessionUser, input: TImportRun, now: Date): Promise<ImportResult> {
  const teamId = await readableTeam(db, user, input.teamId);
  const dryRun = input.dryRun ?? false;
  if (dryRun) return resultOf(await planImport(db, user, teamId, input), true, false, user.locale);
  return writeTransaction(db, async (tx) => {
    const plan = await planImport(tx, user, teamId, input);
    if (plan.errorCount > 0) return resultOf(plan, false, false, user.locale);
    await applyImport(tx, user, plan, now);
    return resultOf(plan, false, true, user.locale);
  });
}
