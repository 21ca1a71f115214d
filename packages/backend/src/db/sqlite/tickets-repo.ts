import type { CheckInRecord, TicketsRepo } from '../../modules/tickets/tickets.repo.js';
import { SELECT_BOOKING, toRecord, type BookingRow } from './bookings-repo.js';
import type { Sqlite } from './driver.js';

export function createTicketsRepo(sqlite: Sqlite): TicketsRepo {
  const booking = sqlite.prepare<[string], BookingRow>(`${SELECT_BOOKING} WHERE b.id = ?`);
  const checkIns = sqlite.prepare<[string], CheckInRecord>(
    `SELECT booking_id AS bookingId, ticket, checked_in_at AS checkedInAt, door
     FROM check_ins WHERE booking_id = ? ORDER BY ticket`,
  );
  const checkIn = sqlite.prepare<CheckInRecord>(
    `INSERT INTO check_ins (booking_id, ticket, tier_id, checked_in_at, door)
     VALUES (@bookingId, @ticket, @tierId, @checkedInAt, @door) ON CONFLICT DO NOTHING`,
  );
  return {
    async booking(bookingId) {
      const row = booking.get(bookingId);
      return row && toRecord(row);
    },
    async checkIns(bookingId) {
      return checkIns.all(bookingId);
    },
    async checkIn(record) {
      return checkIn.run(record).changes === 1;
    },
  };
}
