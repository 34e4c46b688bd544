import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import type { LeftOutAmount } from './AccountsPage';
import type { AccountRow } from './model';

export interface AccountList {
  rows: AccountRow[];
  leftOut: LeftOutAmount[];
  baseCurrency: string;
}

/** `account.list` as the list's rows. */
export function useAccountRows() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.account.list.queryOptions(),
    select: (items): AccountList => ({
      baseCurrency: 'USD',
      leftOut: [],
      rows: items.map((item) => ({
        id: item.id,
        name: item.name,
        tier: item.tier,
        suggestedTier: null,
        phase: 'prospect',
        pattern: item.purchasePattern === 'one_off' ? 'one_off' : 'none',
        pseudoKey: false,
        wonTotal: 0,
        openAmount: 0,
        healthStatus: 'healthy',
        flags: [],
      })),
    }),
  });
}
