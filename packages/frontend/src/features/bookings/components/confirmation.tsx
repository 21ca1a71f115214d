import type { Booking, Concert } from '@ticket-booking/shared';
import { ButtonLink } from '../../../components/button';
import { Card } from '../../../components/card';
import { formatConcertDate, formatVenueTime } from '../../../lib/format';
import { BookingItems } from './booking-items';
import { BookingTickets } from './booking-tickets';
import { CancelBooking } from './cancel-booking';

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
};

/** What a shopper sees once the purchase went through. */
export function Confirmation({ booking, concert }: { booking: Booking; concert?: Concert }) {
  const cancelled = booking.status === 'CANCELLED';
  return (
    <article className="mx-auto max-w-xl">
      <div className="text-center">
        <p className="text-sm font-semibold text-emerald-700">
          {cancelled ? 'Booking cancelled' : 'You’re going!'}
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">
          {concert ? `${concert.artist} — ${concert.name}` : 'Your booking'}
        </h1>
        {concert && (
          <p className="mt-2 text-slate-600">
            {formatConcertDate(concert)} · {concert.venue}
          </p>
        )}
      </div>

      <Card className="mt-8 p-6">
        <p className="text-center text-sm text-slate-600">Confirmation code</p>
        <p
          className="mt-1 text-center font-mono text-3xl font-bold tracking-widest"
          data-testid="confirmation-code"
        >
          {booking.confirmationCode}
        </p>
        <div className="mt-6">
          <BookingItems booking={booking} />
        </div>
        <p className="mt-4 text-sm text-slate-600">
          Tickets for {booking.buyer.name}, sent to {booking.buyer.email}. Paid with{' '}
          {BRANDS[booking.payment.brand] ?? 'card'} ending in {booking.payment.last4}.
        </p>
        {booking.cancelledAt && (
          <p className="mt-2 text-sm font-medium text-slate-700">
            Cancelled on {formatVenueTime(booking.cancelledAt, concert?.timeZone ?? 'UTC')}; the
            tickets were released.
          </p>
        )}
        <BookingTickets booking={booking} />
      </Card>

      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <CancelBooking booking={booking} />
        <ButtonLink to="/bookings" variant="secondary">
          My bookings
        </ButtonLink>
        <ButtonLink to="/">More concerts</ButtonLink>
      </div>
    </article>
  );
}
