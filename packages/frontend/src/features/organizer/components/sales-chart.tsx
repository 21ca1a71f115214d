import { formatInTimeZone, timeZoneName, type SalesBucket } from '@ticket-booking/shared';
import { formatMoney } from '../../../lib/format';

const WIDTH = 640;
const HEIGHT = 240;
/** Room for the axes' labels and titles around the plot. */
const PLOT = { left: 56, right: 16, top: 12, bottom: 56 };
const PLOT_WIDTH = WIDTH - PLOT.left - PLOT.right;
const PLOT_HEIGHT = HEIGHT - PLOT.top - PLOT.bottom;
const MINUTE = 60_000;
/** The shortest time line drawn, so a first sale is a bar and not the whole chart. */
const MIN_MINUTES = 30;

/** Steps of 1, 2 or 5 times a power of ten, about four of them up to `most`. */
function ticksUpTo(most: number): number[] {
  const rough = Math.max(1, most / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const top = Math.ceil(most / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

/** A minute on the time axis, at the venue: `15 Jan 2030, 19:58` in the reader's locale. */
function tickFormat(timeZone: string) {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/**
 * Tickets sold per minute as bars on a time line, minutes without sales left empty, with a
 * scale of tickets and dates (with their year) at the venue, in its time zone. The chart is a
 * picture for sighted readers; the same figures are a table for screen readers.
 */
export function SalesChart({
  buckets,
  currency,
  timeZone,
}: {
  buckets: SalesBucket[];
  currency: string;
  timeZone: string;
}) {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last) {
    return <p className="text-sm text-slate-600">No tickets sold yet.</p>;
  }
  const end = Date.parse(last.at);
  const start = Math.min(Date.parse(first.at), end - (MIN_MINUTES - 1) * MINUTE);
  const minutes = Math.round((end - start) / MINUTE) + 1;
  const slot = PLOT_WIDTH / minutes;
  const yTicks = ticksUpTo(Math.max(...buckets.map((bucket) => bucket.tickets)));
  const top = yTicks.at(-1) ?? 1;
  const y = (tickets: number) => PLOT.top + PLOT_HEIGHT - (tickets / top) * PLOT_HEIGHT;
  const x = (at: number) => PLOT.left + Math.round((at - start) / MINUTE) * slot;
  const middle = start + Math.round((end - start) / MINUTE / 2) * MINUTE;
  const xTicks = [
    { at: start, anchor: 'start' },
    { at: middle, anchor: 'middle' },
    { at: end, anchor: 'end' },
  ] as const;
  const format = tickFormat(timeZone);
  const zone = timeZoneName(end, timeZone);

  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        aria-hidden="true"
        className="h-auto w-full rounded-lg bg-slate-50 text-[11px]"
        data-testid="sales-chart"
      >
        {yTicks.map((tick) => (
          <g key={tick}>
            <line
              x1={PLOT.left}
              x2={WIDTH - PLOT.right}
              y1={y(tick)}
              y2={y(tick)}
              className="stroke-slate-200"
            />
            <text
              x={PLOT.left - 6}
              y={y(tick)}
              textAnchor="end"
              dominantBaseline="middle"
              className="fill-slate-600"
            >
              {tick}
            </text>
          </g>
        ))}
        <text
          transform={`translate(14 ${PLOT.top + PLOT_HEIGHT / 2}) rotate(-90)`}
          textAnchor="middle"
          className="fill-slate-700"
        >
          Tickets per minute
        </text>
        {buckets.map((bucket) => (
          <rect
            key={bucket.at}
            x={x(Date.parse(bucket.at)) + slot * 0.1}
            y={y(bucket.tickets)}
            width={Math.max(slot * 0.8, 1)}
            height={PLOT.top + PLOT_HEIGHT - y(bucket.tickets)}
            className="fill-indigo-500"
          />
        ))}
        <line
          x1={PLOT.left}
          x2={WIDTH - PLOT.right}
          y1={PLOT.top + PLOT_HEIGHT}
          y2={PLOT.top + PLOT_HEIGHT}
          className="stroke-slate-400"
        />
        {xTicks.map((tick) => (
          <text
            key={tick.anchor}
            x={tick.anchor === 'end' ? x(tick.at) + slot : x(tick.at)}
            y={PLOT.top + PLOT_HEIGHT + 18}
            textAnchor={tick.anchor}
            className="fill-slate-600"
          >
            {format.format(tick.at)}
          </text>
        ))}
        <text
          x={PLOT.left + PLOT_WIDTH / 2}
          y={HEIGHT - 10}
          textAnchor="middle"
          className="fill-slate-700"
        >
          {`Time at the venue (${zone})`}
        </text>
      </svg>
      <figcaption className="mt-2 text-xs text-slate-500">Tickets sold per minute</figcaption>
      {/* Clipped by a box: a table itself is not, and its rows would lengthen the page. */}
      <div className="sr-only">
        <table>
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
                <th scope="row">{formatInTimeZone(bucket.at, timeZone)}</th>
                <td>{bucket.tickets}</td>
                <td>{formatMoney(bucket.revenueCents, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
