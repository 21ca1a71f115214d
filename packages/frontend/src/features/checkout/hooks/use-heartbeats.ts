import type { Hold } from '@ticket-booking/shared';
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { holdGoneReason, sendHeartbeat, type HoldGoneReason } from '../api/holds';
import type { ActivityTracker } from '../utils/activity-tracker';

/**
 * After a failed heartbeat, try again this soon: the server keeps a silent page's hold for one
 * interval plus a grace, so waiting a whole interval again would waste most of that grace.
 */
const RETRY_AFTER_MS = 5_000;

function isVisible(): boolean {
  return document.visibilityState === 'visible';
}

interface HeartbeatOptions {
  concertId: string;
  intervalMs: number;
  tracker: ActivityTracker;
  /** While true, no heartbeat is sent and answers are ignored (a payment is deciding the hold). */
  paused: boolean;
  /** Every answer carries the hold's new times and the server's clock. */
  onHold: (hold: Hold, receivedAt: number) => void;
  onExpired: (reason: HoldGoneReason) => void;
}

/**
 * Tells the server the checkout page is open, every `intervalMs` and at once when the tab comes
 * back (visible again, restored from the back/forward cache, back online), saying whether the
 * shopper was active since the last one and whether the tab is visible.
 */
export function useHeartbeats({
  concertId,
  intervalMs,
  tracker,
  paused,
  onHold,
  onExpired,
}: HeartbeatOptions): { reconnecting: boolean; beatNow: () => void } {
  const [reconnecting, setReconnecting] = useState(false);
  const beatRef = useRef<() => void>(() => undefined);
  const isPaused = useEffectEvent(() => paused);
  const handleHold = useEffectEvent((hold: Hold, receivedAt: number) => {
    onHold(hold, receivedAt);
  });
  const handleExpired = useEffectEvent((reason: HoldGoneReason) => {
    onExpired(reason);
  });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sent = 0;
    let applied = 0;

    function schedule(delayMs: number) {
      clearTimeout(timer);
      timer = setTimeout(beat, delayMs);
    }

    function beat() {
      // Counted from the send, not the answer, so a slow answer never stretches the gap.
      schedule(intervalMs);
      if (isPaused()) return;
      const id = ++sent;
      const active = tracker.takeActive();
      sendHeartbeat({ concertId, active, visible: isVisible() }).then(
        (hold) => {
          const receivedAt = Date.now();
          // An older answer overtaken by a newer one carries older times.
          if (stopped || isPaused() || id < applied) return;
          applied = id;
          setReconnecting(false);
          handleHold(hold, receivedAt);
        },
        (error: unknown) => {
          if (stopped || isPaused()) return;
          const gone = holdGoneReason(error);
          if (gone) {
            handleExpired(gone);
            return;
          }
          // Not fatal: the hold outlives a missed heartbeat. Keep the activity for the next one.
          if (active) tracker.restoreActive();
          setReconnecting(true);
          if (id === sent) schedule(Math.min(intervalMs, RETRY_AFTER_MS));
        },
      );
    }

    function onVisibilityChange() {
      if (isVisible()) beat();
    }
    function onPageShow(event: PageTransitionEvent) {
      // Restored from the back/forward cache after `pagehide` announced leaving: cancel that.
      if (event.persisted) beat();
    }

    beatRef.current = beat;
    schedule(intervalMs);
    document.addEventListener('visibilitychange', onVisibilityChange);
    window.addEventListener('pageshow', onPageShow);
    window.addEventListener('online', beat);
    return () => {
      stopped = true;
      clearTimeout(timer);
      beatRef.current = () => undefined;
      document.removeEventListener('visibilitychange', onVisibilityChange);
      window.removeEventListener('pageshow', onPageShow);
      window.removeEventListener('online', beat);
    };
  }, [concertId, intervalMs, tracker]);

  const beatNow = useCallback(() => {
    beatRef.current();
  }, []);
  return { reconnecting, beatNow };
}
