import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * A stable function that always calls the latest `callback`: for an observer or a timer set up
 * once that must still reach the current props when it fires (what React 19's `useEffectEvent`
 * is for; the client runs React 18, docs/decisions/0034).
 */
export function useLatestCallback<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
  const latest = useRef(callback);
  useLayoutEffect(() => {
    latest.current = callback;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
