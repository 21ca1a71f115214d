import type { Booking, Hold } from '@ticket-booking/shared';
import { useId, useLayoutEffect, useState } from 'react';
import { Card } from '../../../components/card';
import { formatMoney, formatTime } from '../../../lib/format';
import { serverNow } from '../../../lib/server-clock';
import { useActivityTracker } from '../hooks/use-activity-tracker';
import type { ExpiryReason } from '../utils/checkout-state';
import { useHeartbeats } from '../hooks/use-heartbeats';
import { useNow } from '../../../lib/use-now';
import { usePayBooking } from '../hooks/use-pay-booking';
import { holdRelease, type HoldRelease, type ReleaseLimit } from '../utils/hold-release';
import { CompactHoldCountdown, HoldCountdown } from './hold-countdown';
import { OrderSummary } from './order-summary';
import { PaymentForm } from './payment-form';
import { StillThereDialog } from './still-there-dialog';

/** How long before an idle shopper's hold is released they are asked whether they are there. */
function stillThereLeadMs(inactivityTimeoutMs: number): number {
  return Math.min(60_000, inactivityTimeoutMs / 3);
}

/** Why the page lets the tickets go when the time runs out, by the limit that ran out. */
const EXPIRY_REASONS: Record<ReleaseLimit, ExpiryReason> = {
  inactivity: 'inactive',
  deadline: 'timeout',
  'hard-cap': 'timeout',
  connection: 'disconnected',
};

/**
 * Checkout while the tickets are held: keeps the hold alive with heartbeats, counts down to the
 * moment the tickets would be released if nothing more happened (by the server's clock), asks an
 * idle shopper whether they are still there, and pays.
 */
export function HeldCheckout({
  concertId,
  hold,
  offsetMs,
  onRefresh,
  onExpire,
  onBought,
  onCancel,
}: {
  concertId: string;
  hold: Hold;
  offsetMs: number;
  onRefresh: (hold: Hold, receivedAt: number) => void;
  onExpire: (reason: ExpiryReason) => void;
  onBought: (booking: Booking) => void;
  onCancel: () => void;
}) {
  // The server's idle clock started when it last saw the shopper active (entering checkout, or
  // the heartbeat that resumed a reloaded page), a moment before this page could see anything.
  const tracker = useActivityTracker(Date.parse(hold.lastActiveAt) - offsetMs);
  const compactId = useId();
  /** Set while asking an idle shopper: where focus was, to put it back there after. */
  const [asking, setAsking] = useState<{ returnFocusTo: Element | null } | null>(null);
  const timeoutMs = hold.inactivityTimeoutMs;

  const payment = usePayBooking({ onBought, onExpired: onExpire });
  const { reconnecting, beatNow } = useHeartbeats({
    concertId,
    intervalMs: hold.heartbeatIntervalMs,
    tracker,
    paused: payment.isPending,
    onHold: onRefresh,
    onExpired: onExpire,
  });

  function releaseAt(): HoldRelease {
    return holdRelease({ hold, offsetMs, lastActivityAt: tracker.lastActivityAt(), reconnecting });
  }

  const now = useNow(1_000, (at) => {
    // A payment under way decides the hold's fate itself; releasing it now would undercut it.
    if (payment.isPending) return;
    const release = releaseAt();
    const remainingMs = release.at - serverNow(offsetMs, at);
    // The page lets the tickets go itself at the very moment its countdown reaches zero; for
    // inactivity that is where the server would, give or take one heartbeat.
    if (remainingMs <= 0) {
      onExpire(EXPIRY_REASONS[release.limit]);
      return;
    }
    const leadMs = stillThereLeadMs(timeoutMs);
    const idleMs = at - tracker.lastActivityAt();
    if (asking && idleMs < timeoutMs - leadMs) {
      // The shopper came back in the instant before the dialog started listening.
      setAsking(null);
      beatNow();
    } else if (!asking && release.limit === 'inactivity' && remainingMs <= leadMs) {
      // Where focus is now, before the page behind the dialog goes inert and loses it.
      setAsking({ returnFocusTo: document.activeElement });
    }
  });

  // Subscribed before the browser paints the dialog, so no keystroke can slip past it.
  useLayoutEffect(() => {
    if (!asking) return;
    // Any sign of the shopper closes the warning and tells the server at once.
    return tracker.subscribe(() => {
      setAsking(null);
      beatNow();
    });
  }, [asking, tracker, beatNow]);

  const release = releaseAt();
  const remainingMs = Math.max(0, release.at - serverNow(offsetMs, now));
  const countdown = {
    remainingMs,
    limit: release.limit,
    latestLabel: formatTime(Date.parse(hold.hardCapAt) - offsetMs),
  };

  return (
    <>
      {/* While the dialog asks, the page behind it is out of reach, as aria-modal promises. */}
      <div
        inert={asking !== null}
        className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start"
      >
        <aside
          aria-label="Your order"
          className="space-y-4 lg:sticky lg:top-6 lg:col-start-2 lg:row-start-1"
        >
          <HoldCountdown {...countdown} reconnecting={reconnecting} />
          <OrderSummary hold={hold} />
        </aside>
        <Card
          as="section"
          aria-label="Payment details"
          className="p-5 sm:p-8 lg:col-start-1 lg:row-start-1"
        >
          <PaymentForm
            concertId={concertId}
            totalLabel={formatMoney(hold.totalCents, hold.currency)}
            payment={payment}
            payDescribedBy={compactId}
            onCancel={onCancel}
          />
          <CompactHoldCountdown id={compactId} {...countdown} />
        </Card>
      </div>
      {asking && (
        <StillThereDialog
          releaseInMs={remainingMs}
          returnFocusTo={asking.returnFocusTo}
          focusQuietly={tracker.quietly}
          onStay={() => {
            setAsking(null);
            beatNow();
          }}
        />
      )}
    </>
  );
}
