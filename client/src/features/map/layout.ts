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

let loaded: AutoLayout | null = null;

/** The layout module, fetched once per page (a failed download is asked for again next time). */
export function loadAutoLayout(): Promise<AutoLayout> {
  loading ??= import('./autoLayout').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * The layout module for a render: at once once it has arrived, whoever loaded it first; until then the
 * component suspends (the promise thrown to the nearest Suspense boundary, which renders again when it settles).
 */
export function readAutoLayout(): AutoLayout {
  if (loaded) return loaded;
  throw loadAutoLayout();
}
