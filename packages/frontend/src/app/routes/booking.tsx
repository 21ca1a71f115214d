import { BookingSchema } from '@ticket-booking/shared';
import { useLocation, useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { ButtonLink } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { useBooking } from '../../features/bookings/api/bookings';
import { Confirmation } from '../../features/bookings/components/confirmation';
import { useConcert } from '../../features/concerts/api/concerts';
import { ApiError, messageOf } from '../../lib/api-client';

/** `/bookings/:bookingId`: the confirmation, straight after paying or from My bookings. */
export function BookingRoute() {
  const { bookingId = '' } = useParams();
  const location = useLocation();
  const handed = BookingSchema.safeParse((location.state as { booking?: unknown } | null)?.booking);
  const booking = useBooking(bookingId, handed.success ? handed.data : undefined);
  // By its id: the list has only the concerts on sale, and a booking outlives its concert's sales.
  const concert = useConcert(booking.data?.concertId ?? '', { enabled: booking.isSuccess }).data;

  if (booking.isPending) return <Spinner label="Loading your booking…" />;
  if (booking.isError) {
    const missing = booking.error instanceof ApiError && booking.error.status === 404;
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
        {missing
          ? 'Bookings can be seen only from the browser they were made in.'
          : messageOf(booking.error)}
      </Alert>
    );
  }
  return <Confirmation booking={booking.data} concert={concert} />;
}
