import {
  EVERY_SEAT,
  type SeatClaim,
  type SeatingRepo,
} from '../../modules/seating/seating.repo.js';
import type { Queries } from './queries.js';

export function createSeatingRepo(q: Queries): SeatingRepo {
  return {
    async insertPlan(concertId, plan, seats) {
      await q.run('INSERT INTO seat_plans (concert_id, plan) VALUES ($1, $2)', [concertId, plan]);
      await q.run(
        `INSERT INTO seats (concert_id, seat, seat_id, tier_id, section, row_label, number)
         SELECT $1, x.seat, x.id, x."tierId", x.section, x.row, x.number
         FROM json_to_recordset($2::JSON) AS x(
           seat INTEGER, id TEXT, "tierId" INTEGER, section TEXT, row TEXT, number TEXT)`,
        [concertId, JSON.stringify(seats)],
      );
    },
    async plan(concertId) {
      const rows = await q.rows<{ plan: string | null }>(
        `SELECT p.plan FROM concerts c LEFT JOIN seat_plans p ON p.concert_id = c.id
         WHERE c.id = $1`,
        [concertId],
      );
      return rows[0]?.plan;
    },
    claims: (concertId, now, range = EVERY_SEAT) =>
      q.snapshot(async (s) => {
        const [concert] = await s.rows<{ version: number }>(
          'SELECT availability_version AS version FROM concerts WHERE id = $1',
          [concertId],
        );
        const claims = await s.rows<SeatClaim>(
          `SELECT c.seat, c.hold_id::INTEGER AS "holdId", c.booking_id IS NOT NULL AS sold
           FROM seat_claims c LEFT JOIN holds h ON h.id = c.hold_id
           WHERE c.concert_id = $1 AND c.seat BETWEEN $3 AND $4
             AND (c.booking_id IS NOT NULL OR h.expires_at > $2)
           ORDER BY c.seat`,
          [concertId, now, range.from, range.to],
        );
        return { version: concert?.version ?? 0, claims };
      }),
    async claim(concertId, holdId, seats) {
      const claimed = await q.rows<{ seat: number }>(
        `INSERT INTO seat_claims (concert_id, seat, hold_id)
         SELECT $1, value::INTEGER, $2 FROM json_array_elements_text($3::JSON)
         ON CONFLICT DO NOTHING RETURNING seat`,
        [concertId, holdId, JSON.stringify(seats)],
      );
      const got = new Set(claimed.map((row) => row.seat));
      return seats.filter((seat) => !got.has(seat));
    },
    async sellUnheld(concertId, bookingId, seats) {
      const sold = await q.rows<{ seat: number }>(
        `INSERT INTO seat_claims (concert_id, seat, booking_id)
         SELECT $1, value::INTEGER, $2 FROM json_array_elements_text($3::JSON)
         ON CONFLICT DO NOTHING RETURNING seat`,
        [concertId, bookingId, JSON.stringify(seats)],
      );
      const got = new Set(sold.map((row) => row.seat));
      return seats.filter((seat) => !got.has(seat));
    },
    async claimedByRunOut(concertId, seats, now) {
      const rows = await q.rows(
        `SELECT 1 FROM seat_claims c JOIN holds h ON h.id = c.hold_id
         WHERE c.concert_id = $1 AND c.seat IN (SELECT value::INTEGER FROM json_array_elements_text($2::JSON))
           AND h.expires_at <= $3 LIMIT 1`,
        [concertId, JSON.stringify(seats), now],
      );
      return rows.length > 0;
    },
    async ofHold(holdId) {
      const rows = await q.rows<{ seat: number }>(
        'SELECT seat FROM seat_claims WHERE hold_id = $1 ORDER BY seat',
        [holdId],
      );
      return rows.map((row) => row.seat);
    },
    async releaseHold(holdId) {
      await q.run('DELETE FROM seat_claims WHERE hold_id = $1', [holdId]);
    },
    async sell(holdId, bookingId) {
      await q.run('UPDATE seat_claims SET hold_id = NULL, booking_id = $2 WHERE hold_id = $1', [
        holdId,
        bookingId,
      ]);
    },
  };
}
