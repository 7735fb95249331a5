import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * A handler whose identity never changes but that always calls the latest `handler` given. Lets a memoized
 * field (a long Select: the time zones, the locales) skip re-rendering while the screen around it re-renders
 * on every keystroke, though its caller writes the handler inline.
 */
export function useStableHandler<A extends unknown[]>(handler: (...args: A) => void): (...args: A) => void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
