/**
 * The sorts and page sizes of a list of deals (SPEC §13), without zod: the client's first
 * page imports these, and the schemas in ./schemas/deal.ts build on them.
 */
/** What a list of deals can be sorted by (SPEC §13); `-name` is the same key, descending. */
export const DEAL_SORT_KEYS = ['closeDate', 'amount', 'name', 'account', 'stage', 'health', 'coverage', 'updatedAt'] as const;
export type DealSortKey = (typeof DEAL_SORT_KEYS)[number];
export type DealSort = DealSortKey | `-${DealSortKey}`;
export const DEAL_SORTS = DEAL_SORT_KEYS.flatMap((key) => [key, `-${key}` as const]) as readonly DealSort[];
export const DEAL_PAGE_DEFAULT = 50;
export const DEAL_PAGE_MAX = 200;

