import type { Writable } from 'node:stream';
import { DEAL_COLUMNS, type Cell, type DealColumn } from './exportRows';

/** Column widths in characters: wide enough for typical names without hand resizing. */
const WIDTH: Partial<Record<DealColumn, number>> = { name: 36, account: 28, owner: 20, flags: 40, closeDate: 12 };

function value(cell: Cell): string | number | Date {
  if ('number' in cell) return cell.number;
  // A day is midnight UTC: Excel dates have no zone, and exceljs writes the UTC fields.
  if ('day' in cell) return new Date(`${cell.day}T00:00:00Z`);
  // An XLSX cell holds text as text (never evaluated), so no formula guard is needed here.
  return cell.text;
}

/**
 * The deals sheet through exceljs's streaming writer: rows are committed as they are
 * written, so memory stays flat for a big pipeline (ADR 0019).
 */
export async function writeDealsXlsx(out: Writable, rows: Record<DealColumn, Cell>[]): Promise<void> {
  // Loaded on the first spreadsheet, not at start: exceljs and its zip writer hold ~12 MB
  // of the server's memory that most instances never use (docs/decisions/0031).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Deals', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = DEAL_COLUMNS.map((key) => ({
    header: key,
    key,
    width: WIDTH[key] ?? 14,
    ...(key === 'closeDate' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for (const row of rows) {
    sheet.addRow(DEAL_COLUMNS.map((key) => value(row[key]))).commit();
  }
  sheet.commit();
  await workbook.commit();
}
