import { useId } from 'react';
import { formatCountdown } from '../../../lib/format';

/** From here on the countdown looks, and is announced as, urgent. */
const URGENT_BELOW_MS = 2 * 60_000;

/** How long the tickets stay held; the time is computed from the server's clock by the caller. */
export function HoldCountdown({
  remainingMs,
  reconnecting = false,
}: {
  remainingMs: number;
  /** The last heartbeat did not get through; the page is trying again. */
  reconnecting?: boolean;
}) {
  const labelId = useId();
  const urgent = remainingMs <= URGENT_BELOW_MS;
  return (
    <section
      aria-labelledby={labelId}
      className={`rounded-2xl p-5 ring-1 ring-inset transition-colors ${
        urgent
          ? 'bg-rose-50 text-rose-900 ring-rose-200'
          : 'bg-indigo-50 text-indigo-950 ring-indigo-100'
      }`}
    >
      <p id={labelId} className="text-sm font-medium">
        Your tickets are held for
      </p>
      <p
        role="timer"
        aria-labelledby={labelId}
        data-urgent={urgent}
        className={`mt-1 text-4xl font-bold tracking-tight tabular-nums ${
          urgent ? 'text-rose-700' : 'text-indigo-700'
        }`}
      >
        {formatCountdown(remainingMs)}
      </p>
      <p className="mt-2 text-xs opacity-80">
        {urgent
          ? 'Almost out of time: complete your purchase now to keep these tickets.'
          : 'The time is topped up while you are active on this page, up to a limit.'}
      </p>
      <p role="status" className="text-xs font-medium">
        {reconnecting && (
          <span className="mt-2 flex items-center gap-1.5">
            <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-amber-500" />
            Reconnecting… your tickets stay held while we try again.
          </span>
        )}
      </p>
      {/* A timer is not read out as it changes; say once that time is running short. */}
      <p className="sr-only" aria-live="polite">
        {urgent ? 'Less than 2 minutes left to complete your purchase.' : ''}
      </p>
    </section>
  );
}
