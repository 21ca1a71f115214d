import { useCallback, useEffect, useEffectEvent, useRef } from 'react';

/**
 * Calls `onLeft` once the component is unmounted for good (the shopper went elsewhere in the app),
 * and returns whether it is mounted now, for answers that arrive after it went.
 */
export function useLeftOnUnmount(onLeft: () => void): () => boolean {
  const mountedRef = useRef(false);
  const left = useEffectEvent(onLeft);

  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      // StrictMode unmounts and remounts at once; only a component still unmounted a moment
      // later has really been left.
      void Promise.resolve().then(() => {
        if (!mountedRef.current) left();
      });
    };
  }, []);

  return useCallback(() => mountedRef.current, []);
}
