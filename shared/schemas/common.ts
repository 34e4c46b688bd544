import { z } from 'zod';

/** Row ids are positive integers; anything else is refused before it reaches SQL. */
export const zId = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
export const zVersion = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

/** A required line of text: trimmed, not empty, bounded. */
export const zName = (max = 200) => z.string().trim().min(1).max(max);
/** Optional free text: trimmed and bounded; empty means "none". */
export const zText = (max = 2000) => z.string().trim().max(max);

/** A calendar date, YYYY-MM-DD, that really exists (no 2026-02-30). */
export const zDate = z.iso.date();
/** An instant, ISO-8601 with an offset (`Z` or `+08:00`). */
export const zDateTime = z.iso.datetime({ offset: true });

export const zAmount = z.number().min(0).max(1e13);
