/**
 * What an import would do (SPEC §12), row by row, without writing: each row checked,
 * its references resolved (to records already imported, to rows of the other files, or
 * — for this app's own exports — to local ids), and classified as created, updated or
 * unchanged. `apply.ts` writes a plan that has no error.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { CURRENCIES, DECISION_ROLES, LEVELS, STAGES, type Currency, type DecisionRole, type Level, type Stage } from '../../../shared/domain';
import {
  DEFAULT_ROLE_MAP,
  DEFAULT_STAGE_MAP,
  FALLBACK_ROLE,
  HUBSPOT_STAGE_MAP,
  IMPORT_ERRORS_MAX,
  IMPORT_FILES,
  type ImportField,
  type ImportFile,
  type ImportKind,
  type ImportSource,
} from '../../../shared/import';
import { LIMITS } from '../../../shared/schemas/limits';
import type { TImportRun } from '../../../shared/schemas/import';
import type { SessionUser } from '../../auth/session';
import type { Db, Tx } from '../../db/client';
import { idList, inIdList } from '../../db/dialect';
import { accounts, contacts, deals, importLinks, stakeholders, users } from '../../db/tables';
import type { MessageParams } from '../../../shared/i18n/translator';
import { readSheet, rowIssue, type ImportErrorKey, type RowIssue, type Sheet, type SheetRow } from './sheet';

export interface FileReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Not yet in words: `runImport` renders them in the user's language. */
  errors: RowIssue[];
}

/** A record the plan refers to: one that exists (its id) or one this import creates (its index in the plan). */
export type Ref = { local: number } | { planned: number };
const refKey = (ref: Ref) => ('local' in ref ? `L${ref.local}` : `P${ref.planned}`);

type Action = 'create' | 'update' | 'same';
interface Planned<V> {
  row: number;
  /** The external id; null for a row of this app's own export (local ids, no link). */
  ext: string | null;
  action: Action;
  /** The existing record (update, same). */
  localId: number | null;
  values: V;
  hash: string;
  /** Whether the link (external id → local id, hash) must be written. */
  link: boolean;
}

export interface AccountValues {
  name: string;
  industry: string | null;
}
export interface ContactValues {
  account: Ref;
  name: string;
  title: string | null;
  department: string | null;
  level: Level;
  email: string | null;
  phone: string | null;
  reportsTo: Ref | null;
}
export interface DealValues {
  account: Ref;
  name: string;
  stage: Stage;
  amount: number;
  currency: Currency | undefined;
  closeDate: string;
  ownerId: number;
}
export interface RoleValues {
  deal: Ref;
  contact: Ref;
  decisionRole: DecisionRole;
}

export interface ImportPlan {
  teamId: number;
  source: ImportSource;
  accounts: Planned<AccountValues>[];
  contacts: Planned<ContactValues>[];
  deals: Planned<DealValues>[];
  roles: Planned<RoleValues>[];
  reports: Partial<Record<ImportFile, FileReport>>;
  errorCount: number;
  /** Current rows of the records the plan updates. */
  current: {
    accounts: Map<number, typeof accounts.$inferSelect>;
    contacts: Map<number, typeof contacts.$inferSelect>;
    deals: Map<number, typeof deals.$inferSelect>;
    stakeholders: Map<number, typeof stakeholders.$inferSelect>;
  };
}

const hashOf = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url');
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const EXECUTIVE = /\b(chief|ceo|cfo|cio|cto|coo|cmo|cso|president|vp|svp|evp|vice president|owner|founder|chair(man|woman|person)?|managing director|general manager|board)\b|总裁|董事|总经理|首席|行长/i;
const MANAGEMENT = /\b(director|head|manager|lead|leader|supervisor|principal)\b|经理|主管|总监|主任|处长|部长|科长/i;

/** SPEC §3's level from a job title, when the file has no level column: C-level and VPs lead, managers and directors manage. */
export function levelOfTitle(title: string): Level {
  if (EXECUTIVE.test(title)) return 'executive';
  if (MANAGEMENT.test(title)) return 'management';
  return 'staff';
}

const fold = (text: string) => text.trim().toLowerCase();

