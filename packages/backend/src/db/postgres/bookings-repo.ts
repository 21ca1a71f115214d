import type {
  BookingRecord,
  BookingsRepo,
  BuyerKey,
  NewBooking,
} from '../../modules/bookings/bookings.repo.js';
import type { Queries } from './queries.js';

export const SELECT_BOOKING = `
  SELECT b.id, b.confirmation_code AS "confirmationCode", b.session_id AS "sessionId",
         b.concert_id AS "concertId", b.status, b.total_cents AS "totalCents", b.currency,
         b.buyer_name AS "buyerName", b.buyer_email AS "buyerEmail", b.card_brand AS "cardBrand",
         b.card_last4 AS "cardLast4", b.created_at AS "createdAt",
         b.cancelled_at AS "cancelledAt",
         COALESCE((
           SELECT json_agg(json_build_object(
                    'tierId', bi.tier_id, 'tier', bi.tier_code, 'name', bi.tier_name,
                    'quantity', bi.quantity, 'unitPriceCents', bi.unit_price_cents,
                    'seats', bi.seats::JSON)
                  ORDER BY t.position)
           FROM booking_items bi JOIN tiers t ON t.id = bi.tier_id
           WHERE bi.booking_id = b.id), '[]'::json) AS items
  FROM bookings b`;

/** A buyer of a concert as `BUYER_BOOKINGS` takes them, in a JSON list. */
export function buyerRow(concertId: string, buyer: BuyerKey): string[] {
  return [concertId, buyer.emailKey, buyer.cardBrand, buyer.cardLast4, buyer.cardExpiry];
}

/**
 * The confirmed bookings of each buyer of `$1` (a JSON list of `buyerRow`s) with their tickets,
 * each named by its place in the list (`n`, from 1): those with the buyer's email key, and those
 * with the buyer's card.
 */
export const BUYER_BOOKINGS = `
  SELECT x.n, b.id,
         (SELECT SUM(quantity) FROM booking_items WHERE booking_id = b.id)::INTEGER AS tickets
  FROM json_array_elements($1::JSON) WITH ORDINALITY AS x(buyer, n)
  JOIN bookings b ON b.concert_id = x.buyer->>0 AND b.status = 'CONFIRMED'
    AND (b.buyer_email_key = x.buyer->>1
         OR (b.card_last4 = x.buyer->>3 AND b.card_brand = x.buyer->>2
             AND b.card_expiry = x.buyer->>4))`;

export function createBookingsRepo(q: Queries): BookingsRepo {
  return {
    /** The booking and its items in one statement. */
    async insert(booking: NewBooking): Promise<void> {
      await q.run(
        `WITH booking AS (
           INSERT INTO bookings (id, confirmation_code, session_id, concert_id, status,
                                 total_cents, currency, buyer_name, buyer_email, card_brand,
                                 card_last4, created_at, buyer_email_key, card_expiry)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $14, $15))
         INSERT INTO booking_items (booking_id, tier_id, tier_code, tier_name, quantity,
                                    unit_price_cents)
         SELECT $1, x."tierId", x.tier, x.name, x.quantity, x."unitPriceCents"
         FROM json_to_recordset($13) AS x("tierId" INTEGER, tier TEXT, name TEXT,
                                          quantity INTEGER, "unitPriceCents" INTEGER)`,
        [
          booking.id,
          booking.confirmationCode,
          booking.sessionId,
          booking.concertId,
          booking.status,
          booking.totalCents,
          booking.currency,
          booking.buyerName,
          booking.buyerEmail,
          booking.cardBrand,
          booking.cardLast4,
          booking.createdAt,
          JSON.stringify(booking.items),
          booking.buyerEmailKey,
          booking.cardExpiry,
        ],
      );
    },

    async listForSession(sessionId: string): Promise<BookingRecord[]> {
      return q.rows<BookingRecord>(
        `${SELECT_BOOKING}
         WHERE b.session_id = $1
            OR b.id IN (SELECT booking_id FROM booking_access WHERE session_id = $1)
         ORDER BY b.created_at DESC, b.seq DESC`,
        [sessionId],
      );
    },

    /** In a write, locks the booking: two cancellations of it take turns. */
    async findForSession(bookingId: string, sessionId: string): Promise<BookingRecord | undefined> {
      const lock = q.write ? ' FOR UPDATE OF b' : '';
      const rows = await q.rows<BookingRecord>(
        `${SELECT_BOOKING}
         WHERE b.id = $1
           AND (b.session_id = $2
                OR EXISTS (SELECT 1 FROM booking_access
                           WHERE session_id = $2 AND booking_id = b.id))${lock}`,
        [bookingId, sessionId],
      );
      return rows[0];
    },

    async listForEmail(email: string): Promise<BookingRecord[]> {
      return q.rows<BookingRecord>(
        `${SELECT_BOOKING} WHERE lower(b.buyer_email) = lower($1)
         ORDER BY b.created_at DESC, b.seq DESC`,
        [email],
      );
    },

    async findByConfirmationCode(code: string): Promise<BookingRecord | undefined> {
      const rows = await q.rows<BookingRecord>(`${SELECT_BOOKING} WHERE b.confirmation_code = $1`, [
        code,
      ]);
      return rows[0];
    },

    async share(sessionId: string, bookingIds: string[], now: number): Promise<void> {
      await q.run(
        `INSERT INTO booking_access (session_id, booking_id, shared_at)
         SELECT $1, id, $3 FROM unnest($2::TEXT[]) AS id
         ON CONFLICT DO NOTHING`,
        [sessionId, bookingIds, now],
      );
    },

    async cancel(bookingId: string, now: number): Promise<void> {
      await q.run(
        `UPDATE bookings SET status = 'CANCELLED', cancelled_at = $2
         WHERE id = $1 AND status = 'CONFIRMED'`,
        [bookingId, now],
      );
      await q.run('DELETE FROM seat_claims WHERE booking_id = $1', [bookingId]);
    },

    async isConfirmationCodeTaken(code: string): Promise<boolean> {
      const rows = await q.rows('SELECT 1 FROM bookings WHERE confirmation_code = $1', [code]);
      return rows.length > 0;
    },

    /** In a write, after the concert's lock: two purchases of the concert take turns. */
    async ticketsBoughtBy(concertId: string, buyer: BuyerKey): Promise<number> {
      await q.write?.concert(concertId);
      const rows = await q.rows<{ tickets: number }>(
        `SELECT COALESCE(SUM(tickets), 0)::INTEGER AS tickets
         FROM (${BUYER_BOOKINGS}) AS bought`,
        [JSON.stringify([buyerRow(concertId, buyer)])],
      );
      return rows[0]?.tickets ?? 0;
    },
  };
}
