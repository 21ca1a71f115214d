import type {
  BookingItemRecord,
  BookingRecord,
  BookingsRepo,
  BuyerKey,
  NewBooking,
} from '../../modules/bookings/bookings.repo.js';
import type { Sqlite } from './driver.js';

export interface BookingRow extends Omit<BookingRecord, 'items'> {
  items: string;
}

export const SELECT_BOOKING = `
  SELECT b.id, b.confirmation_code AS confirmationCode, b.session_id AS sessionId,
         b.concert_id AS concertId, b.status, b.total_cents AS totalCents, b.currency,
         b.buyer_name AS buyerName, b.buyer_email AS buyerEmail, b.card_brand AS cardBrand,
         b.card_last4 AS cardLast4, b.created_at AS createdAt, b.cancelled_at AS cancelledAt,
         (SELECT json_group_array(json_object(
                   'tierId', bi.tier_id, 'tier', bi.tier_code, 'name', bi.tier_name,
                   'quantity', bi.quantity, 'unitPriceCents', bi.unit_price_cents,
                   'seats', json(bi.seats)))
            FROM (SELECT bi.* FROM booking_items bi JOIN tiers t ON t.id = bi.tier_id
                  WHERE bi.booking_id = b.id ORDER BY t.position) bi) AS items
  FROM bookings b`;

export function toRecord(row: BookingRow): BookingRecord {
  return { ...row, items: JSON.parse(row.items) as BookingItemRecord[] };
}

export function createBookingsRepo(sqlite: Sqlite): BookingsRepo {
  const insertBooking = sqlite.prepare<Omit<NewBooking, 'items'>>(
    `INSERT INTO bookings (id, confirmation_code, session_id, concert_id, status, total_cents,
                           currency, buyer_name, buyer_email, buyer_email_key, card_brand,
                           card_last4, card_expiry, created_at)
     VALUES (@id, @confirmationCode, @sessionId, @concertId, @status, @totalCents, @currency,
             @buyerName, @buyerEmail, @buyerEmailKey, @cardBrand, @cardLast4, @cardExpiry,
             @createdAt)`,
  );
  const insertItem = sqlite.prepare<
    Omit<BookingItemRecord, 'seats'> & { bookingId: string; seats: string | null }
  >(
    `INSERT INTO booking_items (booking_id, tier_id, tier_code, tier_name, quantity,
                                unit_price_cents, seats)
     VALUES (@bookingId, @tierId, @tier, @name, @quantity, @unitPriceCents, @seats)`,
  );
  const ofSession = sqlite.prepare<{ sessionId: string }, BookingRow>(
    `${SELECT_BOOKING}
     WHERE b.session_id = @sessionId
        OR b.id IN (SELECT booking_id FROM booking_access WHERE session_id = @sessionId)
     ORDER BY b.created_at DESC, b.rowid DESC`,
  );
  const byId = sqlite.prepare<{ bookingId: string; sessionId: string }, BookingRow>(
    `${SELECT_BOOKING}
     WHERE b.id = @bookingId
       AND (b.session_id = @sessionId
            OR EXISTS (SELECT 1 FROM booking_access
                       WHERE session_id = @sessionId AND booking_id = b.id))`,
  );
  const ofEmail = sqlite.prepare<[string], BookingRow>(
    `${SELECT_BOOKING} WHERE lower(b.buyer_email) = lower(?)
     ORDER BY b.created_at DESC, b.rowid DESC`,
  );
  const byCode = sqlite.prepare<[string], BookingRow>(
    `${SELECT_BOOKING} WHERE b.confirmation_code = ?`,
  );
  const share = sqlite.prepare<[string, string, number]>(
    `INSERT INTO booking_access (session_id, booking_id, shared_at) VALUES (?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const cancelConfirmed = sqlite.prepare<[number, string]>(
    `UPDATE bookings SET status = 'CANCELLED', cancelled_at = ?
     WHERE id = ? AND status = 'CONFIRMED'`,
  );
  const releaseSeats = sqlite.prepare<[string]>('DELETE FROM seat_claims WHERE booking_id = ?');
  // Each side of the OR by its own index.
  const boughtBy = sqlite
    .prepare<BuyerKey & { concertId: string }, number>(
      `SELECT COALESCE(SUM(quantity), 0) FROM booking_items
       WHERE booking_id IN (
         SELECT id FROM bookings
         WHERE concert_id = @concertId AND buyer_email_key = @emailKey AND status = 'CONFIRMED'
         UNION
         SELECT id FROM bookings
         WHERE concert_id = @concertId AND card_last4 = @cardLast4 AND card_brand = @cardBrand
           AND card_expiry = @cardExpiry AND status = 'CONFIRMED')`,
    )
    .pluck();
  const codeTaken = sqlite
    .prepare<[string], number>('SELECT 1 FROM bookings WHERE confirmation_code = ?')
    .pluck();

  return {
    async insert(booking: NewBooking): Promise<void> {
      const { items, ...row } = booking;
      insertBooking.run(row);
      for (const item of items) {
        const seats = item.seats ? JSON.stringify(item.seats) : null;
        insertItem.run({ ...item, bookingId: booking.id, seats });
      }
    },

    async listForSession(sessionId: string): Promise<BookingRecord[]> {
      return ofSession.all({ sessionId }).map(toRecord);
    },

    async findForSession(bookingId: string, sessionId: string): Promise<BookingRecord | undefined> {
      const row = byId.get({ bookingId, sessionId });
      return row && toRecord(row);
    },

    async listForEmail(email: string): Promise<BookingRecord[]> {
      return ofEmail.all(email).map(toRecord);
    },

    async findByConfirmationCode(code: string): Promise<BookingRecord | undefined> {
      const row = byCode.get(code);
      return row && toRecord(row);
    },

    async share(sessionId: string, bookingIds: string[], now: number): Promise<void> {
      for (const bookingId of bookingIds) share.run(sessionId, bookingId, now);
    },

    /**
     * Marks a confirmed booking cancelled, its seats back on sale; a booking already cancelled
     * keeps its first time.
     */
    async cancel(bookingId: string, now: number): Promise<void> {
      cancelConfirmed.run(now, bookingId);
      releaseSeats.run(bookingId);
    },

    async isConfirmationCodeTaken(code: string): Promise<boolean> {
      return codeTaken.get(code) !== undefined;
    },

    async ticketsBoughtBy(concertId: string, buyer: BuyerKey): Promise<number> {
      return boughtBy.get({ concertId, ...buyer }) ?? 0;
    },
  };
}