/** An ISO day from YYYY-MM-DD (a time after it, as HubSpot writes, is ignored), checked to exist. */
function isoDayOf(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** One file's rows with its report: errors name the column as the file spells it. */
class FileCheck<F extends ImportFile> {
  readonly report: FileReport;
  constructor(
    readonly sheet: Sheet<F>,
    private readonly plan: { errorCount: number },
  ) {
    this.report = { rows: sheet.count, created: 0, updated: 0, unchanged: 0, errors: [] };
    for (const error of sheet.errors) this.push(error);
  }
  private push(error: RowIssue) {
    this.plan.errorCount += 1;
    if (this.report.errors.length < IMPORT_ERRORS_MAX) this.report.errors.push(error);
  }
  column(field: ImportField<F>): string {
    return this.sheet.columns.get(field) ?? field;
  }
  /** A row error: `key` under `import:error.` with its params. */
  error(row: SheetRow<F>, field: ImportField<F>, key: ImportErrorKey, params: MessageParams = {}): null {
    this.push(rowIssue(row.row, this.column(field), key, params));
    return null;
  }
  count(action: Action) {
    if (action === 'create') this.report.created += 1;
    else if (action === 'update') this.report.updated += 1;
    else this.report.unchanged += 1;
  }
  /** Text of at most `max` characters, no control characters; `required` refuses an empty cell. */
  text(row: SheetRow<F>, field: ImportField<F>, max: number, required = false): string | null | undefined {
    const value = row.get(field);
    if (value === '') return required ? (this.error(row, field, 'required'), undefined) : null;
    if (value.length > max) return this.error(row, field, 'tooLong', { max }), undefined;
    if (CONTROL.test(value)) return this.error(row, field, 'control'), undefined;
    return value;
  }
  /** Each external id once per file; the second row with it is the error. */
  unique(row: SheetRow<F>, field: ImportField<F>, seen: Map<string, number>, key: string): boolean {
    const first = seen.get(key);
    if (first !== undefined) {
      this.error(row, field, 'duplicate', { id: key, first });
      return false;
    }
    seen.set(key, row.row);
    return true;
  }
}

type LinkRow = { localId: number; hash: string };

async function loadLinks(db: Db | Tx, teamId: number, source: ImportSource): Promise<Record<ImportKind, Map<string, LinkRow>>> {
  const rows = await db
    .select({ kind: importLinks.kind, externalId: importLinks.externalId, localId: importLinks.localId, hash: importLinks.hash })
    .from(importLinks)
    .where(and(eq(importLinks.teamId, teamId), eq(importLinks.source, source)));
  const links: Record<ImportKind, Map<string, LinkRow>> = { account: new Map(), contact: new Map(), deal: new Map(), contactRole: new Map() };
  for (const row of rows) links[row.kind].set(row.externalId, { localId: row.localId, hash: row.hash });
  return links;
}

const byIds = <T extends { id: number }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
const localIdOf = (text: string): number | null => (/^\d{1,9}$/.test(text) ? Number(text) : null);

/**
 * Check every row of every file and decide what each would do. Reads only; `db` may be an
 * open write transaction (the real run plans inside it, so nothing moves in between).
 */
export async function planImport(db: Db | Tx, user: SessionUser, teamId: number, input: TImportRun): Promise<ImportPlan> {
  const { source } = input;
  const counter = { errorCount: 0 };
  const sheets = {
    accounts: input.files.accounts === undefined ? null : readSheet('accounts', input.files.accounts, source, input.mapping?.columns?.accounts),
    contacts: input.files.contacts === undefined ? null : readSheet('contacts', input.files.contacts, source, input.mapping?.columns?.contacts),
    deals: input.files.deals === undefined ? null : readSheet('deals', input.files.deals, source, input.mapping?.columns?.deals),
    contactRoles: input.files.contactRoles === undefined ? null : readSheet('contactRoles', input.files.contactRoles, source, input.mapping?.columns?.contactRoles),
  };
  const checks = {
    accounts: sheets.accounts && new FileCheck(sheets.accounts, counter),
    contacts: sheets.contacts && new FileCheck(sheets.contacts, counter),
    deals: sheets.deals && new FileCheck(sheets.deals, counter),
    contactRoles: sheets.contactRoles && new FileCheck(sheets.contactRoles, counter),
  };

  const links = await loadLinks(db, teamId, source);
  const teamAccounts = await db.select().from(accounts).where(eq(accounts.teamId, teamId));
  const accountsById = byIds(teamAccounts);
  const accountsByName = new Map(teamAccounts.map((account) => [account.name, account]));
  const teamUsers = await db.select({ id: users.id, email: users.email, active: users.active }).from(users).where(eq(users.teamId, teamId));
  const usersByEmail = new Map(teamUsers.filter((u) => u.active).map((u) => [u.email.toLowerCase(), u.id]));
  const activeMember = new Set(teamUsers.filter((u) => u.active).map((u) => u.id));

  // The existing records any row may name: linked ones, and local ids of this app's own exports.
  const contactIds = new Set<number>([...links.contact.values()].map((link) => link.localId));
  const dealIds = new Set<number>([...links.deal.values()].map((link) => link.localId));
  for (const row of sheets.contacts?.native ? sheets.contacts.rows : []) {
    for (const field of ['id', 'reportsToId'] as const) {
      const id = localIdOf(row.get(field));
      if (id !== null) contactIds.add(id);
    }
  }
  for (const row of sheets.deals?.native ? sheets.deals.rows : []) {
    const id = localIdOf(row.get('id'));
    if (id !== null) dealIds.add(id);
  }
  const existingContacts = byIds(
    contactIds.size === 0
      ? []
      : await db
          .select()
          .from(contacts)
          .where(and(inIdList(contacts.id, sql`${idList([...contactIds])}`), inIdList(contacts.accountId, sql`${idList(teamAccounts.map((a) => a.id))}`))),
  );
  const existingDeals = byIds(
    dealIds.size === 0 ? [] : await db.select().from(deals).where(and(inIdList(deals.id, sql`${idList([...dealIds])}`), eq(deals.teamId, teamId))),
  );
  const stakeholderIds = [...links.contactRole.values()].map((link) => link.localId);
  const existingStakeholders = byIds(stakeholderIds.length === 0 ? [] : await db.select().from(stakeholders).where(inIdList(stakeholders.id, sql`${idList(stakeholderIds)}`)));

  const plan: ImportPlan = {
    teamId,
    source,
    accounts: [],
    contacts: [],
    deals: [],
    roles: [],
    reports: {},
    errorCount: 0,
    current: { accounts: accountsById, contacts: existingContacts, deals: existingDeals, stakeholders: existingStakeholders },
  };

  // ── Accounts ─────────────────────────────────────────────────────────────
  const accountByExt = new Map<string, Ref>();
  const check = checks.accounts;
  if (check) {
    const seen = new Map<string, number>();
    const names = new Map<string, number>();
    for (const row of check.sheet.rows) {
      const ext = check.text(row, 'id', LIMITS.name, true);
      const name = check.text(row, 'name', LIMITS.name, true);
      const industry = check.text(row, 'industry', LIMITS.industry);
      if (ext === undefined || ext === null || name === undefined || name === null || industry === undefined) continue;
      if (!check.unique(row, 'id', seen, ext)) continue;
      const values: AccountValues = { name, industry };
      const hash = hashOf(values);
      const link = links.account.get(ext);
      const linked = link ? accountsById.get(link.localId) : undefined;
      const existing = linked ?? accountsByName.get(name);
      if (existing && accountsByName.get(name) && accountsByName.get(name)!.id !== existing.id) {
        check.error(row, 'name', 'accountNameTaken', { name });
        continue;
      }
      const sameNameRow = names.get(name);
      if (sameNameRow !== undefined) {
        check.error(row, 'name', 'accountNameInFile', { row: sameNameRow, name });
        continue;
      }
      names.set(name, row.row);
      let action: Action;
      if (!existing) action = 'create';
      else if (link && linked && link.hash === hash) action = 'same';
      else action = existing.name === name && (existing.industry ?? null) === industry ? 'same' : 'update';
      accountByExt.set(ext, existing ? { local: existing.id } : { planned: plan.accounts.length });
      plan.accounts.push({ row: row.row, ext, action, localId: existing?.id ?? null, values, hash, link: !link || link.hash !== hash || link.localId !== existing?.id });
      check.count(action);
    }
    plan.reports.accounts = check.report;
  }

  /** An account a contact or deal names: in the accounts file, imported before, or (own export) a local id. */
  const accountRef = (text: string, native: boolean): Ref | null => {
    // HubSpot lists every associated company, separated by semicolons: the first is the primary one.
    const ext = source === 'hubspot' ? (text.split(';')[0] ?? '').trim() : text;
    if (native) {
      const id = localIdOf(ext);
      return id !== null && accountsById.has(id) ? { local: id } : null;
    }
    const inFile = accountByExt.get(ext);
    if (inFile) return inFile;
    const link = links.account.get(ext);
    return link && accountsById.has(link.localId) ? { local: link.localId } : null;
  };

  // ── Contacts ─────────────────────────────────────────────────────────────
  const contactByExt = new Map<string, Ref>();
  const contactAccount = new Map<string, Ref>();
  const contactCheck = checks.contacts;
  if (contactCheck) {
    const { sheet } = contactCheck;
    const seen = new Map<string, number>();
    const pending: { row: SheetRow<'contacts'>; planned: Planned<ContactValues>; reportsToText: string; ext: string }[] = [];
    for (const row of sheet.rows) {
      const ext = contactCheck.text(row, 'id', LIMITS.name, !sheet.native);
      if (ext === undefined || !contactCheck.unique(row, 'id', seen, ext ?? `#${row.row}`)) continue;
      const existing = sheet.native ? (ext === null ? undefined : existingContacts.get(localIdOf(ext) ?? 0)) : existingContacts.get(links.contact.get(ext!)?.localId ?? 0);
      if (sheet.native && ext !== null && !existing) {
        contactCheck.error(row, 'id', 'noContact', { id: ext });
        continue;
      }
      const account = accountRef(row.get('accountId'), sheet.native);
      if (!account) {
        contactCheck.error(row, 'accountId', row.get('accountId') === '' ? 'required' : `noAccount.${source}`, { account: row.get('accountId') });
        continue;
      }
      if (existing && refKey(account) !== `L${existing.accountId}`) {
        contactCheck.error(row, 'accountId', 'contactMoved');
        continue;
      }
      const fullName = sheet.columns.has('name') && row.get('name') !== '' ? row.get('name') : `${row.get('firstName')} ${row.get('lastName')}`.trim();
      if (fullName === '') {
        contactCheck.error(row, sheet.columns.has('lastName') ? 'lastName' : 'name', 'nameMissing');
        continue;
      }
      if (fullName.length > LIMITS.name || CONTROL.test(fullName)) {
        contactCheck.error(row, sheet.columns.has('lastName') ? 'lastName' : 'name', 'nameInvalid', { max: LIMITS.name });
        continue;
      }
      const title = contactCheck.text(row, 'title', LIMITS.jobTitle);
      const department = contactCheck.text(row, 'department', LIMITS.department);
      const email = contactCheck.text(row, 'email', LIMITS.email);
      const phone = contactCheck.text(row, 'phone', LIMITS.phone);
      if (title === undefined || department === undefined || email === undefined || phone === undefined) continue;
      const levelText = fold(row.get('level'));
      if (levelText !== '' && !(LEVELS as readonly string[]).includes(levelText)) {
        contactCheck.error(row, 'level', 'oneOf', { values: LEVELS.join(', ') });
        continue;
      }
      const level: Level = levelText !== '' ? (levelText as Level) : levelOfTitle(title ?? '');
      const key = ext ?? `#${row.row}`;
      const values: ContactValues = { account, name: fullName, title, department, level, email, phone, reportsTo: null };
      const planned: Planned<ContactValues> = { row: row.row, ext: sheet.native ? null : ext, action: existing ? 'update' : 'create', localId: existing?.id ?? null, values, hash: '', link: false };
      contactByExt.set(key, existing ? { local: existing.id } : { planned: plan.contacts.length });
      contactAccount.set(key, account);
      plan.contacts.push(planned);
      pending.push({ row, planned, reportsToText: row.get('reportsToId'), ext: key });
    }
    // Reporting lines once every row is known: a manager may come later in the file.
    const managerOf = new Map<string, string>();
    for (const item of pending) {
      const { row, planned, reportsToText } = item;
      if (reportsToText === '') continue;
      let manager: Ref | null = contactByExt.get(reportsToText) ?? null;
      let managerAccount: Ref | null = contactAccount.get(reportsToText) ?? null;
      if (!manager) {
        const id = sheet.native ? localIdOf(reportsToText) : (links.contact.get(reportsToText)?.localId ?? null);
        const found = id === null ? undefined : existingContacts.get(id);
        if (found) [manager, managerAccount] = [{ local: found.id }, { local: found.accountId }];
      } else managerOf.set(item.ext, reportsToText);
      if (!manager || !managerAccount) {
        contactCheck.error(row, 'reportsToId', 'noManager', { person: reportsToText });
        planned.action = 'same';
        planned.ext = '\u0000error';
        continue;
      }
      if (refKey(managerAccount) !== refKey(planned.values.account)) {
        contactCheck.error(row, 'reportsToId', 'reportsAcross');
        planned.ext = '\u0000error';
        continue;
      }
      if (reportsToText === item.ext) {
        contactCheck.error(row, 'reportsToId', 'reportsSelf');
        planned.ext = '\u0000error';
        continue;
      }
      planned.values.reportsTo = manager;
    }
    // A loop in the file's reporting lines (A → B → A) is an error on each row in it.
    for (const item of pending) {
      const visited = new Set<string>([item.ext]);
      for (let at = managerOf.get(item.ext); at !== undefined; at = managerOf.get(at)) {
        if (at === item.ext) {
          contactCheck.error(item.row, 'reportsToId', 'reportsLoop');
          item.planned.ext = '\u0000error';
          break;
        }
        if (visited.has(at)) break;
        visited.add(at);
      }
    }
    // Classify now that the reporting line is known; the hash names references by their external ids.
    for (const item of pending) {
      const { planned } = item;
      if (planned.ext === '\u0000error') continue;
      const { account: _account, reportsTo: _reportsTo, ...fields } = planned.values;
      planned.hash = hashOf([fields, item.row.get('accountId'), item.reportsToText]);
      const link = planned.ext === null ? undefined : links.contact.get(planned.ext);
      const current = planned.localId === null ? undefined : existingContacts.get(planned.localId);
      if (current) {
        const reportsTo = planned.values.reportsTo;
        const same =
          (link && link.hash === planned.hash) ||
          (current.name === fields.name &&
            current.title === fields.title &&
            current.department === fields.department &&
            current.level === fields.level &&
            current.email === fields.email &&
            current.phone === fields.phone &&
            (current.reportsToContactId === null ? reportsTo === null : reportsTo !== null && refKey(reportsTo) === `L${current.reportsToContactId}`));
        planned.action = same ? 'same' : 'update';
      }
      planned.link = planned.ext !== null && (!link || link.hash !== planned.hash);
      contactCheck.count(planned.action);
    }
    plan.contacts = plan.contacts.filter((planned) => planned.ext !== '\u0000error');
    // Indexes into plan.contacts changed only if a row was dropped — and then the import writes nothing.
    plan.reports.contacts = contactCheck.report;
  }

  /** A person a contact role names: in the contacts file, imported before, or nothing. */
  const contactRef = (ext: string): { ref: Ref; account: Ref } | null => {
    const inFile = contactByExt.get(ext);
    if (inFile) return { ref: inFile, account: contactAccount.get(ext)! };
    const link = links.contact.get(ext);
    const found = link ? existingContacts.get(link.localId) : undefined;
    return found ? { ref: { local: found.id }, account: { local: found.accountId } } : null;
  };

  // ── Deals ────────────────────────────────────────────────────────────────
  const stageMap = new Map<string, Stage>();
  for (const [from, to] of Object.entries(DEFAULT_STAGE_MAP)) stageMap.set(fold(from), to);
  if (source === 'hubspot') for (const [from, to] of Object.entries(HUBSPOT_STAGE_MAP)) stageMap.set(fold(from), to);
  if (source === 'csv') for (const stage of STAGES) stageMap.set(stage, stage);
  for (const [from, to] of Object.entries(input.mapping?.stages ?? {})) stageMap.set(fold(from), to);
  const owners = new Map(Object.entries(input.mapping?.owners ?? {}).map(([from, email]) => [from.trim(), email]));

  const dealByExt = new Map<string, { ref: Ref; account: Ref }>();
  const dealCheck = checks.deals;
  if (dealCheck) {
    const { sheet } = dealCheck;
    const seen = new Map<string, number>();
    for (const row of sheet.rows) {
      const ext = dealCheck.text(row, 'id', LIMITS.name, !sheet.native);
      if (ext === undefined || !dealCheck.unique(row, 'id', seen, ext ?? `#${row.row}`)) continue;
      const existing = sheet.native ? (ext === null ? undefined : existingDeals.get(localIdOf(ext) ?? 0)) : existingDeals.get(links.deal.get(ext!)?.localId ?? 0);
      if (sheet.native && ext !== null && !existing) {
        dealCheck.error(row, 'id', 'noDeal', { id: ext });
        continue;
      }
      const account = accountRef(row.get('accountId'), sheet.native);
      if (!account) {
        dealCheck.error(row, 'accountId', row.get('accountId') === '' ? 'required' : `noAccount.${source}`, { account: row.get('accountId') });
        continue;
      }
      if (existing && refKey(account) !== `L${existing.accountId}`) {
        dealCheck.error(row, 'accountId', 'dealMoved');
        continue;
      }
      const name = dealCheck.text(row, 'name', LIMITS.name, true);
      if (name === undefined || name === null) continue;
      const stageText = row.get('stage');
      const stage = stageMap.get(fold(stageText));
      if (!stage) {
        dealCheck.error(row, 'stage', stageText === '' ? 'required' : 'unknownStage', { stage: stageText });
        continue;
      }
      const amountText = row.get('amount').replace(/[\s,]/g, '');
      const amount = amountText === '' ? 0 : /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(amountText) ? Number(amountText) : Number.NaN;
      if (!Number.isFinite(amount) || amount < 0 || amount > 1e13) {
        dealCheck.error(row, 'amount', 'notAmount', { amount: row.get('amount') });
        continue;
      }
      const currencyText = row.get('currency').toUpperCase();
      if (currencyText !== '' && !(CURRENCIES as readonly string[]).includes(currencyText)) {
        dealCheck.error(row, 'currency', 'oneOf', { values: CURRENCIES.join(', ') });
        continue;
      }
      const closeDate = isoDayOf(row.get('closeDate'));
      if (!closeDate) {
        dealCheck.error(row, 'closeDate', row.get('closeDate') === '' ? 'required' : 'notDate', { date: row.get('closeDate') });
        continue;
      }
      const ownerText = row.get('ownerId');
      let ownerId: number;
      if (sheet.native && ownerText !== '') {
        const id = localIdOf(ownerText);
        if (id === null || !activeMember.has(id)) {
          dealCheck.error(row, 'ownerId', 'noOwnerId', { owner: ownerText });
          continue;
        }
        ownerId = id;
      } else if (ownerText !== '' && owners.has(ownerText)) {
        const email = owners.get(ownerText)!;
        const id = usersByEmail.get(email);
        if (id === undefined) {
          dealCheck.error(row, 'ownerId', 'ownerInactive', { email });
          continue;
        }
        ownerId = id;
      } else if (existing) {
        ownerId = existing.ownerId;
      } else if (activeMember.has(user.id)) {
        ownerId = user.id;
      } else {
        dealCheck.error(row, 'ownerId', 'mapOwner', { owner: ownerText });
        continue;
      }
      const values: DealValues = { account, name, stage, amount, currency: currencyText === '' ? undefined : (currencyText as Currency), closeDate, ownerId };
      const { account: _account, ...fields } = values;
      const hash = hashOf([fields, row.get('accountId')]);
      const key = ext ?? `#${row.row}`;
      const link = sheet.native || ext === null ? undefined : links.deal.get(ext);
      let action: Action = 'create';
      if (existing) {
        const same =
          (link && link.hash === hash) ||
          (existing.name === name &&
            existing.stage === stage &&
            existing.amount === amount &&
            (values.currency === undefined || existing.currency === values.currency) &&
            existing.closeDate === closeDate &&
            existing.ownerId === ownerId);
        action = same ? 'same' : 'update';
      }
      const ref: Ref = existing ? { local: existing.id } : { planned: plan.deals.length };
      dealByExt.set(key, { ref, account });
      plan.deals.push({ row: row.row, ext: sheet.native ? null : ext, action, localId: existing?.id ?? null, values, hash, link: !sheet.native && (!link || link.hash !== hash) });
      dealCheck.count(action);
    }
    plan.reports.deals = dealCheck.report;
  }

  /** A deal a contact role names: in the deals file, or imported before. */
  const dealRef = (ext: string): { ref: Ref; account: Ref } | null => {
    const inFile = dealByExt.get(ext);
    if (inFile) return inFile;
    const link = links.deal.get(ext);
    const found = link ? existingDeals.get(link.localId) : undefined;
    return found ? { ref: { local: found.id }, account: { local: found.accountId } } : null;
  };

  // ── Contact roles → stakeholders ─────────────────────────────────────────
  const roleMap = new Map<string, DecisionRole>();
  for (const [from, to] of Object.entries(DEFAULT_ROLE_MAP)) roleMap.set(fold(from), to);
  for (const role of DECISION_ROLES) if (source === 'csv') roleMap.set(role, role);
  for (const [from, to] of Object.entries(input.mapping?.roles ?? {})) roleMap.set(fold(from), to);

  const roleCheck = checks.contactRoles;
  if (roleCheck) {
    const seen = new Map<string, number>();
    const seenIds = new Map<string, number>();
    // Stakeholders already on the deals the file names, so a role given in the app is found, not added twice.
    const onDeals = new Set<number>();
    const pairs: { row: SheetRow<'contactRoles'>; deal: { ref: Ref; account: Ref }; contact: { ref: Ref; account: Ref } }[] = [];
    for (const row of roleCheck.sheet.rows) {
      const dealText = row.get('dealId');
      const contactText = row.get('contactId');
      const deal = dealText === '' ? null : dealRef(dealText);
      const contact = contactText === '' ? null : contactRef(contactText);
      if (!deal) {
        roleCheck.error(row, 'dealId', dealText === '' ? 'required' : 'noDealRef', { deal: dealText });
        continue;
      }
      if (!contact) {
        roleCheck.error(row, 'contactId', contactText === '' ? 'required' : 'noPersonRef', { person: contactText });
        continue;
      }
      if (row.get('id') !== '' && !roleCheck.unique(row, 'id', seenIds, row.get('id'))) continue;
      if (!roleCheck.unique(row, 'contactId', seen, `${dealText} / ${contactText}`)) continue;
      if (refKey(deal.account) !== refKey(contact.account)) {
        roleCheck.error(row, 'contactId', 'roleAcross');
        continue;
      }
      if ('local' in deal.ref && 'local' in contact.ref) onDeals.add(deal.ref.local);
      pairs.push({ row, deal, contact });
    }
    const onMap = new Map(
      (onDeals.size === 0 ? [] : await db.select().from(stakeholders).where(inIdList(stakeholders.dealId, sql`${idList([...onDeals])}`))).map((s) => [`${s.dealId}/${s.contactId}`, s]),
    );
    for (const { row, deal, contact } of pairs) {
      const roleText = row.get('role');
      const decisionRole = roleMap.get(fold(roleText)) ?? FALLBACK_ROLE;
      const ext = row.get('id') || `${row.get('dealId')}/${row.get('contactId')}`;
      const hash = hashOf([decisionRole, row.get('dealId'), row.get('contactId')]);
      const link = links.contactRole.get(ext);
      const linked = link ? existingStakeholders.get(link.localId) : undefined;
      const existing = linked ?? ('local' in deal.ref && 'local' in contact.ref ? onMap.get(`${deal.ref.local}/${contact.ref.local}`) : undefined);
      const action: Action = !existing ? 'create' : (link && link.hash === hash) || existing.decisionRole === decisionRole ? 'same' : 'update';
      if (existing) existingStakeholders.set(existing.id, existing);
      plan.roles.push({ row: row.row, ext, action, localId: existing?.id ?? null, values: { deal: deal.ref, contact: contact.ref, decisionRole }, hash, link: !link || link.hash !== hash || link.localId !== existing?.id });
      roleCheck.count(action);
    }
    plan.reports.contactRoles = roleCheck.report;
  }

  for (const file of IMPORT_FILES) {
    const fileCheck = checks[file];
    if (fileCheck && !plan.reports[file]) plan.reports[file] = fileCheck.report;
  }
  plan.errorCount = counter.errorCount;
  return plan;
}
