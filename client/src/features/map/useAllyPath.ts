import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import type { DealRoomData } from '../deal-room/useDealRoom';
import type { AppEdge, AppNode } from './types';

export type AllyPaths = RouterOutputs['deal']['allyPath'];

/** Class names the map's stylesheet knows: on the chain, or dimmed behind it. */
export const ON_PATH = 'ally-path-on';
export const OFF_PATH = 'ally-path-off';

const pairKey = (a: string | number, b: string | number) => (Number(a) < Number(b) ? `${a}-${b}` : `${b}-${a}`);

/** The people and the neighbouring pairs of every chain; a pair is joined by any line the path may follow. */
export function pathMembers(result: AllyPaths): { people: Set<string>; pairs: Set<string> } {
  const people = new Set<string>();
  const pairs = new Set<string>();
  for (const { steps } of result.paths) {
    steps.forEach((id, i) => {
      people.add(String(id));
      const previous = steps[i - 1];
      if (previous !== undefined) pairs.add(pairKey(previous, id));
    });
  }
  return { people, pairs };
}

/** A line the chain walks along: a reporting line or a non-rival relationship between two neighbours on it. */
function edgeOnPath(edge: AppEdge, pairs: Set<string>): boolean {
  if (edge.type === 'relationship' && edge.data?.kind === 'rivals') return false;
  return pairs.has(pairKey(edge.source, edge.target));
}

/**
 * Keeps one decorated copy per React Flow object, so a card whose class did not change is
 * the same object on the next render and React Flow leaves it alone.
 */
function useDecorate<T extends AppNode | AppEdge>() {
  const cache = useRef(new WeakMap<T, { className: string; decorated: T }>());
  return useCallback((item: T, className: string): T => {
    const hit = cache.current.get(item);
    if (hit && hit.className === className) return hit.decorated;
    const decorated = { ...item, className: [item.className, className].filter(Boolean).join(' ') };
    cache.current.set(item, { className, decorated });
    return decorated;
  }, []);
}

/**
 * "Path to the decision-maker" on the map (SPEC §10). The chain comes from the server
 * (`deal.allyPath`), which knows who has left the customer. The map's edits patch the deal
 * room's cache rather than this query, so any change to the people or their lines asks
 * for the path again.
 */
export function useAllyPath(room: DealRoomData, nodes: AppNode[], edges: AppEdge[]) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [on, setOn] = useState(false);
  const dealId = room.deal.id;
  const query = useQuery({ ...trpc.deal.allyPath.queryOptions({ id: dealId }), enabled: on });

  const seen = useRef({ stakeholders: room.stakeholders, relationships: room.relationships });
  useEffect(() => {
    const before = seen.current;
    seen.current = { stakeholders: room.stakeholders, relationships: room.relationships };
    if (before.stakeholders === room.stakeholders && before.relationships === room.relationships) return;
    void queryClient.invalidateQueries(trpc.deal.allyPath.queryFilter({ id: dealId }));
  }, [room.stakeholders, room.relationships, queryClient, trpc, dealId]);

  const result = on ? query.data : undefined;
  const members = useMemo(() => (result ? pathMembers(result) : null), [result]);
  const decorateNode = useDecorate<AppNode>();
  const decorateEdge = useDecorate<AppEdge>();
  const shownNodes = useMemo(() => (members ? nodes.map((node) => decorateNode(node, members.people.has(node.id) ? ON_PATH : OFF_PATH)) : nodes), [members, nodes, decorateNode]);
  const shownEdges = useMemo(() => (members ? edges.map((edge) => decorateEdge(edge, edgeOnPath(edge, members.pairs) ? ON_PATH : OFF_PATH)) : edges), [members, edges, decorateEdge]);

  return {
    on,
    toggle: useCallback(() => setOn((value) => !value), []),
    result,
    loading: on && query.isPending,
    failed: on && query.isError,
    nodes: shownNodes,
    edges: shownEdges,
  };
}
