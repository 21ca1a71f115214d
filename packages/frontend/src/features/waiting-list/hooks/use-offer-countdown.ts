import type { Offer } from '@ticket-booking/shared';
import { formatTime } from '../../../lib/format';
import { clockOffsetMs, serverNow } from '../../../lib/server-clock';
import { useNow } from '../../../lib/use-now';

export interface OfferCountdown {
  /** Until the offer ends, by the server's clock; 0 once it has. */
  remainingMs: number;
  /** When it ends, as a time of day on this browser's clock, e.g. `8:45 PM`. */
  endsAtLabel: string;
}

/**
 * The time left to buy an offer, re-read each second. The server's clock decides when it ends,
 * so the countdown runs on it: the skew between the clocks is measured when the offer arrived.
 */
export function useOfferCountdown(
  offer: Pick<Offer, 'expiresAt' | 'serverTime'>,
  receivedAt: number,
): OfferCountdown {
  const offsetMs = clockOffsetMs(offer.serverTime, receivedAt);
  const now = useNow(1_000);
  const expiresAt = Date.parse(offer.expiresAt);
  return {
    remainingMs: Math.max(0, expiresAt - serverNow(offsetMs, now)),
    endsAtLabel: formatTime(expiresAt - offsetMs),
  };
}
