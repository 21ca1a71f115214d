import { formatCount } from '../../../lib/format';

/** Where a buyer finds a booking bought in another browser. */
export const FIND_BOOKING_PATH = '/bookings/find';

/**
 * The token of an emailed link, from the address's fragment (`#token=…`): a fragment is never
 * sent to the server, so the token stays out of its logs and the Referer header.
 */
export function linkTokenOf(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token === null || token === '' ? undefined : token;
}

/** What the find page hands My bookings once an emailed link opened bookings here. */
export interface OpenedBookingsState {
  openedBookings: number;
}

export function openedBookingsState(bookings: readonly unknown[]): OpenedBookingsState {
  return { openedBookings: bookings.length };
}

/** My bookings' notice for the router state the find page left, if it left one. */
export function openedBookingsNotice(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('openedBookings' in state)) return undefined;
  const count = state.openedBookings;
  if (typeof count !== 'number') return undefined;
  if (count === 0) return 'The link opened no bookings: there are none for its email address.';
  return `Opened ${formatCount(count, 'booking', 'bookings')} from your email on this device.`;
}
