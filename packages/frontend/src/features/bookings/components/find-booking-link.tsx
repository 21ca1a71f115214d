import { Link } from 'react-router';
import { FIND_BOOKING_PATH } from '../utils/find-booking';

/**
 * The way to a booking bought in another browser, for wherever one may be missed; its text takes
 * the colour around it.
 */
export function FindBookingLink({ className = '' }: { className?: string }) {
  return (
    <p className={`text-sm ${className}`.trim()}>
      Bought on another device?{' '}
      <Link
        to={FIND_BOOKING_PATH}
        className="rounded font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Find your booking
      </Link>
    </p>
  );
}
