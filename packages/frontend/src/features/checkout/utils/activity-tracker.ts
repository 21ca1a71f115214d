/**
 * What counts as the shopper being at the page. Listened to in the capture phase, so a component
 * that stops an event's propagation cannot hide it, and so that `focus` and `scroll`, which do not
 * bubble, are seen for every element.
 */
const ACTIVITY_EVENTS = [
  'pointerdown',
  'pointermove',
  'keydown',
  'wheel',
  'scroll',
  'touchstart',
  'focus',
] as const;

export interface ActivityTracker {
  /** When the shopper last did something, by this browser's clock. */
  lastActivityAt: () => number;
  /** Whether the shopper did something since the previous call; starts counting afresh. */
  takeActive: () => boolean;
  /** Puts back what `takeActive` took, when the heartbeat that carried it did not arrive. */
  restoreActive: () => void;
  /** Runs `fn` without counting what it causes (moving focus into a dialog) as the shopper. */
  quietly: (fn: () => void) => void;
  /** Calls `listener` on each activity until the returned function is called. */
  subscribe: (listener: () => void) => () => void;
  /** Starts listening on `target`; the returned function stops. */
  listen: (target: Window) => () => void;
}

/**
 * Entering the page counts as activity, so the idle time starts at creation, or at `activeSince`
 * if that is earlier: when the server last saw the shopper, whose idle clock started then.
 */
export function createActivityTracker(
  now: () => number = () => Date.now(),
  activeSince = Infinity,
): ActivityTracker {
  let lastActivityAt = Math.min(now(), activeSince);
  let activeSinceTaken = false;
  let quiet = false;
  const listeners = new Set<() => void>();

  function record() {
    if (quiet) return;
    lastActivityAt = now();
    activeSinceTaken = true;
    for (const listener of [...listeners]) listener();
  }

  return {
    lastActivityAt: () => lastActivityAt,
    takeActive() {
      const active = activeSinceTaken;
      activeSinceTaken = false;
      return active;
    },
    restoreActive() {
      activeSinceTaken = true;
    },
    quietly(fn) {
      quiet = true;
      try {
        fn();
      } finally {
        quiet = false;
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listen(target) {
      const options = { capture: true, passive: true };
      for (const type of ACTIVITY_EVENTS) target.addEventListener(type, record, options);
      return () => {
        for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, record, options);
      };
    },
  };
}
