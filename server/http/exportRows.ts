import { THRESHOLD_KEYS, type ThresholdKey } from '../../shared/domain';
import type { ContactDto } from '../services/contacts';
import type { DealWithHealth } from '../services/dealList';

/**
 * The deals sheet, one definition for CSV and XLSX (docs/decisions/0019-export-files.md).
 * Headers are fixed English keys, not translated: they are what a `source: 'csv'` import
 * maps back, so they must not change with the reader's language.
 */
export const DEAL_COLUMNS = [
  'id',
  'name',
  'accountId',
  'account',
  'ownerId',
  'owner',
  'stage',
  'status',
  'amount',
  'currency',
  'closeDate',
  'health',
  ...THRESHOLD_KEYS.map((key) => `threshold.${key}` as const),
  'coverageInfluencePct',
  'flags',
] as const;
export type DealColumn = (typeof DEAL_COLUMNS)[number];

/** A cell: text, a number, or an ISO day (YYYY-MM-DD) that XLSX writes as a real date. */
export type Cell = { text: string } | { number: number } | { day: string };

const thresholdCell = (deal: DealWithHealth, key: ThresholdKey): Cell => ({ text: deal.health.thresholds[key].passed ? 'yes' : 'no' });

export function dealRow(deal: DealWithHealth): Record<DealColumn, Cell> {
  return {
    id: { number: deal.id },
    name: { text: deal.name },
    accountId: { number: deal.accountId },
    account: { text: deal.accountName },
    ownerId: { number: deal.ownerId },
    owner: { text: deal.ownerName },
    stage: { text: deal.stage },
    status: { text: deal.status },
    amount: { number: deal.amount },
    currency: { text: deal.currency },
    closeDate: { day: deal.closeDate },
    health: { text: deal.health.status },
    'threshold.information': thresholdCell(deal, 'information'),
    'threshold.relationships': thresholdCell(deal, 'relationships'),
    'threshold.topDecisionMaker': thresholdCell(deal, 'topDecisionMaker'),
    // Scoring keeps a 0..1 ratio; a spreadsheet reader expects the percent the app shows (one decimal).
    coverageInfluencePct: { number: Math.round(deal.health.coverage.influence * 1000) / 10 },
    // Codes, not sentences: stable and language-free; the app explains each one.
    flags: { text: deal.health.flags.map((flag) => flag.code).join('; ') },
  };
}

/** Contacts: ids and phone numbers are text, so a leading zero survives any spreadsheet. */
export const CONTACT_COLUMNS = ['id', 'accountId', 'name', 'title', 'department', 'level', 'reportsToContactId', 'email', 'phone', 'leftAt'] as const;

export function contactRow(contact: ContactDto): Record<(typeof CONTACT_COLUMNS)[number], string> {
  return {
    id: String(contact.id),
    accountId: String(contact.accountId),
    name: contact.name,
    title: contact.title ?? '',
    department: contact.department ?? '',
    level: contact.level ?? '',
    reportsToContactId: contact.reportsToContactId === null ? '' : String(contact.reportsToContactId),
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    leftAt: contact.leftAt ?? '',
  };
}

/**
 * CSV injection (OWASP): a spreadsheet runs a cell starting with = + - @ (or tab/CR) as a
 * formula. Such text gets a leading apostrophe, which Excel shows as text and hides; the
 * `source: 'csv'` import strips exactly this apostrophe again (ADR 0019).
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A cell as CSV text: numbers plain, days ISO, text guarded. */
export function csvCell(cell: Cell): string {
  if ('number' in cell) return String(cell.number);
  if ('day' in cell) return cell.day;
  return guardFormula(cell.text);
}
