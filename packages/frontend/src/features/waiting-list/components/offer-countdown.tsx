import { useId } from 'react';
import { formatCountdown } from '../../../lib/format';
import { isUrgent } from '../../checkout';
import type { OfferCountdown as Countdown } from '../hooks/use-offer-countdown';

/**
 * How long the offered tickets stay held, by the server's clock. Read as a timer only when a
 * screen reader asks: it is not announced as it ticks.
 */
export function OfferCountdown({ remainingMs, endsAtLabel, id }: Countdown & { id?: string }) {
  const labelId = useId();
  const urgent = isUrgent(remainingMs);
  return (
    <section
      aria-labelledby={labelId}
      className={`rounded-2xl p-5 ring-1 ring-inset ${
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
      <p id={id} className="mt-1 text-sm font-medium">
        Until {endsAtLabel}: pay before then to keep them.
      </p>
    </section>
  );
}
