import type { Hold } from '@ticket-booking/shared';
import { holdGoneReason, type HoldGoneReason } from '../api/holds';
import type { ActivityTracker } from './activity-tracker';

/**
 * After a failed heartbeat, try again this soon: the server keeps a silent page's hold for one
 * interval plus a grace, so waiting a whole interval again would waste most of that grace.
 */
const RETRY_AFTER_MS = 5_000;

export interface Timers {
  set: (fn: () => void, delayMs: number) => unknown;
  clear: (timer: unknown) => void;
}

const browserTimers: Timers = {
  set: (fn, delayMs) => setTimeout(fn, delayMs),
  clear: (timer) => {
    clearTimeout(timer as ReturnType<typeof setTimeout>);
  },
};

export interface HeartbeatLoopOptions {
  intervalMs: number;
  /** Sends one heartbeat saying whether the shopper was active since the last one. */
  send: (active: boolean) => Promise<Hold>;
  tracker: Pick<ActivityTracker, 'takeActive' | 'restoreActive'>;
  /** While true, no heartbeat is sent and answers are ignored (a payment is deciding the hold). */
  isPaused: () => boolean;
  /** Every answer carries the hold's new times and the server's clock. */
  onHold: (hold: Hold, receivedAt: number) => void;
  onGone: (reason: HoldGoneReason) => void;
  /** True while heartbeats fail and the loop tries again; false once one gets through. */
  onReconnecting: (reconnecting: boolean) => void;
  now?: () => number;
  timers?: Timers;
}

export interface HeartbeatLoop {
  start: () => void;
  /** Sends a heartbeat now (the tab came back, the shopper answered); the interval restarts. */
  beatNow: () => void;
  /** Stops for good: nothing more is sent, and answers still under way are ignored. */
  stop: () => void;
}

/** Tells the server the checkout page is open, every `intervalMs` and whenever asked to. */
export function createHeartbeatLoop({
  intervalMs,
  send,
  tracker,
  isPaused,
  onHold,
  onGone,
  onReconnecting,
  now = () => Date.now(),
  timers = browserTimers,
}: HeartbeatLoopOptions): HeartbeatLoop {
  let running = false;
  let timer: unknown;
  let sent = 0;
  let applied = 0;

  function schedule(delayMs: number) {
    timers.clear(timer);
    timer = timers.set(beat, delayMs);
  }

  function beat() {
    if (!running) return;
    // Counted from the send, not the answer, so a slow answer never stretches the gap.
    schedule(intervalMs);
    if (isPaused()) return;
    const id = ++sent;
    const active = tracker.takeActive();
    send(active).then(
      (hold) => {
        const receivedAt = now();
        // An older answer overtaken by a newer one carries older times.
        if (!running || isPaused() || id < applied) return;
        applied = id;
        onReconnecting(false);
        onHold(hold, receivedAt);
      },
      (error: unknown) => {
        if (!running || isPaused()) return;
        const gone = holdGoneReason(error);
        if (gone) {
          onGone(gone);
          return;
        }
        // Not fatal: the hold outlives a missed heartbeat. Keep the activity for the next one.
        if (active) tracker.restoreActive();
        onReconnecting(true);
        if (id === sent) schedule(Math.min(intervalMs, RETRY_AFTER_MS));
      },
    );
  }

  return {
    start() {
      running = true;
      schedule(intervalMs);
    },
    beatNow: beat,
    stop() {
      running = false;
      timers.clear(timer);
    },
  };
}
