/**
 * A CSV file of an import as rows of named fields (SPEC §12): parsed by csv-parse
 * (RFC 4180: quoted commas, quotes and newlines, CRLF or LF, a UTF-8 BOM or none),
 * every cell kept as text, and each source's headers read as the fields they mean.
 * docs/decisions/0023-import.md lists the headers.
 */
import { parse } from 'csv-parse/sync';
import { IMPORT_FIELDS, type ImportField, type ImportFile, type ImportSource } from '../../../shared/import';
import type enImport from '../../../shared/i18n/en/import.json';
import type { MessageParams } from '../../../shared/i18n/translator';

export interface RowError {
  /** 1-based data row (the header is not counted); 0 for the file as a whole. */
  row: number;
  /** The header as the file spells it, or the field when the file has no such column. */
  column: string;
  /** In the importing user's language. */
  message: string;
}

/** A row error before it is rendered: a key of the `import` namespace (shared/i18n/<locale>/import.json) and its params. */
export interface RowIssue {
  row: number;
  column: string;
  key: string;
  params: MessageParams;
}

type Paths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}` }[keyof T & string];
/** A sentence of `import:error` (shared/i18n/en/import.json), checked at compile time. */
export type ImportErrorKey = Paths<typeof enImport.error>;

/** An issue with `key` under `import:error.`. */
export const rowIssue = (row: number, column: string, key: ImportErrorKey, params: MessageParams = {}): RowIssue => ({ row, column, key: `import:error.${key}`, params });

export interface SheetRow<F extends ImportFile> {
  row: number;
  get(field: ImportField<F>): string;
}

export interface Sheet<F extends ImportFile> {
  file: F;
  rows: SheetRow<F>[];
  /** The header of the file that holds each field it has. */
  columns: Map<ImportField<F>, string>;
  /** A Deal Room export read back (source csv, the export's own header): ids are this app's ids. */
  native: boolean;
  /** File-level problems: not CSV, a required column missing. Rows are not read then. */
  errors: RowIssue[];
  /** Data rows in the file, read or not. */
  count: number;
}

/** Headers each source writes, per field; matched without regard to case or surrounding spaces. */
type Aliases = { [F in ImportFile]: Partial<Record<ImportField<F>, readonly string[]>> };

const SALESFORCE: Aliases = {
  accounts: { id: ['Id'], name: ['Name'], industry: ['Industry'] },
  contacts: {
    id: ['Id'],
    accountId: ['AccountId'],
    firstName: ['FirstName'],
    lastName: ['LastName'],
    name: ['Name'],
    title: ['Title'],
    department: ['Department'],
    email: ['Email'],
    phone: ['Phone', 'MobilePhone'],
    reportsToId: ['ReportsToId'],
  },
  deals: { id: ['Id'], accountId: ['AccountId'], name: ['Name'], stage: ['StageName'], amount: ['Amount'], currency: ['CurrencyIsoCode'], closeDate: ['CloseDate'], ownerId: ['OwnerId'] },
  contactRoles: { id: ['Id'], dealId: ['OpportunityId'], contactId: ['ContactId'], role: ['Role'] },
};

/** HubSpot's export labels (Companies, Contacts, Deals); associations as "Associated Company IDs". */
const ASSOCIATED_COMPANY = ['Associated Company IDs', 'Associated Company IDs (Primary)', 'Associated Company ID', 'Company ID'];
const HUBSPOT: Aliases = {
  accounts: { id: ['Record ID', 'Company ID'], name: ['Company name', 'Name'], industry: ['Industry'] },
  contacts: {
    id: ['Record ID', 'Contact ID'],
    accountId: ASSOCIATED_COMPANY,
    firstName: ['First Name'],
    lastName: ['Last Name'],
    title: ['Job Title'],
    department: ['Department'],
    email: ['Email'],
    phone: ['Phone Number', 'Mobile Phone Number'],
  },
  deals: { id: ['Record ID', 'Deal ID'], accountId: ASSOCIATED_COMPANY, name: ['Deal Name'], stage: ['Deal Stage'], amount: ['Amount'], currency: ['Currency'], closeDate: ['Close Date'], ownerId: ['Deal owner'] },
  contactRoles: { id: ['Record ID'], dealId: ['Deal ID', 'Associated Deal IDs'], contactId: ['Contact ID', 'Associated Contact IDs'], role: ['Role', 'Association label'] },
};

/** Generic CSV: the field names themselves, and the headers of this app's own exports. */
const CSV: Aliases = {
  accounts: {},
  contacts: { reportsToId: ['reportsToContactId'] },
  deals: {},
  contactRoles: {},
};

const ALIASES: Record<ImportSource, Aliases> = { salesforce: SALESFORCE, hubspot: HUBSPOT, csv: CSV };

/** What a file must have for its rows to be read. `name|lastName`: either will do. */
const REQUIRED: { [F in ImportFile]: (ImportField<F> | readonly ImportField<F>[])[] } = {
  accounts: ['id', 'name'],
  contacts: ['id', 'accountId', ['name', 'lastName']],
  deals: ['id', 'accountId', 'name', 'stage', 'closeDate'],
  contactRoles: ['dealId', 'contactId'],
};

/** The headers of this app's exports (server/http/exportRows.ts), in order: such a file carries local ids. */
const NATIVE_HEADERS: Partial<Record<ImportFile, readonly string[]>> = {
  deals: ['id', 'name', 'accountId', 'account', 'ownerId', 'owner', 'stage', 'status', 'amount', 'currency', 'closeDate', 'health', 'threshold.information', 'threshold.relationships', 'threshold.topDecisionMaker', 'coverageInfluencePct', 'flags'],
  contacts: ['id', 'accountId', 'name', 'title', 'department', 'level', 'reportsToContactId', 'email', 'phone', 'leftAt'],
};

/**
 * One cell as data: trimmed, line breaks inside it as \n (a CRLF file quotes CRLF), and
 * without the apostrophe this app's export puts before text that a spreadsheet would
 * run as a formula (= + - @ tab CR; ADR 0019).
 */
export function cellText(value: string): string {
  const unguarded = /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
  return unguarded.replace(/\r\n?/g, '\n').trim();
}

const fold = (header: string) => header.trim().toLowerCase();

export function readSheet<F extends ImportFile>(file: F, text: string, source: ImportSource, mapped: Partial<Record<ImportField<F>, string>> | undefined): Sheet<F> {
  const sheet: Sheet<F> = { file, rows: [], columns: new Map(), native: false, errors: [], count: 0 };
  if (text.includes('\u0000')) {
    sheet.errors.push(rowIssue(0, '', 'notCsv'));
    return sheet;
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as string[][];
  } catch (error) {
    const info = error as { message?: string; records?: number };
    sheet.errors.push(rowIssue(Math.max(0, (info.records ?? 1) - 1), '', 'invalidCsv', { detail: info.message ?? 'unreadable' }));
    return sheet;
  }
  sheet.count = Math.max(0, records.length - 1);
  const header = records[0]?.map((name) => name.replace(/^\uFEFF/, '').trim()) ?? [];
  if (header.length === 0) {
    sheet.errors.push(rowIssue(0, '', 'empty'));
    return sheet;
  }
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!index.has(fold(name))) index.set(fold(name), i);
  });
  const native = source === 'csv' && !mapped && NATIVE_HEADERS[file]?.join('\n') === header.join('\n');
  sheet.native = native;

  const positions = new Map<ImportField<F>, number>();
  const aliases = ALIASES[source][file] as Partial<Record<ImportField<F>, readonly string[]>>;
  for (const field of IMPORT_FIELDS[file] as readonly ImportField<F>[]) {
    const wanted = mapped?.[field];
    if (wanted !== undefined) {
      const at = index.get(fold(wanted));
      if (at === undefined) sheet.errors.push(rowIssue(0, wanted, 'mappedColumnMissing', { column: wanted, field }));
      else positions.set(field, at);
      continue;
    }
    const names = [...(aliases[field] ?? []), ...(source === 'csv' ? [field] : [])];
    const at = names.map((name) => index.get(fold(name))).find((i) => i !== undefined);
    if (at !== undefined) positions.set(field, at);
  }
  for (const need of REQUIRED[file] as (ImportField<F> | readonly ImportField<F>[])[]) {
    const options = (typeof need === 'string' ? [need] : need) as ImportField<F>[];
    if (options.some((field) => positions.has(field))) continue;
    // A Deal Room export may leave a new deal's id empty, but the column is there anyway.
    const expected = options.map((field) => aliases[field]?.[0] ?? field).join(' or ');
    sheet.errors.push(rowIssue(0, expected, source === 'csv' ? 'noColumnMap' : 'noColumn', { column: expected }));
  }
  for (const [field, at] of positions) sheet.columns.set(field, header[at]!);
  if (sheet.errors.length > 0) return sheet;
  sheet.rows = records.slice(1).map((record, i) => ({
    row: i + 1,
    get: (field: ImportField<F>) => {
      const at = positions.get(field);
      return at === undefined ? '' : cellText(record[at] ?? '');
    },
  }));
  return sheet;
}

