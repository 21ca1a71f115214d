import type { ChangeFeed } from '../store.js';

/**
 * A change feed from a counter that moves when another connection commits (SQLite's
 * `data_version`), read every `intervalMs` while anyone listens.
 */
export function pollingChangeFeed(read: () => number, intervalMs: number): ChangeFeed {
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  let seen = 0;
  function poll(): void {
    const current = read();
    if (current === seen) return;
    seen = current;
    for (const listener of listeners) listener();
  }
  return {
    subscribe(listener) {
      if (listeners.size === 0) {
        seen = read();
        timer = setInterval(poll, intervalMs);
        timer.unref();
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearInterval(timer);
        timer = undefined;
      };
    },
  };
}
