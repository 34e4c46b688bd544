/**
 * What the map needs of its auto-layout without paying for it: the card size
 * and gaps (cards, reporting lines and the add-person spot use them on every
 * map), and a loader for the layout itself, which pulls in the dagre chunk.
 * A map where everyone has a saved position never calls the loader.
 */
import type { Level, RelationshipKind } from '../../../../shared/domain';
import { useSyncExternalStore } from 'react';
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
/** Where the chunk is, for the hook below: a render after it arrived reads the module at once. */
let state: { module: AutoLayout | null; error: unknown } = { module: null, error: null };
const listeners = new Set<() => void>();
const settle = (next: typeof state) => {
  state = next;
  for (const listener of listeners) listener();
};

/** The layout module, fetched once per page (a chunk that failed to arrive is asked for again next time). */
export function loadAutoLayout(): Promise<AutoLayout> {
  loading ??= import('./autoLayout').then(
    (module) => {
      settle({ module, error: null });
      return module;
    },
    (error: unknown) => {
      loading = null;
      settle({ module: null, error });
      throw error;
    },
  );
  return loading;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const snapshot = () => state;

/**
 * The layout module for a screen that needs it (`needed`: someone has no saved position), or null while
 * it loads — the screen then shows its loading state and draws the cards once, in their places, rather
 * than a heap that jumps a moment later. Not `use()` (React 19 only) nor a Suspense boundary: a
 * suspension's fallback makes React hold the revealed map back for up to 300 ms. A failed chunk
 * throws to the error boundary, as a failed screen does. With `needed` false it never loads anything.
 */
export function useAutoLayout(needed: boolean): AutoLayout | null {
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  // Asked for in render, not in an effect: the request goes out before the rest of the screen renders.
  if (needed && !current.module && !loading) {
    if (current.error) throw current.error;
    void loadAutoLayout().catch(() => undefined);
  }
  return needed ? current.module : null;
}
