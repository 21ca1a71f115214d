import { useEffect, useEffectEvent, useState } from 'react';

/**
 * This browser's clock, re-read every `intervalMs`, with `onTick` called on each reading so that
 * time-driven changes (a countdown reaching zero) happen where state may change.
 */
export function useNow(intervalMs: number, onTick?: (now: number) => void): number {
  const [now, setNow] = useState(() => Date.now());
  const tick = useEffectEvent((at: number) => {
    onTick?.(at);
  });
  useEffect(() => {
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      tick(at);
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
