import {
  EVERY_SEAT,
  type SeatClaim,
  type SeatingRepo,
  type SeatRange,
  type SeatRow,
} from '../../modules/seating/seating.repo.js';
import type { Sqlite } from './driver.js';

export function createSeatingRepo(sqlite: Sqlite): SeatingRepo {
  const insertPlan = sqlite.prepare<[string, string]>(
    'INSERT INTO seat_plans (concert_id, plan) VALUES (?, ?)',
  );
  const insertSeat = sqlite.prepare<SeatRow & { concertId: string }>(
    `INSERT INTO seats (concert_id, seat, seat_id, tier_id, section, row_label, number)
     VALUES (@concertId, @seat, @id, @tierId, @section, @row, @number)`,
  );
  const planOf = sqlite.prepare<[string], { plan: string | null }>(
    `SELECT p.plan FROM concerts c LEFT JOIN seat_plans p ON p.concert_id = c.id WHERE c.id = ?`,
  );
  const versionOf = sqlite
    .prepare<[string], number>('SELECT availability_version FROM concerts WHERE id = ?')
    .pluck();
  const claimsOf = sqlite.prepare<
    [string, number, number, number],
    { seat: number; holdId: number | null; sold: number }
  >(
    `SELECT c.seat, c.hold_id AS holdId, c.booking_id IS NOT NULL AS sold
     FROM seat_claims c LEFT JOIN holds h ON h.id = c.hold_id
     WHERE c.concert_id = ? AND c.seat BETWEEN ? AND ?
       AND (c.booking_id IS NOT NULL OR h.expires_at > ?)
     ORDER BY c.seat`,
  );
  const claimOne = sqlite
    .prepare<[string, number, number], number>(
      `INSERT INTO seat_claims (concert_id, seat, hold_id) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING seat`,
    )
    .pluck();
  const runOutClaim = sqlite
    .prepare<[string, number, number], number>(
      `SELECT 1 FROM seat_claims c JOIN holds h ON h.id = c.hold_id
       WHERE c.concert_id = ? AND c.seat = ? AND h.expires_at <= ?`,
    )
    .pluck();
  const sellOne = sqlite
    .prepare<[string, number, string], number>(
      `INSERT INTO seat_claims (concert_id, seat, booking_id) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING seat`,
    )
    .pluck();
  const ofHold = sqlite
    .prepare<[number], number>('SELECT seat FROM seat_claims WHERE hold_id = ? ORDER BY seat')
    .pluck();
  const releaseHold = sqlite.prepare<[number]>('DELETE FROM seat_claims WHERE hold_id = ?');
  const sell = sqlite.prepare<[string, number]>(
    'UPDATE seat_claims SET hold_id = NULL, booking_id = ? WHERE hold_id = ?',
  );

  const readClaims = sqlite.transaction((concertId: string, now: number, range: SeatRange) => ({
    version: versionOf.get(concertId) ?? 0,
    claims: claimsOf
      .all(concertId, range.from, range.to, now)
      .map((claim): SeatClaim => ({ ...claim, sold: claim.sold === 1 })),
  }));

  return {
    async insertPlan(concertId, plan, seats) {
      insertPlan.run(concertId, plan);
      for (const seat of seats) insertSeat.run({ ...seat, concertId });
    },
    async plan(concertId) {
      return planOf.get(concertId)?.plan;
    },
    async claims(concertId, now, range = EVERY_SEAT) {
      return readClaims(concertId, now, range);
    },
    async claim(concertId, holdId, seats) {
      return seats.filter((seat) => claimOne.get(concertId, seat, holdId) === undefined);
    },
    async sellUnheld(concertId, bookingId, seats) {
      return seats.filter((seat) => sellOne.get(concertId, seat, bookingId) === undefined);
    },
    async claimedByRunOut(concertId, seats, now) {
      return seats.some((seat) => runOutClaim.get(concertId, seat, now) === 1);
    },
    async ofHold(holdId) {
      return ofHold.all(holdId);
    },
    async releaseHold(holdId) {
      releaseHold.run(holdId);
    },
    async sell(holdId, bookingId) {
      sell.run(bookingId, holdId);
    },
  };
}
