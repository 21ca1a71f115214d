import type { BookingRecord } from '../../modules/bookings/bookings.repo.js';
import type { CheckInRecord, TicketsRepo } from '../../modules/tickets/tickets.repo.js';
import { SELECT_BOOKING } from './bookings-repo.js';
import type { Queries } from './queries.js';

export function createTicketsRepo(q: Queries): TicketsRepo {
  return {
    async booking(bookingId) {
      // Shared with other check-ins, exclusive of a cancellation's FOR UPDATE.
      const lock = q.write ? ' FOR SHARE OF b' : '';
      const rows = await q.rows<BookingRecord>(`${SELECT_BOOKING} WHERE b.id = $1${lock}`, [
        bookingId,
      ]);
      return rows[0];
    },
    checkIns: (bookingId) =>
      q.rows<CheckInRecord>(
        `SELECT booking_id AS "bookingId", ticket, checked_in_at AS "checkedInAt", door
         FROM check_ins WHERE booking_id = $1 ORDER BY ticket`,
        [bookingId],
      ),
    async checkIn(record) {
      const inserted = await q.run(
        `INSERT INTO check_ins (booking_id, ticket, tier_id, checked_in_at, door)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [record.bookingId, record.ticket, record.tierId, record.checkedInAt, record.door],
      );
      return inserted === 1;
    },
  };
}
