import type { Booking } from '@ticket-booking/shared';
import { formatMoney } from '../../../lib/format';

/** The lines of a booking and its total, as a receipt; a seated tier's with its seats. */
export function BookingItems({ booking }: { booking: Booking }) {
  return (
    <dl className="divide-y divide-slate-200 text-sm">
      {booking.items.map((item) => (
        <div key={item.tier} className="flex flex-wrap justify-between gap-x-4 py-2">
          <dt>
            {item.quantity} × {item.name}
          </dt>
          <dd className="tabular-nums">
            {formatMoney(item.quantity * item.unitPriceCents, booking.currency)}
          </dd>
          {item.seats && item.seats.length > 0 && (
            <dd className="mt-1 w-full text-slate-600">
              <ul aria-label={`${item.name} seats`}>
                {item.seats.map((seat) => (
                  <li key={seat.id}>{seat.label}</li>
                ))}
              </ul>
            </dd>
          )}
        </div>
      ))}
      <div className="flex justify-between gap-4 py-2 font-semibold">
        <dt>Total</dt>
        <dd className="tabular-nums">{formatMoney(booking.totalCents, booking.currency)}</dd>
      </div>
    </dl>
  );
}
