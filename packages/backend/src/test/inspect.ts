import type { Db } from '../db/connection.js';

export interface StoredTier {
  total: number;
  sold: number;
  /** The stored counter, including holds that ran out but were not swept yet. */
  heldCounter: number;
  /** Tickets in hold rows, swept or not. */
  inHoldRows: number;
  /** Tickets in confirmed bookings. */
  inBookings: number;
}

/** What the database holds for one tier, read straight from the tables. */
export function storedTier(db: Db, concertId: string, code: string): StoredTier {
  const row = db.sqlite
    .prepare<[string, string], StoredTier>(
      `SELECT t.total, t.sold, t.held AS heldCounter,
              (SELECT COALESCE(SUM(quantity), 0) FROM hold_items WHERE tier_id = t.id) AS inHoldRows,
              (SELECT COALESCE(SUM(bi.quantity), 0) FROM booking_items bi
                 JOIN bookings b ON b.id = bi.booking_id
                WHERE bi.tier_id = t.id AND b.status = 'CONFIRMED') AS inBookings
       FROM tiers t WHERE t.concert_id = ? AND t.code = ?`,
    )
    .get(concertId, code);
  if (!row) throw new Error(`no tier ${concertId}/${code}`);
  return row;
}

export function countRows(db: Db, table: 'holds' | 'hold_items' | 'bookings' | 'sessions'): number {
  return db.sqlite.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0;
}
