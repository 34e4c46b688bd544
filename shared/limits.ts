/** Most calls in one tRPC batch request: the server refuses bigger batches, so the client splits before it. */
export const MAX_TRPC_BATCH = 20;
