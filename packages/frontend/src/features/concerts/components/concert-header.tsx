import type { Concert } from '@ticket-booking/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatConcertDate } from '../../../lib/format';

/** The concert's name, date and venue, with `aside` (the live indicator) beside them. */
export function ConcertHeader({ concert, aside }: { concert: Concert; aside?: ReactNode }) {
  return (
    <header className="mb-8">
      <Link
        to="/"
        className="rounded text-sm font-medium text-indigo-700 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <span aria-hidden="true">← </span>All concerts
      </Link>
      <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold tracking-tight text-balance text-slate-900 sm:text-3xl">
            {concert.artist} — {concert.name}
          </h1>
          <p className="mt-2 text-slate-600">
            <time dateTime={concert.startsAt}>{formatConcertDate(concert)}</time>
            <span aria-hidden="true"> · </span>
            <span className="sr-only">, </span>
            {concert.venue}
          </p>
        </div>
        {aside && <div className="shrink-0">{aside}</div>}
      </div>
    </header>
  );
}
