import { FindBookingPage } from '../../features/bookings/components/find-booking-page';
import { usePageTitle } from '../page-title';

/** `/bookings/find`: a booking bought in another browser, opened here; the emailed link's page. */
export function FindBookingRoute() {
  usePageTitle('Find your booking');
  return <FindBookingPage />;
}
