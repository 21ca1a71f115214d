import type { Booking, BookingItem } from '@ticket-booking/shared';
import { Link, useLocation } from 'react-router';
import { Alert } from '../../components/alert';
import { Button, ButtonLink } from '../../components/button';
import { Card } from '../../components/card';
import { Spinner } from '../../components/spinner';
import { useBookings } from '../../features/bookings/api/bookings';
import { BookingTickets } from '../../features/bookings/components/booking-tickets';
import { CancelBooking } from '../../features/bookings/components/cancel-booking';
import { FindBookingLink } from '../../features/bookings/components/find-booking-link';
import { openedBookingsNotice } from '../../features/bookings/utils/find-booking';
import { useConcert } from '../../features/concerts/api/concerts';
import { describeSeats } from '../../features/seating';
import { messageOf } from '../../lib/api-client';
import { formatConcertDate, formatCount, formatMoney } from '../../lib/format';
import { usePageTitle } from '../page-title';

/** "2 × Stalls (Section Stalls, Row B, Seats 4–5)": a line of a booking, with its seats if any. */
function itemText(item: BookingItem): string {
  const text = `${item.quantity} × ${item.name}`;
  return item.seats && item.seats.length > 0 ? `${text} (${describeSeats(item.seats)})` : text;
}

function BookingCard({ booking }: { booking: Booking }) {
  // By its id: the list has only the concerts on sale, and a booking outlives its concert's sales.
  const concert = useConcert(booking.concertId).data;
  const tickets = booking.items.reduce((sum, item) => sum + item.quantity, 0);
  return (
    <Card as="li" className="transition hover:ring-indigo-300">
      <Link
        to={`/bookings/${booking.id}`}
        className="block rounded-2xl p-5 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">
            {concert ? `${concert.artist} — ${concert.name}` : 'Concert'}
          </h2>
          <span className="font-mono text-sm font-semibold tracking-wider text-indigo-700">
            {booking.confirmationCode}
          </span>
        </div>
        {concert && (
          <p className="mt-1 text-sm text-slate-600">
            {formatConcertDate(concert)} · {concert.venue}
          </p>
        )}
        <p className="mt-3 text-sm">
          {booking.items.map(itemText).join(', ')} ·{' '}
          <span className="tabular-nums">{formatMoney(booking.totalCents, booking.currency)}</span>
          {booking.status === 'CANCELLED' ? (
            <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
              Cancelled
            </span>
          ) : (
            <span className="ml-2 rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">
              Confirmed
            </span>
          )}
        </p>
        <p className="sr-only">{formatCount(tickets, 'ticket', 'tickets')}</p>
      </Link>
      {/* Outside the link: a button inside a link is neither valid nor reachable. */}
      <div className="px-5 pb-5">
        <BookingTickets booking={booking} compact />
        <CancelBooking booking={booking} />
      </div>
    </Card>
  );
}

/** `/bookings`: what this browser has bought or opened, newest first. */
export function BookingsRoute() {
  const bookings = useBookings();
  // Left by the find page when an emailed link opened bookings here.
  const notice = openedBookingsNotice(useLocation().state);
  const empty = bookings.data?.length === 0;
  usePageTitle('My bookings');

  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">My bookings</h1>
      <p className="mt-2 text-slate-600">Tickets bought or opened in this browser.</p>
      {!empty && <FindBookingLink className="mt-1 text-slate-600" />}
      {notice && (
        <div className="mt-6">
          <Alert tone="success">{notice}</Alert>
        </div>
      )}
      <div className="mt-6">
        {bookings.isPending && <Spinner label="Loading your bookings…" />}
        {bookings.isError && (
          <Alert
            tone="error"
            title="Your bookings could not be loaded"
            action={
              <Button variant="secondary" onClick={() => void bookings.refetch()}>
                Try again
              </Button>
            }
          >
            {messageOf(bookings.error)}
          </Alert>
        )}
        {empty && (
          <Card className="p-8 text-center">
            <p className="font-semibold">No bookings yet</p>
            <p className="mt-1 text-sm text-slate-600">When you buy tickets, they show up here.</p>
            <ButtonLink to="/" className="mt-4">
              Find a concert
            </ButtonLink>
            <FindBookingLink className="mt-4 text-slate-600" />
          </Card>
        )}
        {bookings.data && bookings.data.length > 0 && (
          <ul className="space-y-4">
            {bookings.data.map((booking) => (
              <BookingCard key={booking.id} booking={booking} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
