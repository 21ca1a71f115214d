import type { BookingRecord } from '../bookings/bookings.repo.js';

/** A ticket let in at a door. */
export interface CheckInRecord {
  bookingId: string;
  /** The ticket's number within its booking, from 1. */
  ticket: number;
  /** The tier it admits to, for the organizer's counts. */
  tierId: number;
  checkedInAt: number;
  door: string | null;
}

/** Tickets as the door sees them: bookings by id, whoever bought them, and their check-ins. */
export interface TicketsRepo {
  /** The booking, whichever session bought it; in a write, its cancellation waits for this one. */
  booking(bookingId: string): Promise<BookingRecord | undefined>;
  /** The booking's tickets that have been let in, by number. */
  checkIns(bookingId: string): Promise<CheckInRecord[]>;
  /** Records the check-in unless the ticket has one already: resolves whether it did. */
  checkIn(record: CheckInRecord): Promise<boolean>;
}
