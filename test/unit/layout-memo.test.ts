import { describe, expect, it } from 'vitest';
import { layoutMap } from '../../client/src/features/map/autoLayout';
import { createLayoutMemo, KEPT_LAYOUTS, layoutKey } from '../../client/src/features/map/layoutMemo';
import { line, person } from '../helpers/layout-people';

/** localStorage's shape over a Map; `full` makes every write throw, as a full or blocked storage does. */
function memoryStorage(full = false): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      data.set(key, value);
    },
  };
}


const people = [person(1, 'executive'), person(2, 'management', 1), person(3, 'management', 1), person(4, 'staff', 2), person(5, 'staff')];
const lines = [line(1, 3, 4), line(2, 5, 1)];

describe('the auto-layout remembered on this device', () => {
  it('gives back exactly the places dagre gave, also to a page opened later on the same storage', () => {
    const storage = memoryStorage();
    const memo = createLayoutMemo(storage);
    expect(memo.recall(people, lines)).toBeNull();
    const placed = layoutMap(people, lines);
    memo.remember(people, lines, placed);
    expect(memo.recall(people, lines)).toEqual(placed);
    expect(createLayoutMemo(storage).recall(people, lines)).toEqual(placed);
  });

  it('keys a group by what the layout reads: order does not matter, a new boss, level or line does', () => {
    const key = layoutKey(people, lines);
    expect(layoutKey([...people].reverse(), [...lines].reverse())).toBe(key);
    // A relationship's kind does not move anyone (autoLayout.ts reads only its ends).
    expect(layoutKey(people, lines.map((l) => ({ ...l, kind: 'rivals' as const })))).toBe(key);
    expect(layoutKey(people.map((p) => (p.id === 4 ? { ...p, reportsToContactId: 30 } : p)), lines)).not.toBe(key);
    expect(layoutKey(people.map((p) => (p.id === 5 ? { ...p, level: 'executive' as const } : p)), lines)).not.toBe(key);
    expect(layoutKey(people, [...lines, line(3, 2, 3)])).not.toBe(key);
    expect(layoutKey([...people, person(6, 'staff', 3)], lines)).not.toBe(key);
  });

  it(`keeps the ${KEPT_LAYOUTS} maps opened last, dropping the oldest`, () => {
    const memo = createLayoutMemo(memoryStorage());
    const group = (n: number) => [person(1000 + n, 'executive'), person(2000 + n, 'staff', 1000 + n)];
    for (let n = 0; n <= KEPT_LAYOUTS; n++) memo.remember(group(n), [], layoutMap(group(n)));
    expect(memo.recall(group(0), [])).toBeNull();
    expect(memo.recall(group(1), [])).not.toBeNull();
    expect(memo.recall(group(KEPT_LAYOUTS), [])).toEqual(layoutMap(group(KEPT_LAYOUTS)));
  });

  it('lays out again over anything else in its storage key, and remembers for the page when storage is full', () => {
    const storage = memoryStorage();
    storage.setItem('dealroom.autoLayout', '{not json');
    expect(createLayoutMemo(storage).recall(people, lines)).toBeNull();
    storage.setItem('dealroom.autoLayout', JSON.stringify([{ key: layoutKey(people, lines), places: [[1, 'x', 0]] }]));
    expect(createLayoutMemo(storage).recall(people, lines)).toBeNull();

    const full = memoryStorage(true);
    const memo = createLayoutMemo(full);
    const placed = layoutMap(people, lines);
    memo.remember(people, lines, placed);
    expect(memo.recall(people, lines)).toEqual(placed);
    expect(full.data.size).toBe(0);
    expect(createLayoutMemo(null).recall(people, lines)).toBeNull();
  });
});
