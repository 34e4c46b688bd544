import { z } from 'zod';
import { DECISION_ROLES, STAGES } from '../domain';
import { IMPORT_FIELDS, IMPORT_MAPPING_MAX, IMPORT_MAX_BYTES, IMPORT_SOURCES } from '../import';
import { zId } from './common';
import { LIMITS } from './limits';

/** UTF-8 bytes of a string, without allocating its encoding (a call may carry 20 MB). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One file's CSV text; the 20 MB bound is on all files together (below). */
const zCsvText = z.string().max(IMPORT_MAX_BYTES);

/** A header of the user's file, or a value of theirs (a stage name, an owner id) a mapping names. */
const zLabel = z.string().trim().min(1).max(LIMITS.name);
const bounded = <T extends z.ZodType>(schema: T) =>
  schema.refine((record) => Object.keys(record as object).length <= IMPORT_MAPPING_MAX, `at most ${IMPORT_MAPPING_MAX} entries`);

const columnsOf = <F extends keyof typeof IMPORT_FIELDS>(file: F) => z.partialRecord(z.enum(IMPORT_FIELDS[file]), zLabel).optional();

export const ZImportRunSchema = z
  .strictObject({
    source: z.enum(IMPORT_SOURCES),
    files: z
      .strictObject({ accounts: zCsvText.optional(), contacts: zCsvText.optional(), deals: zCsvText.optional(), contactRoles: zCsvText.optional() })
      .refine((files) => Object.values(files).some((text) => text !== undefined), 'give at least one file'),
    mapping: z
      .strictObject({
        /** Per file: which header of the file holds each field (`{deals: {name: 'Opportunity'}}`). */
        columns: z
          .strictObject({ accounts: columnsOf('accounts'), contacts: columnsOf('contacts'), deals: columnsOf('deals'), contactRoles: columnsOf('contactRoles') })
          .optional(),
        /** A stage of the file → a Deal Room stage; over the defaults of SPEC §12. */
        stages: bounded(z.record(zLabel, z.enum(STAGES))).optional(),
        /** A contact role of the file → a decision role; over the defaults of SPEC §12. */
        roles: bounded(z.record(zLabel, z.enum(DECISION_ROLES))).optional(),
        /** An owner id (or name) of the file → the email of a user of the team. */
        owners: bounded(z.record(zLabel, z.string().trim().toLowerCase().max(LIMITS.email).pipe(z.email()))).optional(),
      })
      .optional(),
    dryRun: z.boolean().optional(),
    /** The team to import into: the caller's own unless they name another they manage (admins: any). */
    teamId: zId.optional(),
  })
  .superRefine((input, ctx) => {
    const bytes = Object.values(input.files).reduce((sum, text) => sum + (text === undefined ? 0 : utf8Bytes(text)), 0);
    if (bytes > IMPORT_MAX_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: `one import takes at most ${megabytes(IMPORT_MAX_BYTES)} of files in all; these are ${megabytes(bytes)} — split them into several imports` });
    }
  });
export type TImportRun = z.infer<typeof ZImportRunSchema>;
