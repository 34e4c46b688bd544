/**
 * What the map needs of its auto-layout without paying for it: the card size
 * and gaps (cards, reporting lines and the add-person spot use them on every
 * map), and a loader for the layout itself, which pulls in the dagre chunk.
 * A map where everyone has a saved position never calls the loader.
 */
import type { Level, RelationshipKind } from '../../../../shared/domain';
import type * as AutoLayoutModule from './autoLayout';

export interface LayoutPerson {
  id: number;
  contactId: number;
  level: Level;
  reportsToContactId: number | null;
}

/** A relationship of the deal between two people on the map, as the layout sees it. */
export interface LayoutLine {
  id: number;
  fromStakeholderId: number;
  toStakeholderId: number;
  kind: RelationshipKind;
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
}

export type Positions = Map<number, { x: number; y: number }>;

/** Card size and gaps, tuned so the demo's 12-person buying group fits a laptop screen at ~85% zoom. */
export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 216, nodeHeight: 118, columnGap: 32, rowGap: 64 };

type AutoLayout = typeof AutoLayoutModule;
let loading: Promise<AutoLayout> | null = null;

/**
 * The layout module, fetched once per page, as the same promise every time so React's `use` can wait on it.
 * Once it has arrived the promise says so the way `use` reads it (`status`, `value`, as TanStack Query's
 * `query.promise` does), so a render after that never suspends, whoever loaded it first.
 */
export function loadAutoLayout(): Promise<AutoLayout> {
  if (!loading) {
    const promise: Promise<AutoLayout> = import('./autoLayout').then((module) => {
      Object.assign(promise, { status: 'fulfilled', value: module });
      return module;
    });
    loading = promise;
  }
  return loading;
}
