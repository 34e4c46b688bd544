import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/trpc/router';
import { MAX_TRPC_BATCH } from '../../../shared/limits';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Auth and access errors will not fix themselves by retrying.
        retry: (failureCount, error) => failureCount < 2 && !isClientError(error),
        refetchOnWindowFocus: true,
      },
    },
  });
}

export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    // Auto-layout saves every card at once: split into batches the server accepts (it answers 400 to more).
    links: [httpBatchLink({ url: '/trpc', maxURLLength: 4000, maxItems: MAX_TRPC_BATCH })],
  });
}

export type AppClientError = TRPCClientError<AppRouter>;

export function errorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
}

function isClientError(error: unknown): boolean {
  const status = error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
  return status !== undefined && status >= 400 && status < 500;
}

/** The record another user saved, sent back with a CONFLICT. */
export function conflictCurrent<T>(error: unknown): T | undefined {
  if (errorCode(error) !== 'CONFLICT') return undefined;
  return ((error as AppClientError).data as { current?: T } | null | undefined)?.current;
}
