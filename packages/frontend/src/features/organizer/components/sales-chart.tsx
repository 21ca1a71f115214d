import type { SalesBucket } from '@ticket-booking/shared';
import { formatMoney } from '../../../lib/format';

const WIDTH = 600;
const HEIGHT = 160;
const MINUTE = 60_000;
/** The shortest time line drawn, so a first sale is a bar and not the whole chart. */
const MIN_MINUTES = 30;

const timeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/**
 * Tickets sold per minute as bars on a time line, minutes without sales left empty. The chart is
 * a picture for sighted readers; the same figures are a table for screen readers.
 */
export function SalesChart({ buckets, currency }: { buckets: SalesBucket[]; currency: string }) {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last) {
    return <p className="text-sm text-slate-600">No tickets sold yet.</p>;
  }
  const end = Date.parse(last.at);
  const start = Math.min(Date.parse(first.at), end - (MIN_MINUTES - 1) * MINUTE);
  const minutes = Math.round((end - start) / MINUTE) + 1;
  const slot = WIDTH / minutes;
  const most = Math.max(...buckets.map((bucket) => bucket.tickets));

  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        aria-hidden="true"
        className="h-40 w-full rounded-lg bg-slate-50"
      >
        <title>Tickets sold per minute</title>
        {buckets.map((bucket) => {
          const height = (bucket.tickets / most) * (HEIGHT - 8);
          const x = Math.round((Date.parse(bucket.at) - start) / MINUTE) * slot;
          return (
            <rect
              key={bucket.at}
              x={x + slot * 0.1}
              y={HEIGHT - height}
              width={Math.max(slot * 0.8, 1)}
              height={height}
              className="fill-indigo-500"
            />
          );
        })}
      </svg>
      <figcaption className="mt-2 flex justify-between text-xs text-slate-500">
        <span>{timeFormat.format(new Date(start))}</span>
        <span>Tickets sold per minute (highest {most})</span>
        <span>{timeFormat.format(new Date(last.at))}</span>
      </figcaption>
      <table className="sr-only">
        <caption>Tickets sold per minute</caption>
        <thead>
          <tr>
            <th scope="col">Minute</th>
            <th scope="col">Tickets</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={bucket.at}>
              <th scope="row">{timeFormat.format(new Date(bucket.at))}</th>
              <td>{bucket.tickets}</td>
              <td>{formatMoney(bucket.revenueCents, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
