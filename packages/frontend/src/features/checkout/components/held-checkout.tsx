import type { Booking, Hold } from '@ticket-booking/shared';
import { useLayoutEffect, useState } from 'react';
import { formatMoney } from '../../../lib/format';
import { serverNow } from '../../../lib/server-clock';
import { useActivityTracker } from '../hooks/use-activity-tracker';
import type { ExpiryReason } from '../hooks/use-checkout-hold';
import { useHeartbeats } from '../hooks/use-heartbeats';
import { useNow } from '../hooks/use-now';
import { usePayBooking } from '../hooks/use-pay-booking';
import { HoldCountdown } from './hold-countdown';
import { OrderSummary } from './order-summary';
import { PaymentForm } from './payment-form';
import { StillThereDialog } from './still-there-dialog';

/** How long before an idle shopper's hold is released they are asked whether they are there. */
function stillThereLeadMs(inactivityTimeoutMs: number): number {
  return Math.min(60_000, inactivityTimeoutMs / 3);
}

/** The countdown runs to the deadline, which heartbeats move, but never past the hard cap. */
function deadlineOf(hold: Hold): number {
  return Math.min(Date.parse(hold.deadlineAt), Date.parse(hold.hardCapAt));
}

/**
 * Checkout while the tickets are held: keeps the hold alive with heartbeats, counts down to its
 * deadline by the server's clock, asks an idle shopper whether they are still there, and pays.
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
  const tracker = useActivityTracker();
  /**
   * Set while asking an idle shopper: when the hold goes for inactivity (by this browser's
   * clock), and where focus was, to put it back there after.
   */
  const [asking, setAsking] = useState<{ releaseAt: number; returnFocusTo: Element | null } | null>(
    null,
  );
  const deadline = deadlineOf(hold);
  const timeoutMs = hold.inactivityTimeoutMs;

  const payment = usePayBooking({
    onBought,
    onExpired: () => {
      onExpire('released');
    },
  });
  const { reconnecting, beatNow } = useHeartbeats({
    concertId,
    intervalMs: hold.heartbeatIntervalMs,
    tracker,
    paused: payment.isPending,
    onHold: onRefresh,
    onExpired: () => {
      onExpire('released');
    },
  });

  const now = useNow(1_000, (at) => {
    // A payment under way decides the hold's fate itself; releasing it now would undercut it.
    if (payment.isPending) return;
    if (deadline - serverNow(offsetMs, at) <= 0) {
      onExpire('timeout');
      return;
    }
    // Idle time is measured on this browser's clock at both ends, so skew does not matter here.
    const lastActivityAt = tracker.lastActivityAt();
    const idleMs = at - lastActivityAt;
    const askFrom = timeoutMs - stillThereLeadMs(timeoutMs);
    if (idleMs >= timeoutMs) onExpire('inactive');
    else if (asking && idleMs < askFrom) {
      // The shopper came back in the instant before the dialog started listening.
      setAsking(null);
      beatNow();
    } else if (idleMs >= askFrom && !asking) {
      // Where focus is now, before the page behind the dialog goes inert and loses it.
      setAsking({ releaseAt: lastActivityAt + timeoutMs, returnFocusTo: document.activeElement });
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

  const remainingMs = Math.max(0, deadline - serverNow(offsetMs, now));

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
          <HoldCountdown remainingMs={remainingMs} reconnecting={reconnecting} />
          <OrderSummary hold={hold} />
        </aside>
        <section
          aria-label="Payment details"
          className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8 lg:col-start-1 lg:row-start-1"
        >
          <PaymentForm
            concertId={concertId}
            totalLabel={formatMoney(hold.totalCents, hold.currency)}
            payment={payment}
            onCancel={onCancel}
          />
        </section>
      </div>
      {asking && (
        <StillThereDialog
          releaseInMs={Math.max(0, asking.releaseAt - now)}
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
