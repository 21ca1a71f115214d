import { useEffect, useRef } from 'react';

/**
 * Calls `refetch` when `key` changes, at most once per `intervalMs`: a burst of changes costs one
 * call at its start and one at its end, so the figures settle on the latest state without a
 * request per change. A null key calls nothing.
 */
export function useRefetchOnChange(key: unknown, refetch: () => void, intervalMs: number): void {
  const lastCall = useRef(0);
  const latestRefetch = useRef(refetch);
  useEffect(() => {
    latestRefetch.current = refetch;
  });

  useEffect(() => {
    if (key === null) return;
    const call = () => {
      lastCall.current = Date.now();
      latestRefetch.current();
    };
    const wait = lastCall.current + intervalMs - Date.now();
    if (wait <= 0) {
      call();
      return;
    }
    // A newer key clears this timer and sets its own, so the last change is never dropped.
    const timer = setTimeout(call, wait);
    return () => {
      clearTimeout(timer);
    };
  }, [key, intervalMs]);
}
