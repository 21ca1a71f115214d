import { planSeats, type SeatPlan, type SeatState, type TierSales } from '@ticket-booking/shared';
import { useMemo } from 'react';
import { SeatMap, type SeatMapTier } from '../../seating';
import { seatTally } from '../utils/seat-tally';

const NO_SEATS: ReadonlySet<string> = new Set();

function ignoreToggle() {
  // The organizer watches the seats; only shoppers pick them.
}

/**
 * A seated concert's seats as they sell: the map, read-only, turning seats held and sold as the
 * stream says, and each zone's free, held and sold seats as a table.
 */
export function SalesSeatMap({
  plan,
  states,
  tiers,
}: {
  plan: SeatPlan;
  /** Every seat's state, in plan order. */
  states: readonly SeatState[];
  tiers: readonly TierSales[];
}) {
  const seats = useMemo(() => planSeats(plan), [plan]);
  // Fetched again every few seconds as the same tiers: the map is not redrawn for that.
  const mapTiers = useMemo(
    () =>
      tiers.map(({ code, name, priceCents, currency }): SeatMapTier => ({
        code,
        name,
        priceCents,
        currency,
      })),
    [tiers],
  );
  const tally = seatTally(seats, states);
  const nameOf = (code: string) => tiers.find((tier) => tier.code === code)?.name ?? code;
  return (
    <section aria-labelledby="seats-heading">
      <h2 id="seats-heading" className="text-xl font-semibold">
        Seats
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Live: a seat is held while it is in a shopper’s basket, and sold once bought.
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm tabular-nums">
          <caption className="sr-only">Seats by zone</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                Zone
              </th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">
                Free
              </th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">
                Held
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Sold
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {[...tally].map(([code, counts]) => (
              <tr key={code}>
                <th scope="row" className="py-1 pr-4 font-medium">
                  {nameOf(code)}
                </th>
                <td className="py-1 pr-4 text-right">{counts.free.toLocaleString()}</td>
                <td className="py-1 pr-4 text-right">{counts.held.toLocaleString()}</td>
                <td className="py-1 text-right">{counts.sold.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4">
        <SeatMap
          plan={plan}
          states={states}
          tiers={mapTiers}
          selected={NO_SEATS}
          own={NO_SEATS}
          onToggle={ignoreToggle}
          disabled
        />
      </div>
    </section>
  );
}
