import { z } from 'zod';

/** The largest id and version either engine stores: PostgreSQL's `integer` (SQLite's is wider). */
export const MAX_ROW_INT = 2_147_483_647;

/** Row ids are positive integers; anything else is refused before it reaches SQL. */
export const zId = z.int().min(1).max(MAX_ROW_INT);
export const zVersion = z.int().min(1).max(MAX_ROW_INT);

/**
 * C0 control characters and DEL, except tab, line feed and carriage return: they
 * have no place in a name or a note, and NUL or escape codes only cause trouble
 * downstream (terminals, CSV exports, other systems).
 */
function noControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return false;
  }
  return true;
}
const CONTROL_MESSAGE = 'must not contain control characters';

/** A required line of text: trimmed, not empty, bounded by one of `LIMITS` (./limits). */
export const zName = (max: number) => z.string().trim().min(1).max(max).refine(noControlCharacters, CONTROL_MESSAGE);
/** Optional free text: trimmed and bounded by one of `LIMITS` (./limits); empty means "none". */
export const zText = (max: number) => z.string().trim().max(max).refine(noControlCharacters, CONTROL_MESSAGE);

/** A calendar date, YYYY-MM-DD, that really exists (no 2026-02-30). */
export const zDate = z.iso.date();
/** An instant, ISO-8601 with an offset (`Z` or `+08:00`). */
export const zDateTime = z.iso.datetime({ offset: true });

export const zAmount = z.number().min(0).max(1e13);
