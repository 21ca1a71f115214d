import type { Concert } from '@ticket-booking/shared';
import { Link } from 'react-router';
import { Card } from '../../../components/card';
import { formatConcertDate, formatMoney } from '../../../lib/format';
import { heldOutNote } from '../../availability';
import { priceRange, saleStatus } from '../utils/sale-status';
import { SaleStatusBadge } from './sale-status-badge';

function PriceRange({ concert }: { concert: Concert }) {
  const range = priceRange(concert);
  if (!range) return null;
  const { minCents, maxCents, currency } = range;
  return (
    <p className="text-sm font-medium text-slate-900 tabular-nums">
      {minCents === maxCents
        ? formatMoney(minCents, currency)
        : `${formatMoney(minCents, currency)} – ${formatMoney(maxCents, currency)}`}
    </p>
  );
}

/** A concert on the list; the whole card opens the concert. */
export function ConcertCard({ concert }: { concert: Concert }) {
  const status = saleStatus(concert);
  return (
    <Card
      as="article"
      className="relative flex h-full flex-col gap-4 p-5 transition-shadow hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-indigo-600"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 className="min-w-0">
          {/* The link's ::after covers the card, so all of it is clickable with one short name. */}
          <Link
            to={`/concerts/${encodeURIComponent(concert.id)}`}
            className="after:absolute after:inset-0 after:rounded-2xl focus-visible:outline-none"
          >
            <span className="block text-sm font-semibold text-indigo-700">{concert.artist}</span>
            <span className="sr-only">, </span>
            <span className="mt-1 block text-lg font-bold tracking-tight text-slate-900">
              {concert.name}
            </span>
          </Link>
        </h2>
        <SaleStatusBadge status={status} />
      </div>
      {status.kind === 'all-held' && (
        <p className="-mt-2 text-sm text-amber-900">{heldOutNote(status.held)}</p>
      )}
      <dl className="mt-auto grid gap-1 text-sm text-slate-600">
        <div>
          <dt className="sr-only">Date</dt>
          <dd>
            <time dateTime={concert.startsAt}>{formatConcertDate(concert)}</time>
          </dd>
        </div>
        <div>
          <dt className="sr-only">Venue</dt>
          <dd>{concert.venue}</dd>
        </div>
        <div>
          <dt className="sr-only">Prices</dt>
          <dd>
            <PriceRange concert={concert} />
          </dd>
        </div>
      </dl>
    </Card>
  );
}
