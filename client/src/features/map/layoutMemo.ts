/**
 * The auto-layout's places, remembered on this device (ADR 36). The layout is pure and
 * deterministic (autoLayout.ts): the same people, reporting lines and relationships always get the
 * same places. A map whose buying group has not changed since this device last laid it out reads
 * them back, without loading or running dagre — on the demo deal 20–45 ms of the first paint, most
 * of it compiling dagre's code afresh on every page load, plus the wait for its chunk. A new person,
 * a new boss or a new relationship is a new group, laid out by dagre again.
 *
 * Kept in localStorage under one key: the most recently opened maps, each keyed by a hash of
 * exactly what the layout reads and the layout's version. Storage that is off or full only means
 * dagre runs, as it did before.
 */
import { DEFAULT_LAYOUT, type LayoutLine, type LayoutPerson, type Positions } from './layout';

/** Bump whenever autoLayout.ts (or DEFAULT_LAYOUT) would place the same group differently. */
export const LAYOUT_VERSION = 1;
const STORAGE_KEY = 'dealroom.autoLayout';
/** Maps kept per device: a rep's open deals, not the whole pipeline (a 300-person map is ~6 kB). */
export const KEPT_LAYOUTS = 16;

/** [stakeholder id, x, y] for everyone the layout placed. */
type Places = [number, number, number][];
interface Entry {
  key: string;
  places: Places;
}

/**
 * A 53-bit string hash (cyrb53, public domain): the key of a group, short enough to keep many and
 * wide enough that two groups of one device never share one by chance.
 */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Everything the layout reads, in a fixed order (it sorts people and lines by id itself), hashed. */
export function layoutKey(people: readonly LayoutPerson[], lines: readonly LayoutLine[]): string {
  const { nodeWidth, nodeHeight, columnGap, rowGap } = DEFAULT_LAYOUT;
  const parts = [`v${LAYOUT_VERSION}`, nodeWidth, nodeHeight, columnGap, rowGap, '|'];
  for (const p of [...people].sort((a, b) => a.id - b.id)) parts.push(p.id, p.contactId, p.level, p.reportsToContactId ?? '-');
  parts.push('|');
  for (const l of [...lines].sort((a, b) => a.id - b.id)) parts.push(l.id, l.fromStakeholderId, l.toStakeholderId);
  return hash(parts.join(','));
}

/** A device's remembered layouts: read from storage once per page, then kept in memory and written through. */
export interface LayoutMemo {
  recall(people: readonly LayoutPerson[], lines: readonly LayoutLine[]): Positions | null;
  remember(people: readonly LayoutPerson[], lines: readonly LayoutLine[], positions: Positions): void;
}

const isPlaces = (value: unknown): value is Places =>
  Array.isArray(value) && value.every((place) => Array.isArray(place) && place.length === 3 && place.every((n) => typeof n === 'number' && Number.isFinite(n)));

function readEntries(storage: Storage | null): Entry[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]');
    // Anything else in the key (an older shape, a hand edit) is ignored: the maps are laid out again.
    return Array.isArray(parsed) ? parsed.filter((entry): entry is Entry => typeof entry?.key === 'string' && isPlaces(entry.places)) : [];
  } catch {
    return [];
  }
}

export function createLayoutMemo(storage: Storage | null): LayoutMemo {
  let entries: Entry[] | null = null;
  const load = () => (entries ??= readEntries(storage));
  return {
    recall(people, lines) {
      const key = layoutKey(people, lines);
      const entry = load().find((candidate) => candidate.key === key);
      return entry ? new Map(entry.places.map(([id, x, y]) => [id, { x, y }])) : null;
    },
    remember(people, lines, positions) {
      const key = layoutKey(people, lines);
      const places: Places = [...positions].map(([id, { x, y }]) => [id, x, y]);
      entries = [{ key, places }, ...load().filter((entry) => entry.key !== key)].slice(0, KEPT_LAYOUTS);
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify(entries));
      } catch {
        // full or off: remembered for this page only
      }
    },
  };
}

function deviceStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** This device's memo, for the map and for the route preload (which skips dagre's chunk when the places are known). */
export const layoutMemo: LayoutMemo = createLayoutMemo(typeof window === 'undefined' ? null : deviceStorage());
