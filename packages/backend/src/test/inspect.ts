import type { PostgresStore } from '../db/postgres/store.js';
import type { SqliteStore } from '../db/sqlite/store.js';
import type { Store } from '../db/store.js';

/**
 * The rows a query selects, written with `?` placeholders and quoted camelCase aliases, from
 * whichever store the test runs on.
 */
export async function storedRows<R>(db: Store, sql: string, values: unknown[] = []): Promise<R[]> {
  if ('sqlite' in db) return (db as SqliteStore).sqlite.prepare(sql).all(...values) as R[];
  let n = 0;
  const numbered = sql.replace(/\?/g, () => `$${++n}`);
  return (await (db as PostgresStore).pool.query(numbered, values)).rows as R[];
}

/** The bytes a table and its indexes take in the database, pages included. */
export async function tableBytes(db: Store, table: 'waiting_room'): Promise<number> {
  const [row] = await storedRows<{ bytes: number | string | null }>(
    db,
    'sqlite' in db
      ? `SELECT SUM(pgsize) AS bytes FROM dbstat
         WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name = '${table}')`
      : `SELECT pg_total_relation_size('${table}') AS bytes`,
  );
  return Number(row?.bytes ?? 0);
}

/** Text keys in code-point order: the stores' own orderings of text differ by collation. */
function byKeys<T>(...keys: ((row: T) => string)[]) {
  return (a: T, b: T): number => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

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
export async function storedTier(db: Store, concertId: string, code: string): Promise<StoredTier> {
  const [row] = await storedRows<StoredTier>(db, STORED_TIER, [concertId, code]);
  if (!row) throw new Error(`no tier ${concertId}/${code}`);
  return row;
}

type Table =
  | 'holds'
  | 'hold_items'
  | 'bookings'
  | 'sessions'
  | 'idempotency_keys'
  | 'expired_holds'
  | 'waiting_room';

export async function countRows(db: Store, table: Table): Promise<number> {
  const [row] = await storedRows<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${table}`);
  return row?.n ?? 0;
}

/** Tickets of a tier in hold rows that are alive at `now`. */
export async function liveHeld(
  db: Store,
  concertId: string,
  code: string,
  now: number,
): Promise<number> {
  // PostgreSQL's SUM of BIGINT is NUMERIC, read as text.
  const [row] = await storedRows<{ n: number | string }>(
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
export async function halfDone(db: Store) {
  const count = async (sql: string) =>
    (await storedRows<{ n: number }>(db, `SELECT COUNT(*) AS n FROM (${sql}) rows`, []))[0]?.n;
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
export async function storedHolds(db: Store): Promise<StoredHold[]> {
  const [holds, items] = await Promise.all([
    storedRows<Omit<StoredHold, 'items'> & { id: number }>(
      db,
      `SELECT h.id, h.session_id AS "sessionId", h.concert_id AS "concertId",
              h.created_at AS "createdAt", h.deadline_at AS "deadlineAt",
              h.last_active_at AS "lastActiveAt", h.last_seen_at AS "lastSeenAt",
              h.hard_cap_at AS "hardCapAt", h.expires_at AS "expiresAt", h.left_at AS "leftAt"
       FROM holds h`,
    ),
    storedRows<{ holdId: number; tier: string; quantity: number }>(
      db,
      `SELECT hi.hold_id AS "holdId", t.code AS tier, hi.quantity FROM hold_items hi
       JOIN tiers t ON t.id = hi.tier_id ORDER BY t.position`,
    ),
  ]);
  return holds
    .map(({ id, ...hold }) => ({
      ...hold,
      items: items
        .filter((item) => item.holdId === id)
        .map(({ tier, quantity }) => ({ tier, quantity })),
    }))
    .sort(
      byKeys(
        (hold) => hold.concertId,
        (hold) => hold.sessionId,
      ),
    );
}

/**
 * Every row a request could change, across all concerts, in a stable order: two equal snapshots
 * prove nothing was written in between (not even a version bump).
 */
export async function storedEverything(db: Store) {
  const [concerts, tiers, holds, holdItems, bookings, bookingItems, sessions, waiting] =
    await Promise.all([
      storedRows<{ id: string; version: number }>(
        db,
        'SELECT id, availability_version AS version FROM concerts',
      ),
      storedRows<{ concertId: string; code: string; total: number; sold: number; held: number }>(
        db,
        `SELECT concert_id AS "concertId", code, total, sold, held FROM tiers
       ORDER BY position`,
      ),
      storedHolds(db),
      countRows(db, 'hold_items'),
      storedRows<{ id: string; sessionId: string; status: string }>(
        db,
        'SELECT id, session_id AS "sessionId", status FROM bookings',
      ),
      storedRows<{ bookingId: string; tierId: number; quantity: number }>(
        db,
        'SELECT booking_id AS "bookingId", tier_id AS "tierId", quantity FROM booking_items',
      ),
      storedRows<{ id: string }>(db, 'SELECT id FROM sessions'),
      storedRows<{ concertId: string; sessionId: string; place: number | null }>(
        db,
        `SELECT concert_id AS "concertId", session_id AS "sessionId", place FROM waiting_room`,
      ),
    ]);
  return {
    concerts: concerts.sort(byKeys((concert) => concert.id)),
    // Stable: within a concert the tiers stay in their position order.
    tiers: tiers.sort(byKeys((tier) => tier.concertId)),
    holds,
    holdItems,
    bookings: bookings.sort(byKeys((booking) => booking.id)),
    bookingItems: bookingItems.sort(
      byKeys(
        (item) => item.bookingId,
        (item) => String(item.tierId).padStart(12, '0'),
      ),
    ),
    sessions: sessions.sort(byKeys((session) => session.id)),
    waitingRoom: waiting.sort(
      byKeys(
        (entry) => entry.concertId,
        (entry) => entry.sessionId,
      ),
    ),
  };
}

/** Grows by one with every change to the concert's counts: its SSE event id. */
export async function availabilityVersion(db: Store, concertId: string): Promise<number> {
  const [row] = await storedRows<{ version: number }>(
    db,
    'SELECT availability_version AS version FROM concerts WHERE id = ?',
    [concertId],
  );
  if (!row) throw new Error(`no concert ${concertId}`);
  return row.version;
}

const EVERY_TABLE = [
  'app_settings',
  'concerts',
  'tiers',
  'sessions',
  'holds',
  'hold_items',
  'bookings',
  'booking_items',
  'idempotency_keys',
  'expired_holds',
  'waiting_room',
];

/** Every row of every table, as text: to prove a value was never written anywhere. */
export async function storedText(db: Store): Promise<string> {
  const tables = await Promise.all(
    EVERY_TABLE.map((table) => storedRows<Record<string, unknown>>(db, `SELECT * FROM ${table}`)),
  );
  return JSON.stringify(tables);
}

/** Runs a statement that changes stored rows, written as for `storedRows`, on either store. */
export async function changeStored(db: Store, sql: string, values: unknown[] = []): Promise<void> {
  if ('sqlite' in db) {
    (db as SqliteStore).sqlite.prepare(sql).run(...values);
    return;
  }
  let n = 0;
  await (db as PostgresStore).pool.query(
    sql.replace(/\?/g, () => `$${++n}`),
    values,
  );
}
