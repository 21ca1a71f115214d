import { BookingSchema, type Booking, type Concert } from '@ticket-booking/shared';
import { useLocation, useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { ButtonLink } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { useBooking } from '../../features/bookings/api/bookings';
import { Confirmation } from '../../features/bookings/components/confirmation';
import { FindBookingLink } from '../../features/bookings/components/find-booking-link';
import { useConcert } from '../../features/concerts/api/concerts';
import { ApiError, messageOf } from '../../lib/api-client';
import { usePageTitle } from '../page-title';

/** "Booking K7QP-M2XD — Quiet Fires", the concert's name once it is in. */
function bookingTitle(booking: Booking, concert: Concert | undefined): string {
  const title = `Booking ${booking.confirmationCode}`;
  return concert ? `${title} — ${concert.name}` : title;
}

/** `/bookings/:bookingId`: the confirmation, straight after paying or from My bookings. */
export function BookingRoute() {
  const { bookingId = '' } = useParams();
  const location = useLocation();
  const handed = BookingSchema.safeParse((location.state as { booking?: unknown } | null)?.booking);
  const booking = useBooking(bookingId, handed.success ? handed.data : undefined);
  // By its id: the list has only the concerts on sale, and a booking outlives its concert's sales.
  const concertQuery = useConcert(booking.data?.concertId ?? '', { enabled: booking.isSuccess });
  const concert = concertQuery.data;
  const missing = booking.error instanceof ApiError && booking.error.status === 404;
  let title: string | undefined;
  if (booking.isError) title = missing ? 'Booking not found' : 'Booking';
  else if (booking.data && !concertQuery.isPending) title = bookingTitle(booking.data, concert);
  usePageTitle(title);

  if (booking.isPending) return <Spinner label="Loading your booking…" />;
  if (booking.isError) {
    return (
      <Alert
        tone="error"
        title={missing ? 'We could not find this booking' : 'Your booking could not be loaded'}
        action={
          <ButtonLink to="/bookings" variant="secondary">
            My bookings
          </ButtonLink>
        }
      >
        {missing ? (
          <>
            <p>A booking shows only in the browser it was bought or opened in.</p>
            <FindBookingLink className="mt-1" />
          </>
        ) : (
          messageOf(booking.error)
        )}
      </Alert>
    );
  }
  return <Confirmation booking={booking.data} concert={concert} />;
}
