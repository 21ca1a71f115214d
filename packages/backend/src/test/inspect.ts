import type { PostgresStore } from '../db/postgres/store.js';
import type { SqliteStore as Db } from '../db/sqlite/store.js';
import type { Store } from '../db/store.js';

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

const STORED_TIER = `
  SELECT t.total, t.sold, t.held AS "heldCounter",
         (SELECT COALESCE(SUM(quantity), 0) FROM hold_items WHERE tier_id = t.id) AS "inHoldRows",
         (SELECT COALESCE(SUM(bi.quantity), 0) FROM booking_items bi
            JOIN bookings b ON b.id = bi.booking_id
           WHERE bi.tier_id = t.id AND b.status = 'CONFIRMED') AS "inBookings"
  FROM tiers t WHERE t.concert_id = ? AND t.code = ?`;

/** What the database holds for one tier, read straight from the tables. */
export function storedTier(db: Db, concertId: string, code: string): StoredTier {
  const row = db.sqlite.prepare<[string, string], StoredTier>(STORED_TIER).get(concertId, code);
  if (!row) throw new Error(`no tier ${concertId}/${code}`);
  return row;
}

type Table =
  'holds' | 'hold_items' | 'bookings' | 'sessions' | 'idempotency_keys' | 'expired_holds';

export function countRows(db: Db, table: Table): number {
  return db.sqlite.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0;
}

/** The rows a query selects, from whichever store the test runs on. */
async function rowsIn<R>(db: Store, sql: string, values: unknown[]): Promise<R[]> {
  if ('sqlite' in db) return (db as Db).sqlite.prepare(sql).all(...values) as R[];
  let n = 0;
  const numbered = sql.replace(/\?/g, () => `$${++n}`);
  return (await (db as PostgresStore).pool.query(numbered, values)).rows as R[];
}

/** `storedTier`, on either store. */
export async function storedTierIn(
  db: Store,
  concertId: string,
  code: string,
): Promise<StoredTier> {
  const [row] = await rowsIn<StoredTier>(db, STORED_TIER, [concertId, code]);
  if (!row) throw new Error(`no tier ${concertId}/${code}`);
  return row;
}

/** `countRows`, on either store. */
export async function countRowsIn(db: Store, table: Table): Promise<number> {
  const [row] = await rowsIn<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${table}`, []);
  return row?.n ?? 0;
}

/** The concert's availability version, which the stream's events carry as their id. */
export async function availabilityVersionIn(db: Store, concertId: string): Promise<number> {
  const [row] = await rowsIn<{ version: number }>(
    db,
    'SELECT availability_version AS version FROM concerts WHERE id = ?',
    [concertId],
  );
  if (!row) throw new Error(`no concert ${concertId}`);
  return row.version;
}

/** Tickets of a tier in hold rows that are alive at `now`. */
export async function liveHeldIn(
  db: Store,
  concertId: string,
  code: string,
  now: number,
): Promise<number> {
  // PostgreSQL's SUM of BIGINT is NUMERIC, read as text.
  const [row] = await rowsIn<{ n: number | string }>(
    db,
    `SELECT COALESCE(SUM(hi.quantity), 0) AS n FROM hold_items hi
       JOIN holds h ON h.id = hi.hold_id JOIN tiers t ON t.id = hi.tier_id
      WHERE t.concert_id = ? AND t.code = ? AND h.expires_at > ?`,
    [concertId, code, now],
  );
  return Number(row?.n ?? 0);
}

/**
 * Rows that only a write cut off halfway would leave: a hold or a booking without its tickets,
 * a purchase whose hold was kept. Each count is zero in a consistent database.
 */
export async function halfDoneIn(db: Store) {
  const count = async (sql: string) =>
    (await rowsIn<{ n: number }>(db, `SELECT COUNT(*) AS n FROM (${sql}) rows`, []))[0]?.n;
  return {
    holdsWithoutItems: await count(
      'SELECT h.id FROM holds h WHERE NOT EXISTS (SELECT 1 FROM hold_items hi WHERE hi.hold_id = h.id)',
    ),
    bookingsWithoutItems: await count(
      `SELECT b.id FROM bookings b
        WHERE NOT EXISTS (SELECT 1 FROM booking_items bi WHERE bi.booking_id = b.id)`,
    ),
    holdsKeptAfterPurchase: await count(
      `SELECT h.id FROM holds h JOIN bookings b
          ON b.session_id = h.session_id AND b.concert_id = h.concert_id
        WHERE b.status = 'CONFIRMED' AND b.created_at >= h.created_at`,
    ),
  };
}

export interface StoredHold {
  sessionId: string;
  concertId: string;
  createdAt: number;
  deadlineAt: number;
  lastActiveAt: number;
  lastSeenAt: number;
  hardCapAt: number;
  expiresAt: number;
  leftAt: number | null;
  items: { tier: string; quantity: number }[];
}

/** Every hold row with its times and items, read straight from the tables, in a stable order. */
export function storedHolds(db: Db): StoredHold[] {
  return db.sqlite
    .prepare<[], Omit<StoredHold, 'items'> & { items: string }>(
      `SELECT h.session_id AS sessionId, h.concert_id AS concertId, h.created_at AS createdAt,
              h.deadline_at AS deadlineAt, h.last_active_at AS lastActiveAt,
              h.last_seen_at AS lastSeenAt, h.hard_cap_at AS hardCapAt,
              h.expires_at AS expiresAt, h.left_at AS leftAt,
              (SELECT json_group_array(json_object('tier', i.code, 'quantity', i.quantity))
                 FROM (SELECT t.code, hi.quantity FROM hold_items hi
                         JOIN tiers t ON t.id = hi.tier_id
                        WHERE hi.hold_id = h.id ORDER BY t.position) i) AS items
       FROM holds h ORDER BY h.concert_id, h.session_id`,
    )
    .all()
    .map((row) => ({ ...row, items: JSON.parse(row.items) as StoredHold['items'] }));
}

/**
 * Every row a request could change, across all concerts, in a stable order: two equal snapshots
 * prove nothing was written in between (not even a version bump).
 */
export function storedEverything(db: Db) {
  const all = <Row>(sql: string) => db.sqlite.prepare<[], Row>(sql).all();
  return {
    concerts: all<{ id: string; version: number }>(
      'SELECT id, availability_version AS version FROM concerts ORDER BY id',
    ),
    tiers: all<{ concertId: string; code: string; total: number; sold: number; held: number }>(
      `SELECT concert_id AS concertId, code, total, sold, held FROM tiers
       ORDER BY concert_id, position`,
    ),
    holds: storedHolds(db),
    holdItems: countRows(db, 'hold_items'),
    bookings: all<{ id: string; sessionId: string; status: string }>(
      'SELECT id, session_id AS sessionId, status FROM bookings ORDER BY id',
    ),
    bookingItems: all<{ bookingId: string; tierId: number; quantity: number }>(
      `SELECT booking_id AS bookingId, tier_id AS tierId, quantity FROM booking_items
       ORDER BY booking_id, tier_id`,
    ),
    sessions: all<{ id: string }>('SELECT id FROM sessions ORDER BY id'),
  };
}
