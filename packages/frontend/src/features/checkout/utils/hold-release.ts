import { idleRelease, type Hold, type IdleReleaseLimit } from '@ticket-booking/shared';
import { serverNow } from '../../../lib/server-clock';

/** What releases the tickets first: a limit of the hold policy, or a connection that failed. */
export type ReleaseLimit = IdleReleaseLimit | 'connection';

export interface HoldRelease {
  /** By the server's clock. */
  at: number;
  limit: ReleaseLimit;
}

/**
 * When the tickets are released if nothing more happens, by the server's clock: the earliest of
 * the hard cap, the deadline and the inactivity timeout after the shopper's last activity on this
 * page (which the page enforces itself, see `HeldCheckout`). While heartbeats fail, the server
 * hears of no activity and lets a silent page's hold go at the `expiresAt` it last answered.
 */
export function holdRelease({
  hold,
  offsetMs,
  lastActivityAt,
  reconnecting,
}: {
  hold: Hold;
  /** How far the server's clock is ahead of this browser's. */
  offsetMs: number;
  /** By this browser's clock. */
  lastActivityAt: number;
  reconnecting: boolean;
}): HoldRelease {
  const idle = idleRelease(
    {
      deadlineAt: Date.parse(hold.deadlineAt),
      hardCapAt: Date.parse(hold.hardCapAt),
      lastActiveAt: serverNow(offsetMs, lastActivityAt),
    },
    hold.inactivityTimeoutMs,
  );
  const serverExpiry = Date.parse(hold.expiresAt);
  if (reconnecting && serverExpiry < idle.at) return { at: serverExpiry, limit: 'connection' };
  return idle;
}
