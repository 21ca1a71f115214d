import type { Hold } from '@ticket-booking/shared';
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { sendHeartbeat, type HoldGoneReason } from '../api/holds';
import type { ActivityTracker } from '../utils/activity-tracker';
import { createHeartbeatLoop, type HeartbeatLoop } from '../utils/heartbeat-loop';

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
 * Runs the heartbeat loop while the checkout page is open, and beats at once when the tab comes
 * back (visible again, restored from the back/forward cache, back online). Each heartbeat says
 * whether the shopper was active since the last one and whether the tab is visible.
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
  const loopRef = useRef<HeartbeatLoop | null>(null);
  const isPaused = useEffectEvent(() => paused);
  const handleHold = useEffectEvent((hold: Hold, receivedAt: number) => {
    onHold(hold, receivedAt);
  });
  const handleGone = useEffectEvent((reason: HoldGoneReason) => {
    onExpired(reason);
  });

  useEffect(() => {
    const loop = createHeartbeatLoop({
      intervalMs,
      send: (active) => sendHeartbeat({ concertId, active, visible: isVisible() }),
      tracker,
      isPaused: () => isPaused(),
      onHold: (hold, receivedAt) => {
        handleHold(hold, receivedAt);
      },
      onGone: (reason) => {
        handleGone(reason);
      },
      onReconnecting: setReconnecting,
    });
    function onVisibilityChange() {
      if (isVisible()) loop.beatNow();
    }
    function onPageShow(event: PageTransitionEvent) {
      // Restored from the back/forward cache after `pagehide` announced leaving: cancel that.
      if (event.persisted) loop.beatNow();
    }

    loopRef.current = loop;
    loop.start();
    document.addEventListener('visibilitychange', onVisibilityChange);
    window.addEventListener('pageshow', onPageShow);
    window.addEventListener('online', loop.beatNow);
    return () => {
      loop.stop();
      loopRef.current = null;
      document.removeEventListener('visibilitychange', onVisibilityChange);
      window.removeEventListener('pageshow', onPageShow);
      window.removeEventListener('online', loop.beatNow);
    };
  }, [concertId, intervalMs, tracker]);

  const beatNow = useCallback(() => {
    loopRef.current?.beatNow();
  }, []);
  return { reconnecting, beatNow };
}
