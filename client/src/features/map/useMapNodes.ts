import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { conflictCurrent, useTRPC } from '../../lib/trpc';
import { useDealRoomData, type DealRoomData } from '../deal-room/useDealRoom';
import { DEFAULT_LAYOUT, useAutoLayout, type Positions } from './layout';
import { layoutMemo } from './layoutMemo';
import { cardFacts, sameFacts } from './nodes/cardFacts';
import { usePatchStakeholders } from './useStakeholderCache';
import type { AppNode, StakeholderRow } from './types';

type XY = { x: number; y: number };

const savedPosition = (person: StakeholderRow): XY | null =>
  person.positionX !== null && person.positionY !== null ? { x: person.positionX, y: person.positionY } : null;

/** What the cards are drawn from; `auto` holds the auto-layout's places while someone has no position of their own. */
type Inputs = { stakeholders: readonly StakeholderRow[]; auto: Positions | null; now: number; coachSilentDays: number };

/**
 * The cards for the server's stakeholders, reusing every node object whose
 * person is unchanged (TanStack Query keeps unchanged rows identical across
 * refetches), so React Flow re-renders only the cards that really changed.
 */
function syncNodes(previous: readonly AppNode[], { stakeholders, auto, now, coachSilentDays }: Inputs): AppNode[] {
  const before = new Map(previous.map((node) => [node.id, node]));
  return stakeholders.map((person) => {
    const old = before.get(String(person.id));
    const facts = cardFacts(person, new Date(now), coachSilentDays);
    const position = old?.dragging ? old.position : (savedPosition(person) ?? auto?.get(person.id) ?? { x: 0, y: 0 });
    if (old && old.data.person === person && sameFacts(old.data, facts) && old.position.x === position.x && old.position.y === position.y) return old;
    return {
      id: String(person.id),
      type: 'stakeholder',
      position,
      data: { person, ...facts },
      selected: old?.selected ?? false,
      dragging: old?.dragging,
      width: DEFAULT_LAYOUT.nodeWidth,
      height: DEFAULT_LAYOUT.nodeHeight,
    } satisfies AppNode;
  });
}

/**
 * The map's cards as React Flow state. The server's stakeholders are the truth;
 * React Flow keeps selection and in-flight drags locally. Every drop (or arrow
 * key move) is saved with the person's version; a CONFLICT shows the other
 * user's version instead of overwriting it.
 */
export function useMapNodes(dealId: number, stakeholders: readonly StakeholderRow[], now: number, onConflict: (person: StakeholderRow) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const patch = usePatchStakeholders(dealId);
  const room = useDealRoomData();
  // The team's limit, as the COACH_SILENT flag was scored with: a coach's card warns exactly when the flag names them.
  const coachSilentDays = room.settings.coachSilentDays;
  const unplaced = stakeholders.some((person) => savedPosition(person) === null);
  // A group this device has laid out before has its places remembered (layoutMemo.ts): no dagre at all.
  const remembered = useMemo(() => (unplaced ? layoutMemo.recall(stakeholders, room.relationships) : null), [unplaced, stakeholders, room.relationships]);
  // Only a map with someone unplaced, and places not remembered, needs dagre. The first time, the map waits for its
  // chunk (`ready` false: the canvas shows its loading state) rather than drawing a heap that jumps a moment later;
  // a map where everyone has a position never downloads it.
  const autoLayout = useAutoLayout(unplaced && remembered === null);
  const layoutMap = autoLayout?.layoutMap ?? null;
  const ready = !unplaced || remembered !== null || layoutMap !== null;
  // People never placed by hand fall back to the auto-layout, so a new deal is never a heap in one corner. Apart from the
  // minute clock: a 300-person map takes dagre about a second, too long to repeat every minute.
  const laidOut = useMemo(() => (remembered === null && layoutMap ? layoutMap(stakeholders, room.relationships) : null), [remembered, layoutMap, stakeholders, room.relationships]);
  // Kept for the next time this device opens the same group (a write to storage: after the render, not in it).
  useEffect(() => {
    if (laidOut) layoutMemo.remember(stakeholders, room.relationships, laidOut);
  }, [laidOut, stakeholders, room.relationships]);
  const auto = remembered ?? laidOut;
  const inputs: Inputs = { stakeholders, auto, now, coachSilentDays };
  const [state, setState] = useState(() => ({ inputs, nodes: syncNodes([], inputs) }));
  let nodes = state.nodes;
  if ((Object.keys(inputs) as (keyof Inputs)[]).some((key) => state.inputs[key] !== inputs[key])) {
    // Adjusting state while rendering (not in an effect): the new cards show in this very render.
    nodes = syncNodes(state.nodes, inputs);
    setState({ inputs, nodes });
  }
  const setNodes = useCallback((update: (current: AppNode[]) => AppNode[]) => setState((current) => ({ ...current, nodes: update(current.nodes) })), []);

  const update = useMutation(trpc.stakeholder.update.mutationOptions());
  // One save at a time per person, each with the version the previous one returned: two quick drags never CONFLICT with ourselves.
  const chains = useRef(new Map<number, Promise<unknown>>());
  const savePosition = useCallback(
    (id: number, position: XY): Promise<StakeholderRow | null> => {
      const run = async () => {
        const room = queryClient.getQueryData<DealRoomData>(trpc.deal.get.queryKey({ id: dealId }));
        const person = room?.stakeholders.find((p) => p.id === id);
        if (!person) return null;
        const x = Math.round(position.x);
        const y = Math.round(position.y);
        if (person.positionX === x && person.positionY === y) return person;
        try {
          const saved = await update.mutateAsync({ id, version: person.version, positionX: x, positionY: y });
          patch([saved]);
          return saved;
        } catch (error) {
          const current = conflictCurrent<StakeholderRow>(error);
          if (current) {
            // Someone else changed this person meanwhile: show their version, never overwrite it.
            patch([current]);
            onConflict(current);
          }
          return null;
        }
      };
      const next = (chains.current.get(id) ?? Promise.resolve()).then(run, run);
      chains.current.set(id, next);
      return next;
    },
    [queryClient, trpc, dealId, update, patch, onConflict],
  );

  // A drop, or a move with the arrow keys, is final: save it (arrow presses in a row become one save).
  const timers = useRef(new Map<number, number>());
  const onNodesChange = useCallback(
    (changes: NodeChange<AppNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      for (const change of changes) {
        if (change.type !== 'position' || change.dragging !== false || !change.position) continue;
        const id = Number(change.id);
        const position = change.position;
        window.clearTimeout(timers.current.get(id));
        timers.current.set(id, window.setTimeout(() => void savePosition(id, position), 150));
      }
    },
    [savePosition, setNodes],
  );

  /** Put everyone where the auto-layout says, at once, then save each position with its version; returns how many failed. */
  const placeAll = useCallback(
    async (positions: Map<number, XY>) => {
      setNodes((current) => current.map((node) => ({ ...node, position: positions.get(Number(node.id)) ?? node.position })));
      const results = await Promise.all([...positions].map(([id, position]) => savePosition(id, position)));
      return results.filter((saved) => saved === null).length;
    },
    [savePosition, setNodes],
  );

  const select = useCallback(
    (id: number | null) => setNodes((current) => current.map((node) => (node.selected === (node.id === String(id)) ? node : { ...node, selected: node.id === String(id) }))),
    [setNodes],
  );

  return { nodes, ready, onNodesChange, placeAll, select };
}
