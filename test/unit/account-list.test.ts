/** The Accounts list's filters and sorts (client/src/features/accounts/model.ts): pure, over rows as account.list gives them. */
import { describe, expect, it } from 'vitest';
import type { AccountFlagCode } from '../../shared/accounts';
import { filterAndSort, type AccountRow } from '../../client/src/features/accounts/model';
import type { AccountFilters } from '../../client/src/features/accounts/useAccountFilters';

const row = (id: number, name: string, fields: Partial<AccountRow> = {}): AccountRow => ({
  id,
  name,
  tier: 'B',
  suggestedTier: 'B',
  phase: 'establish',
  pattern: 'recurring',
  pseudoKey: false,
  wonTotal: 0,
  openAmount: 0,
  currency: 'USD',
  leftOut: [],
  ownerId: null,
  healthStatus: 'healthy',
  flags: [],
  ...fields,
});
const flag = (code: AccountFlagCode) => ({ code, severity: 'warning' as const, message: code, key: `account.${code}`, params: {} });

const ROWS: AccountRow[] = [
  row(1, 'Harbor Bank', { tier: 'A', wonTotal: 900, phase: 'stabilize', ownerId: 7 }),
  row(2, 'Eastern Telecom', { tier: 'A', wonTotal: 6400, pseudoKey: true, pattern: 'one_off', healthStatus: 'at_risk', flags: [flag('PSEUDO_KEY_ACCOUNT'), flag('KEY_CONTACT_SILENT')] }),
  row(3, 'Northwind', { tier: 'C', openAmount: 120, healthStatus: 'watch', flags: [flag('OPEN_COMPLAINT')] }),
  row(4, 'Apex', { tier: 'B', healthStatus: 'at_risk', flags: [flag('ORDERS_DECLINING')] }),
];
const names = (filters: Partial<AccountFilters>) => filterAndSort(ROWS, { sort: 'health', ...filters }).map((r) => r.name);

describe('the Accounts list', () => {
  it('puts the accounts most at risk first by default: at risk (most flags first), then watch, then healthy', () => {
    expect(names({})).toEqual(['Eastern Telecom', 'Apex', 'Northwind', 'Harbor Bank']);
  });

  it('filters by tier, phase, health, one-off buyers, key-account manager and name, together', () => {
    expect(names({ tier: 'A' })).toEqual(['Eastern Telecom', 'Harbor Bank']);
    expect(names({ phase: 'stabilize' })).toEqual(['Harbor Bank']);
    expect(names({ health: 'at_risk' })).toEqual(['Eastern Telecom', 'Apex']);
    expect(names({ pseudo: 'yes' })).toEqual(['Eastern Telecom']);
    expect(names({ pseudo: 'no', tier: 'A' })).toEqual(['Harbor Bank']);
    expect(names({ tier: 'C', health: 'healthy' })).toEqual([]);
    expect(names({ q: 'BANK' })).toEqual(['Harbor Bank']);
    expect(names({ ownerId: 7 })).toEqual(['Harbor Bank']);
    expect(names({ q: 'e', tier: 'A' })).toEqual(['Eastern Telecom']);
  });

  it('sorts by name, tier and money, and a minus turns the order round', () => {
    expect(names({ sort: 'name' })).toEqual(['Apex', 'Eastern Telecom', 'Harbor Bank', 'Northwind']);
    expect(names({ sort: '-name' })).toEqual(['Northwind', 'Harbor Bank', 'Eastern Telecom', 'Apex']);
    expect(names({ sort: 'tier' })).toEqual(['Eastern Telecom', 'Harbor Bank', 'Apex', 'Northwind']);
    // Money sorts biggest first: what anyone clicking "Won" wants to see.
    expect(names({ sort: 'wonTotal' })).toEqual(['Eastern Telecom', 'Harbor Bank', 'Apex', 'Northwind']);
    expect(names({ sort: 'openAmount' })[0]).toBe('Northwind');
  });

  it('leaves the rows it was given untouched', () => {
    const before = ROWS.map((r) => r.id);
    filterAndSort(ROWS, { sort: '-name' });
    expect(ROWS.map((r) => r.id)).toEqual(before);
  });
});
