import { useId } from 'react';
import { formatCountdown } from '../../../lib/format';
import type { ReleaseLimit } from '../utils/hold-release';

/** From here on the countdown looks urgent. */
const URGENT_BELOW_MS = 2 * 60_000;

export function isUrgent(remainingMs: number): boolean {
  return remainingMs <= URGENT_BELOW_MS;
}

/** What the countdown runs to, said after the time: "held for 2:58 if you stay inactive". */
function qualifierOf(limit: ReleaseLimit, latestLabel: string): string {
  switch (limit) {
    case 'inactivity':
      return 'if you stay inactive';
    case 'deadline':
      return 'unless you are active on this page';
    case 'hard-cap':
      return `at most: your hold ends at the latest at ${latestLabel}`;
    case 'connection':
      return 'unless we reconnect before then';
  }
}

/** The same, short enough for a bar on a phone. */
function shortQualifierOf(limit: ReleaseLimit, latestLabel: string): string {
  switch (limit) {
    case 'inactivity':
      return 'if you stay inactive';
    case 'deadline':
      return 'unless you are active';
    case 'hard-cap':
      return `· ends at ${latestLabel}`;
    case 'connection':
      return '· reconnecting…';
  }
}

function noteOf(limit: ReleaseLimit, latestLabel: string, urgent: boolean): string {
  switch (limit) {
    case 'inactivity':
      return `Any activity on this page keeps them held, until ${latestLabel} at the latest.`;
    case 'deadline':
      return `Activity on this page adds time, until ${latestLabel} at the latest.`;
    case 'hard-cap':
    case 'connection':
      return urgent
        ? 'Almost out of time: complete your purchase now to keep these tickets.'
        : 'Complete your purchase before then to keep these tickets.';
  }
}

/**
 * What a screen reader is told, politely and only when it changes: a timer is not read out as it
 * ticks. An idle shopper is asked by the "Still there?" dialog instead.
 */
function announcementOf(limit: ReleaseLimit, latestLabel: string, urgent: boolean): string {
  if (limit === 'inactivity' || limit === 'deadline') return '';
  if (urgent) return 'Less than 2 minutes left to complete your purchase.';
  return limit === 'hard-cap' ? `Your hold ends at the latest at ${latestLabel}.` : '';
}

interface CountdownProps {
  /** Until the tickets are released if nothing more happens; see `holdRelease`. */
  remainingMs: number;
  limit: ReleaseLimit;
  /** The hard cap as a time of day on this browser's clock, e.g. `8:45 PM`. */
  latestLabel: string;
}

/** How long the tickets stay held if nothing more happens, and which limit decides it. */
export function HoldCountdown({
  remainingMs,
  limit,
  latestLabel,
  reconnecting = false,
}: CountdownProps & {
  /** The last heartbeat did not get through; the page is trying again. */
  reconnecting?: boolean;
}) {
  const labelId = useId();
  const qualifierId = useId();
  const urgent = isUrgent(remainingMs);
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
        aria-describedby={qualifierId}
        data-urgent={urgent}
        data-limit={limit}
        className={`mt-1 text-4xl font-bold tracking-tight tabular-nums ${
          urgent ? 'text-rose-700' : 'text-indigo-700'
        }`}
      >
        {formatCountdown(remainingMs)}
      </p>
      <p id={qualifierId} className="mt-1 text-sm font-medium">
        {qualifierOf(limit, latestLabel)}
      </p>
      <p className="mt-2 text-xs opacity-80">{noteOf(limit, latestLabel, urgent)}</p>
      <p role="status" className="text-xs font-medium">
        {reconnecting && (
          <span className="mt-2 flex items-center gap-1.5">
            <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-amber-500" />
            Reconnecting… your tickets stay held while we try again.
          </span>
        )}
      </p>
      <p className="sr-only" aria-live="polite">
        {announcementOf(limit, latestLabel, urgent)}
      </p>
    </section>
  );
}

/**
 * The countdown again, in a bar that stays at the bottom of a narrow screen while the payment
 * form is in view, so the time left is in sight of the Pay button. Screen readers have the
 * countdown above; the Pay button takes this text as its description instead.
 */
export function CompactHoldCountdown({
  id,
  remainingMs,
  limit,
  latestLabel,
}: CountdownProps & { id: string }) {
  const urgent = isUrgent(remainingMs);
  return (
    <div
      aria-hidden="true"
      data-testid="compact-countdown"
      className={`sticky bottom-0 -mx-5 -mb-5 mt-6 rounded-b-2xl border-t px-5 py-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] text-sm backdrop-blur sm:-mx-8 sm:-mb-8 sm:px-8 lg:hidden ${
        urgent
          ? 'border-rose-200 bg-rose-50/95 text-rose-900'
          : 'border-indigo-100 bg-indigo-50/95 text-indigo-950'
      }`}
    >
      <p id={id}>
        Tickets held for{' '}
        <span className={`font-bold tabular-nums ${urgent ? 'text-rose-700' : 'text-indigo-700'}`}>
          {formatCountdown(remainingMs)}
        </span>{' '}
        {shortQualifierOf(limit, latestLabel)}
      </p>
    </div>
  );
}
