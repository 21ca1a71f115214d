import type { HoldTimes } from '@ticket-booking/shared';
import type { BuyerKey, NewBooking } from '../../modules/bookings/bookings.repo.js';
import type { ConcertSchedule, TierRecord } from '../../modules/concerts/concerts.repo.js';
import type { NewStoredReply, StoredReply } from '../../modules/idempotency/idempotency.repo.js';
import type {
  HoldItemRecord,
  HoldOwner,
  HoldRecord,
  RunOutTrace,
} from '../../modules/holds/holds.repo.js';
import type { MailMessage } from '../../modules/mail/mail.repo.js';
import type { WaitingRoomEntry } from '../../modules/waiting-room/waiting-room.repo.js';
import type { QueryResultRow } from './driver.js';
import { BUYER_BOOKINGS, buyerRow } from './bookings-repo.js';
import { SCHEDULE_COLUMNS } from './concerts-repo.js';
import { HOLD_SELECT } from './holds-repo.js';
import { sqlLiteral } from './literal.js';

/** The batch's connection, as the unit uses it: statements sent as text, several at once. */
export interface Connection {
  query(statement: string | { name: string; text: string; values: unknown[] }): Promise<unknown>;
}

/** Undoes one change to the unit's memory. */
type Undo = () => void;

/**
 * What the writes of a batch have done since their last savepoint, newest last, so that a write
 * that throws can be taken back out of memory. `changes` counts the entries that changed data
 * (not those that only remembered rows read from the database).
 */
class UndoLog {
  private readonly entries: { undo: Undo; change: boolean }[] = [];
  changes = 0;

  push(undo: Undo, change: boolean): void {
    this.entries.push({ undo, change });
    if (change) this.changes += 1;
  }

  mark(): { entries: number; changes: number } {
    return { entries: this.entries.length, changes: this.changes };
  }

  undoTo(mark: { entries: number }): void {
    while (this.entries.length > mark.entries) {
      const entry = this.entries.pop();
      entry?.undo();
      if (entry?.change) this.changes -= 1;
    }
  }

  /** A write is done: its entries can no longer be undone one by one. */
  forgetFrom(mark: { entries: number }): void {
    this.entries.length = Math.min(this.entries.length, mark.entries);
  }
}

/** A map whose changes go to the undo log; `settle` changes it without that, after a flush. */
class Recorded<K, V> {
  private readonly map = new Map<K, V>();
  constructor(
    private readonly log: UndoLog,
    private readonly change: boolean,
  ) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  values(): IterableIterator<V> {
    return this.map.values();
  }
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }
  get size(): number {
    return this.map.size;
  }

  set(key: K, value: V, change = this.change): void {
    const had = this.map.has(key);
    const before = this.map.get(key);
    this.map.set(key, value);
    this.log.push(() => {
      if (had) this.map.set(key, before as V);
      else this.map.delete(key);
    }, change);
  }

  delete(key: K, change = this.change): void {
    if (!this.map.has(key)) return;
    const before = this.map.get(key) as V;
    this.map.delete(key);
    this.log.push(() => this.map.set(key, before), change);
  }

  settle(key: K, value: V | undefined): void {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, value);
  }

  clearSettled(): void {
    this.map.clear();
  }
}

/** A concert whose row the transaction has locked, and what its writes add to its counters. */
export interface ConcertEntry {
  schedule: ConcertSchedule;
  versions: number;
  created: number;
  expired: number;
  converted: number;
  /** Its tiers' ids in position order, once read. */
  tierIds?: number[];
}

interface TierEntry {
  record: TierRecord;
  position: number;
  /** The row as it was last written to (or read from) the database. */
  stored: Pick<TierRecord, 'held' | 'sold' | 'total' | 'priceCents' | 'waiting'>;
}

/** The session's hold on a concert, as the transaction sees it; `record` undefined if none. */
interface HoldEntry {
  record?: HoldRecord;
  /** The stored row with this id is to be deleted before the next one is written. */
  deleteStored?: number;
  /** The session's trace of a hold that ran out is to go (the hold was given back or bought). */
  clearTrace: boolean;
  /** `record`'s row exists in the database as of the last flush. */
  stored: boolean;
  rowChanged: boolean;
  itemsChanged: boolean;
  /** The client address the hold was last saved from in this batch; unset: as stored. */
  address?: string;
}

/** A stored hold asked for from an address, as `heldFromAddress` counts it. */
interface AddressHold {
  sessionId: string;
  expiresAt: number;
  tickets: number;
}

const NO_HOLD: HoldEntry = {
  clearTrace: false,
  stored: false,
  rowChanged: false,
  itemsChanged: false,
};

const DONE = Promise.resolve();

export function holdKey(sessionId: string, concertId: string): string {
  return JSON.stringify([sessionId, concertId]);
}

function addressKey(concertId: string, address: string): string {
  return JSON.stringify([concertId, address]);
}

function buyerKey(row: string[]): string {
  return JSON.stringify(row);
}

export function replyKey(sessionId: string, endpoint: string, key: string): string {
  return JSON.stringify([sessionId, endpoint, key]);
}

const TIER_SELECT = `t.id, t.concert_id AS "concertId", t.code, t.name, t.price_cents AS "priceCents",
  t.currency, t.total, t.sold, t.held, t.waiting, t.seats, t.position`;

/**
 * Every change of a flush in one statement, each table's rows as a JSON list ($1–$13). A hold's
 * items are upserted, and those it no longer has deleted, so that no row is both deleted and
 * inserted by the statement; foreign keys are checked at its end, once every row is in.
 */
const FLUSH = `
  WITH deleted AS (
    DELETE FROM holds WHERE id IN (SELECT value::BIGINT FROM json_array_elements_text($1::JSON))),
  traces AS (
    DELETE FROM expired_holds e USING json_array_elements($2::JSON) x
    WHERE e.session_id = x->>0 AND e.concert_id = x->>1),
  new_sessions AS (
    INSERT INTO sessions (id, created_at)
    SELECT id, at FROM json_to_recordset($3::JSON) AS x(id TEXT, at BIGINT)
    ON CONFLICT (id) DO NOTHING),
  saved AS (
    INSERT INTO holds (id, session_id, concert_id, created_at, deadline_at, last_active_at,
                       last_seen_at, hard_cap_at, left_at, expires_at, client_address)
    OVERRIDING SYSTEM VALUE
    SELECT id, "sessionId", "concertId", "createdAt", "deadlineAt", "lastActiveAt", "lastSeenAt",
           "hardCapAt", "leftAt", "expiresAt", "clientAddress"
    FROM json_to_recordset($4::JSON) AS x(
      id BIGINT, "sessionId" TEXT, "concertId" TEXT, "createdAt" BIGINT, "deadlineAt" BIGINT,
      "lastActiveAt" BIGINT, "lastSeenAt" BIGINT, "hardCapAt" BIGINT, "leftAt" BIGINT,
      "expiresAt" BIGINT, "clientAddress" TEXT)
    ON CONFLICT (id) DO UPDATE SET
      created_at = EXCLUDED.created_at, deadline_at = EXCLUDED.deadline_at,
      last_active_at = EXCLUDED.last_active_at, last_seen_at = EXCLUDED.last_seen_at,
      hard_cap_at = EXCLUDED.hard_cap_at, left_at = EXCLUDED.left_at,
      expires_at = EXCLUDED.expires_at,
      client_address = COALESCE(EXCLUDED.client_address, holds.client_address)),
  items AS (
    SELECT * FROM json_to_recordset($6::JSON)
      AS x(hold BIGINT, tier INTEGER, quantity INTEGER, price INTEGER)),
  dropped_items AS (
    DELETE FROM hold_items hi
    WHERE hi.hold_id IN (SELECT value::BIGINT FROM json_array_elements_text($5::JSON))
      AND NOT EXISTS (SELECT 1 FROM items i WHERE i.hold = hi.hold_id AND i.tier = hi.tier_id)),
  kept_items AS (
    INSERT INTO hold_items (hold_id, tier_id, quantity, unit_price_cents)
    SELECT hold, tier, quantity, price FROM items
    ON CONFLICT (hold_id, tier_id) DO UPDATE SET
      quantity = EXCLUDED.quantity, unit_price_cents = EXCLUDED.unit_price_cents),
  counters AS (
    UPDATE tiers t SET held = x.held, sold = x.sold, total = x.total, price_cents = x."priceCents",
      waiting = x.waiting
    FROM json_to_recordset($7::JSON) AS x(
      id INTEGER, held INTEGER, sold INTEGER, total INTEGER, "priceCents" INTEGER,
      waiting INTEGER)
    WHERE t.id = x.id),
  versions AS (
    UPDATE concerts c SET availability_version = availability_version + x.v,
      holds_created = holds_created + x.cr, holds_expired = holds_expired + x.ex,
      holds_converted = holds_converted + x.co
    FROM json_to_recordset($8::JSON) AS x(id TEXT, v BIGINT, cr BIGINT, ex BIGINT, co BIGINT)
    WHERE c.id = x.id),
  new_bookings AS (
    INSERT INTO bookings (id, confirmation_code, session_id, concert_id, status, total_cents,
                          currency, buyer_name, buyer_email, buyer_email_key, card_brand,
                          card_last4, card_expiry, created_at)
    SELECT id, "confirmationCode", "sessionId", "concertId", status, "totalCents", currency,
           "buyerName", "buyerEmail", "buyerEmailKey", "cardBrand", "cardLast4", "cardExpiry",
           "createdAt"
    FROM json_to_recordset($9::JSON) AS x(
      id TEXT, "confirmationCode" TEXT, "sessionId" TEXT, "concertId" TEXT, status TEXT,
      "totalCents" INTEGER, currency TEXT, "buyerName" TEXT, "buyerEmail" TEXT,
      "buyerEmailKey" TEXT, "cardBrand" TEXT, "cardLast4" TEXT, "cardExpiry" TEXT,
      "createdAt" BIGINT, n INTEGER)
    ORDER BY n),
  new_booking_items AS (
    INSERT INTO booking_items (booking_id, tier_id, tier_code, tier_name, quantity,
                               unit_price_cents, seats)
    SELECT booking, "tierId", tier, name, quantity, "unitPriceCents", seats::TEXT
    FROM json_to_recordset($10::JSON) AS x(
      booking TEXT, "tierId" INTEGER, tier TEXT, name TEXT, quantity INTEGER,
      "unitPriceCents" INTEGER, seats JSON)),
  replies AS (
    INSERT INTO idempotency_keys (session_id, endpoint, key, fingerprint, status, body, created_at)
    SELECT "sessionId", endpoint, key, fingerprint, status, body, "createdAt"
    FROM json_to_recordset($11::JSON) AS x(
      "sessionId" TEXT, endpoint TEXT, key TEXT, fingerprint TEXT, status INTEGER, body TEXT,
      "createdAt" BIGINT)
    ON CONFLICT (session_id, endpoint, key) DO UPDATE SET
      fingerprint = EXCLUDED.fingerprint, status = EXCLUDED.status, body = EXCLUDED.body,
      created_at = EXCLUDED.created_at),
  places AS (
    INSERT INTO waiting_room (concert_id, session_id, joined_at, draw, place)
    SELECT "concertId", "sessionId", "joinedAt", draw, place
    FROM json_to_recordset($12::JSON) AS x(
      "concertId" TEXT, "sessionId" TEXT, "joinedAt" BIGINT, draw BIGINT, place INTEGER)),
  mail AS (
    INSERT INTO mail_outbox (recipient, subject, body, letter, created_at)
    SELECT recipient, subject, '', letter::TEXT, "createdAt"
    FROM json_to_recordset($13::JSON) AS x(
      recipient TEXT, subject TEXT, letter JSON, "createdAt" BIGINT, n INTEGER)
    ORDER BY n)
  SELECT 1`;

/**
 * The batch's statements, prepared once per connection and run by name (EXECUTE) in text of
 * several statements: a batch's first and last round trips each send several at once, which a
 * statement with parameters cannot, and none of them is planned again. A concert's row is locked
 * before its tiers, in id order, as every writer does; a session's hold is looked up by the
 * unique index, one pair at a time.
 */
export const PREPARE_BATCH = [
  `PREPARE batch_concerts(JSON) AS
   SELECT id, ${SCHEDULE_COLUMNS}
   FROM concerts WHERE id IN (SELECT json_array_elements_text($1)) ORDER BY id FOR NO KEY UPDATE`,
  `PREPARE batch_tiers(JSON) AS
   SELECT ${TIER_SELECT} FROM tiers t WHERE t.concert_id IN (SELECT json_array_elements_text($1))
   ORDER BY t.id FOR NO KEY UPDATE`,
  `PREPARE batch_holds(JSON) AS
   SELECT hold.* FROM json_array_elements($1) AS x
   CROSS JOIN LATERAL (${HOLD_SELECT} WHERE h.session_id = x->>0 AND h.concert_id = x->>1) AS hold`,
  `PREPARE batch_traces(JSON) AS
   SELECT e.session_id AS "sessionId", e.concert_id AS "concertId",
          e.expired_at AS "expiredAt", e.hard_cap_at AS "hardCapAt"
   FROM json_array_elements($1) AS x
   JOIN expired_holds e ON e.session_id = x->>0 AND e.concert_id = x->>1`,
  `PREPARE batch_address_holds(JSON) AS
   SELECT h.concert_id AS "concertId", h.client_address AS address, h.id,
          h.session_id AS "sessionId", h.expires_at AS "expiresAt",
          (SELECT COALESCE(SUM(quantity), 0) FROM hold_items WHERE hold_id = h.id) AS tickets
   FROM json_array_elements($1) AS x
   JOIN holds h ON h.concert_id = x->>0 AND h.client_address = x->>1`,
  `PREPARE batch_buyer_bookings(JSON) AS ${BUYER_BOOKINGS}`,
  `PREPARE batch_hold_ids(INTEGER) AS
   SELECT nextval(pg_get_serial_sequence('holds', 'id')) AS id FROM generate_series(1, $1)`,
  `PREPARE batch_flush(JSON, JSON, JSON, JSON, JSON, JSON, JSON, JSON, JSON, JSON, JSON, JSON, JSON)
   AS ${FLUSH}`,
].join(';\n');

/** A session and concert the batch's writes are expected to touch: read ahead with the locks. */
export interface Touches {
  concertId: string;
  sessionId?: string;
  address?: string;
  buyer?: BuyerKey;
}

/**
 * One batch's transaction as its writes see it: the rows they read, kept in memory, and the
 * changes they make, kept there too until `flush` writes them all in one round trip. A concert's
 * row is locked (FOR NO KEY UPDATE) before anything of it is read, then its tiers in id order, as
 * every writer does: what is kept in memory cannot change underneath. Every change is recorded
 * in an undo log, so a write that throws is taken out of memory before anything of it reached
 * the database.
 */
export class UnitOfWork {
  readonly log = new UndoLog();
  private readonly concerts = new Recorded<string, ConcertEntry>(this.log, false);
  private readonly tiers = new Recorded<number, TierEntry>(this.log, true);
  private readonly holds = new Recorded<string, HoldEntry>(this.log, true);
  private readonly sessions = new Recorded<string, number>(this.log, true);
  private readonly replies = new Recorded<string, NewStoredReply>(this.log, true);
  private readonly bookings = new Recorded<string, NewBooking>(this.log, true);
  /** Waiting-room places the batch's writes gave, by concert and session (`holdKey`). */
  private readonly places = new Recorded<string, WaitingRoomEntry>(this.log, true);
  /** Messages for the outbox, in the order they were written. */
  private readonly mails = new Recorded<number, MailMessage>(this.log, true);
  private mailsWritten = 0;
  private readonly holdIds: number[] = [];
  /** Which session and concert each hold id of the batch belongs to. */
  private readonly holdKeys = new Map<number, string>();
  private bumpedFlag = false;
  /** Per concert, the soonest expiry among its stored holds not in memory when it was read. */
  private readonly firstExpiry = new Map<string, number | null>();
  /** Per concert and address, its stored holds by id, as read; memory comes on top. */
  private readonly addressHolds = new Map<string, Map<number, AddressHold>>();
  /** Per session and concert (`holdKey`), the stored trace of its last run-out hold, or null. */
  private readonly traces = new Map<string, RunOutTrace | null>();
  /**
   * Per concert and buyer (`buyerKey`), their stored confirmed bookings' tickets by booking id,
   * as read; the batch's own bookings come on top. Recorded, so that a write taken back also
   * takes back what it read after changing rows itself.
   */
  private readonly buyerBookings = new Recorded<string, Map<string, number>>(this.log, false);

  constructor(private readonly client: Connection) {}

  get bumped(): boolean {
    return this.bumpedFlag;
  }

  markBumped(): void {
    if (this.bumpedFlag) return;
    this.bumpedFlag = true;
    this.log.push(() => {
      this.bumpedFlag = false;
    }, false);
  }

  private literal(value: unknown): string {
    return sqlLiteral(JSON.stringify(value));
  }

  private async query<R extends QueryResultRow>(text: string): Promise<R[][]> {
    const result = await this.client.query(text);
    const results = Array.isArray(result) ? result : [result];
    return (results as { rows: R[] }[]).map((one) => one.rows);
  }

  /**
   * The batch's first round trip: BEGIN, then the touched concerts' rows and tiers locked and
   * read, the touched sessions' holds read, and ids reserved for the holds they may create.
   */
  async begin(begin: string[], touches: Touches[]): Promise<void> {
    const concertIds = [...new Set(touches.map((touch) => touch.concertId))];
    const pairs = touches.flatMap((touch) =>
      touch.sessionId === undefined ? [] : [[touch.sessionId, touch.concertId]],
    );
    const addresses = this.unreadAddresses(touches);
    const buyers = this.unreadBuyers(touches);
    const statements = [...begin];
    if (concertIds.length > 0) statements.push(...this.lockStatements(concertIds));
    if (pairs.length > 0) {
      const sessions = this.literal(pairs);
      statements.push(
        `EXECUTE batch_holds(${sessions})`,
        `EXECUTE batch_hold_ids(${pairs.length})`,
        `EXECUTE batch_traces(${sessions})`,
      );
    }
    if (addresses.length > 0) {
      statements.push(`EXECUTE batch_address_holds(${this.literal(addresses)})`);
    }
    if (buyers.length > 0) {
      statements.push(`EXECUTE batch_buyer_bookings(${this.literal(buyers)})`);
    }
    // BEGIN and each SET answer with no rows; then one list of rows per statement, in order.
    const rows = (await this.query(statements.join(';\n'))).slice(begin.length).values();
    const next = () => rows.next().value ?? [];
    if (concertIds.length > 0) this.remember(concertIds, next(), next());
    if (pairs.length > 0) {
      this.rememberHolds(pairs, next() as unknown as HoldRecord[]);
      for (const row of next()) this.holdIds.push(Number(row.id));
      this.rememberTraces(pairs, next());
    }
    if (addresses.length > 0) this.rememberAddressHolds(addresses, next());
    if (buyers.length > 0) this.rememberBuyerBookings(buyers, next());
  }

  /** The distinct concert and buyer rows (`buyerRow`) of `touches` not read yet. */
  private unreadBuyers(touches: readonly Touches[]): string[][] {
    const rows = new Map<string, string[]>();
    for (const { concertId, buyer } of touches) {
      if (buyer === undefined) continue;
      const row = buyerRow(concertId, buyer);
      const key = buyerKey(row);
      if (!this.buyerBookings.has(key)) rows.set(key, row);
    }
    return [...rows.values()];
  }

  private rememberBuyerBookings(rows: string[][], found: QueryResultRow[]): void {
    const read = rows.map(() => new Map<string, number>());
    for (const row of found) read[Number(row.n) - 1]?.set(String(row.id), Number(row.tickets));
    rows.forEach((row, index) => {
      this.buyerBookings.set(buyerKey(row), read[index] ?? new Map<string, number>());
    });
  }

  /**
   * The tickets of the concert's confirmed bookings that are the buyer's, by email key or by
   * card: the stored ones, read under the concert's lock once per batch, and the batch's own.
   */
  async ticketsBoughtBy(concertId: string, buyer: BuyerKey): Promise<number> {
    const row = buyerRow(concertId, buyer);
    const key = buyerKey(row);
    if (!this.buyerBookings.has(key)) {
      await this.concert(concertId);
      const [found = []] = await this.query(`EXECUTE batch_buyer_bookings(${this.literal([row])})`);
      this.rememberBuyerBookings([row], found);
    }
    let tickets = 0;
    for (const bought of this.buyerBookings.get(key)?.values() ?? []) tickets += bought;
    for (const booking of this.bookings.values()) {
      const theirs =
        booking.buyerEmailKey === buyer.emailKey ||
        (booking.cardLast4 === buyer.cardLast4 &&
          booking.cardBrand === buyer.cardBrand &&
          booking.cardExpiry === buyer.cardExpiry);
      if (booking.concertId !== concertId || booking.status !== 'CONFIRMED' || !theirs) continue;
      for (const item of booking.items) tickets += item.quantity;
    }
    return tickets;
  }

  /** Forgets the buyers' bookings read, read again when next asked for: some were changed. */
  forgetBuyers(): void {
    this.buyerBookings.clearSettled();
  }

  private rememberTraces(pairs: string[][], rows: QueryResultRow[]): void {
    for (const [sessionId = '', concertId = ''] of pairs) {
      this.traces.set(holdKey(sessionId, concertId), null);
    }
    for (const row of rows) {
      this.traces.set(holdKey(String(row.sessionId), String(row.concertId)), {
        expiredAt: Number(row.expiredAt),
        hardCapAt: row.hardCapAt === null ? null : Number(row.hardCapAt),
      });
    }
  }

  /**
   * The trace of the session's last run-out hold on the concert: as stored (read with the
   * batch's first round trip), unless a write of the batch has wiped it.
   */
  async lastRunOut(sessionId: string, concertId: string): Promise<RunOutTrace | undefined> {
    const key = holdKey(sessionId, concertId);
    if (this.holds.get(key)?.clearTrace) return undefined;
    if (!this.traces.has(key)) {
      const pairs = [[sessionId, concertId]];
      const [rows = []] = await this.query(`EXECUTE batch_traces(${this.literal(pairs)})`);
      this.rememberTraces(pairs, rows);
    }
    return this.traces.get(key) ?? undefined;
  }

  /** The distinct concert and address pairs of `touches` not read yet. */
  private unreadAddresses(touches: readonly Touches[]): string[][] {
    const pairs = new Map<string, string[]>();
    for (const { concertId, address } of touches) {
      if (address === undefined) continue;
      const key = addressKey(concertId, address);
      if (!this.addressHolds.has(key)) pairs.set(key, [concertId, address]);
    }
    return [...pairs.values()];
  }

  private rememberAddressHolds(pairs: string[][], rows: QueryResultRow[]): void {
    for (const [concertId = '', address = ''] of pairs) {
      this.addressHolds.set(addressKey(concertId, address), new Map());
    }
    for (const row of rows) {
      this.addressHolds
        .get(addressKey(String(row.concertId), String(row.address)))
        ?.set(Number(row.id), {
          sessionId: String(row.sessionId),
          expiresAt: Number(row.expiresAt),
          tickets: Number(row.tickets),
        });
    }
  }

  /**
   * Tickets in the concert's holds live at `now` asked for from `address`, but for
   * `exceptSessionId`'s: the stored holds read once per batch, with what memory holds on top of
   * them, so no write has to be written out first.
   */
  async heldFromAddress(
    concertId: string,
    address: string,
    now: number,
    exceptSessionId: string,
  ): Promise<number> {
    if (!this.concerts.has(concertId)) await this.readConcert(concertId);
    const key = addressKey(concertId, address);
    if (!this.addressHolds.has(key)) {
      const pairs = [[concertId, address]];
      const [rows = []] = await this.query(`EXECUTE batch_address_holds(${this.literal(pairs)})`);
      this.rememberAddressHolds(pairs, rows);
    }
    const stored = this.addressHolds.get(key) ?? new Map<number, AddressHold>();
    const superseded = new Set<number>();
    let held = 0;
    for (const entry of this.holds.values()) {
      if (entry.deleteStored !== undefined) superseded.add(entry.deleteStored);
      const record = entry.record;
      if (record?.concertId !== concertId) continue;
      superseded.add(record.id);
      const from = entry.address ?? (stored.has(record.id) ? address : undefined);
      if (from !== address || record.sessionId === exceptSessionId || record.expiresAt <= now) {
        continue;
      }
      for (const item of record.items) held += item.quantity;
    }
    for (const [id, hold] of stored) {
      if (superseded.has(id) || hold.sessionId === exceptSessionId || hold.expiresAt <= now) {
        continue;
      }
      held += hold.tickets;
    }
    return held;
  }

  private lockStatements(concertIds: string[]): string[] {
    const ids = this.literal(concertIds);
    return [`EXECUTE batch_concerts(${ids})`, `EXECUTE batch_tiers(${ids})`];
  }

  private remember(concertIds: string[], concerts: QueryResultRow[], tiers: QueryResultRow[]) {
    const found = new Set<string>();
    for (const row of concerts) {
      const id = String(row.id);
      found.add(id);
      const schedule: ConcertSchedule = {
        name: String(row.name),
        artist: String(row.artist),
        venue: String(row.venue),
        startsAt: Number(row.startsAt),
        salesEndAt: Number(row.salesEndAt),
        timeZone: String(row.timeZone),
        onSaleAt: Number(row.onSaleAt),
        maxTicketsPerBuyer: nullableNumber(row.maxTicketsPerBuyer),
        admitPerMinute: nullableNumber(row.admitPerMinute),
        placesDrawnAt: nullableNumber(row.placesDrawnAt),
        offerMinutes: Number(row.offerMinutes),
      };
      this.concerts.set(id, { schedule, versions: 0, created: 0, expired: 0, converted: 0 });
    }
    const byConcert = new Map<string, TierEntry[]>();
    for (const row of tiers) {
      const { position, ...record } = row as TierRecord & { position: number };
      const entry: TierEntry = { record, position, stored: storedOf(record) };
      this.tiers.set(record.id, entry, false);
      byConcert.set(record.concertId, [...(byConcert.get(record.concertId) ?? []), entry]);
    }
    for (const id of concertIds) {
      const concert = this.concerts.get(id);
      if (!concert || !found.has(id)) continue;
      const entries = (byConcert.get(id) ?? []).sort((a, b) => a.position - b.position);
      this.concerts.set(id, { ...concert, tierIds: entries.map((entry) => entry.record.id) });
    }
  }

  private rememberHolds(pairs: string[][], rows: HoldRecord[]): void {
    const found = new Map(rows.map((row) => [holdKey(row.sessionId, row.concertId), row]));
    for (const [sessionId, concertId] of pairs) {
      const key = holdKey(sessionId ?? '', concertId ?? '');
      if (this.holds.has(key)) continue;
      const record = found.get(key);
      if (record) this.holdKeys.set(record.id, key);
      this.holds.set(key, record ? { ...NO_HOLD, record, stored: true } : NO_HOLD, false);
    }
  }

  /**
   * Locks the concert's row and reads its schedule, unless done already; undefined if none.
   * What is known already is answered without an async function's frame, here and below: a batch
   * asks for the same rows a few times per write, and those frames were most of what it allocated.
   */
  concert(concertId: string): Promise<ConcertEntry | undefined> {
    const known = this.concerts.get(concertId);
    return known ? Promise.resolve(known) : this.readConcert(concertId);
  }

  private async readConcert(concertId: string): Promise<ConcertEntry | undefined> {
    const [concerts = [], tiers = []] = await this.query(
      this.lockStatements([concertId]).join(';\n'),
    );
    if (concerts.length === 0) return undefined;
    this.remember([concertId], concerts, tiers);
    return this.concerts.get(concertId);
  }

  /** The concert's tiers in position order, locked; empty if it has none or does not exist. */
  async tiersOf(concertId: string): Promise<TierRecord[]> {
    const concert = this.concerts.get(concertId) ?? (await this.readConcert(concertId));
    return (concert?.tierIds ?? []).map((id) => this.tierEntry(id).record);
  }

  private tierEntry(tierId: number): TierEntry {
    const entry = this.tiers.get(tierId);
    if (!entry) throw new Error(`tier ${tierId} was not read in this transaction`);
    return entry;
  }

  /** A tier not read yet, locked with its concert first. */
  private async readTier(tierId: number): Promise<TierEntry> {
    const [rows = []] = await this.query(
      `SELECT concert_id AS "concertId" FROM tiers WHERE id = ${Math.trunc(tierId)}`,
    );
    const concertId = rows[0]?.concertId as string | undefined;
    if (concertId === undefined) throw new Error(`no tier ${tierId}`);
    await this.concert(concertId);
    return this.tierEntry(tierId);
  }

  changeTier(tierId: number, change: (record: TierRecord) => Partial<TierRecord>): Promise<void> {
    const known = this.tiers.get(tierId);
    if (!known) return this.readTier(tierId).then(() => this.changeTier(tierId, change));
    this.tiers.set(tierId, { ...known, record: { ...known.record, ...change(known.record) } });
    return DONE;
  }

  /** The concert's schedule, as the write under way changed it in the database itself. */
  changeSchedule(concertId: string, settings: Partial<ConcertSchedule>): void {
    const concert = this.concerts.get(concertId);
    if (!concert) return;
    this.concerts.set(concertId, { ...concert, schedule: { ...concert.schedule, ...settings } });
  }

  countConcert(
    concertId: string,
    counts: Partial<Pick<ConcertEntry, 'versions' | 'created' | 'expired' | 'converted'>>,
  ): Promise<void> {
    const concert = this.concerts.get(concertId);
    if (!concert) {
      return this.readConcert(concertId).then((read) => {
        if (read) return this.countConcert(concertId, counts);
      });
    }
    this.concerts.set(
      concertId,
      {
        ...concert,
        versions: concert.versions + (counts.versions ?? 0),
        created: concert.created + (counts.created ?? 0),
        expired: concert.expired + (counts.expired ?? 0),
        converted: concert.converted + (counts.converted ?? 0),
      },
      true,
    );
    return DONE;
  }

  /** The session's hold on the concert; the concert is locked first, as holds change under it. */
  findHold(sessionId: string, concertId: string): Promise<HoldRecord | undefined> {
    const entry = this.concerts.has(concertId)
      ? this.holds.get(holdKey(sessionId, concertId))
      : undefined;
    return entry ? Promise.resolve(entry.record) : this.readHold(sessionId, concertId);
  }

  private async readHold(sessionId: string, concertId: string): Promise<HoldRecord | undefined> {
    await this.concert(concertId);
    const key = holdKey(sessionId, concertId);
    if (!this.holds.has(key)) {
      const [rows = []] = await this.query(
        `EXECUTE batch_holds(${this.literal([[sessionId, concertId]])})`,
      );
      this.rememberHolds([[sessionId, concertId]], rows as unknown as HoldRecord[]);
    }
    return this.holds.get(key)?.record;
  }

  private async reserveHoldIds(): Promise<void> {
    const [rows = []] = await this.query('EXECUTE batch_hold_ids(32)');
    for (const row of rows) this.holdIds.push(Number(row.id));
    if (this.holdIds.length === 0) throw new Error('no hold id reserved');
  }

  saveHold(owner: HoldOwner, times: HoldTimes, expiresAt: number): Promise<number> {
    const key = holdKey(owner.sessionId, owner.concertId);
    const store = () => this.storeHold(key, owner, times, expiresAt);
    if (this.concerts.has(owner.concertId) && this.holds.has(key)) return store();
    return this.readHold(owner.sessionId, owner.concertId).then(store);
  }

  /** `saveHold` once the session's hold on the concert has been read. */
  private storeHold(
    key: string,
    owner: HoldOwner,
    times: HoldTimes,
    expiresAt: number,
  ): Promise<number> {
    const entry = this.holds.get(key) ?? NO_HOLD;
    const { sessionId, concertId, address } = owner;
    const existing = entry.record;
    if (existing) {
      this.holds.set(key, {
        ...entry,
        record: { ...existing, ...times, expiresAt },
        rowChanged: true,
        address,
      });
      return Promise.resolve(existing.id);
    }
    const id = this.holdIds.shift();
    if (id === undefined) {
      return this.reserveHoldIds().then(() => this.storeHold(key, owner, times, expiresAt));
    }
    this.holdKeys.set(id, key);
    const record: HoldRecord = { id, sessionId, concertId, ...times, expiresAt, items: [] };
    this.holds.set(key, {
      ...entry,
      record,
      stored: false,
      rowChanged: true,
      itemsChanged: true,
      address,
    });
    return Promise.resolve(id);
  }

  private holdById(holdId: number): { key: string; entry: HoldEntry; record: HoldRecord } {
    const key = this.holdKeys.get(holdId);
    const entry = key === undefined ? undefined : this.holds.get(key);
    if (key === undefined || entry?.record?.id !== holdId) {
      throw new Error(`hold ${holdId} was not read in this transaction`);
    }
    return { key, entry, record: entry.record };
  }

  replaceHoldItems(
    holdId: number,
    items: readonly { tierId: number; quantity: number; unitPriceCents: number }[],
  ): Promise<void> {
    const unread = items.find((item) => !this.tiers.has(item.tierId));
    if (unread) {
      return this.readTier(unread.tierId).then(() => this.replaceHoldItems(holdId, items));
    }
    const { key, entry, record } = this.holdById(holdId);
    const held: HoldItemRecord[] = items.map((item) => {
      const tier = this.tierEntry(item.tierId).record;
      return {
        tierId: item.tierId,
        code: tier.code,
        name: tier.name,
        quantity: item.quantity,
        unitPriceCents: item.unitPriceCents,
        currency: tier.currency,
      };
    });
    const position = (item: HoldItemRecord) => this.tierEntry(item.tierId).position;
    if (held.length > 1) held.sort((a, b) => position(a) - position(b));
    this.holds.set(key, { ...entry, record: { ...record, items: held }, itemsChanged: true });
    return DONE;
  }

  updateHoldTimes(holdId: number, times: HoldTimes, expiresAt: number): void {
    const { key, entry, record } = this.holdById(holdId);
    this.holds.set(key, {
      ...entry,
      record: {
        ...record,
        ...times,
        createdAt: record.createdAt,
        hardCapAt: record.hardCapAt,
        expiresAt,
      },
      rowChanged: true,
    });
  }

  async deleteHold(hold: Pick<HoldRecord, 'id' | 'sessionId' | 'concertId'>): Promise<void> {
    await this.findHold(hold.sessionId, hold.concertId);
    const key = holdKey(hold.sessionId, hold.concertId);
    const entry = this.holds.get(key) ?? NO_HOLD;
    const deleteStored = entry.stored && entry.record ? entry.record.id : entry.deleteStored;
    this.holds.set(key, { ...NO_HOLD, deleteStored, clearTrace: true });
  }

  /**
   * Whether any of the concert's holds ran out by `now`, without writing memory out: those in
   * memory are looked at there, and the soonest expiry of the others is read once per batch.
   * Holds read later count in that soonest expiry too: it may say yes too soon (the sweep then
   * finds none), never too late.
   */
  async anyExpired(concertId: string, now: number): Promise<boolean> {
    if (!this.concerts.has(concertId)) await this.readConcert(concertId);
    for (const entry of this.holds.values()) {
      if (entry.record?.concertId === concertId && entry.record.expiresAt <= now) return true;
    }
    if (!this.firstExpiry.has(concertId)) {
      const known: number[] = [];
      for (const entry of this.holds.values()) {
        if (entry.deleteStored !== undefined) known.push(entry.deleteStored);
        if (entry.record?.concertId === concertId) known.push(entry.record.id);
      }
      const [rows = []] = await this.query(
        `SELECT MIN(expires_at) AS first FROM holds
         WHERE concert_id = ${sqlLiteral(concertId)}
           AND id <> ALL(ARRAY(SELECT value::BIGINT FROM json_array_elements_text(${this.literal(known)})))`,
      );
      const first = rows[0]?.first as number | null | undefined;
      this.firstExpiry.set(concertId, first ?? null);
    }
    const first = this.firstExpiry.get(concertId);
    return first !== undefined && first !== null && first <= now;
  }

  /**
   * Soonest expiries, the holds by address and the traces are read again: rows came back with a
   * rollback, or went with a sweep.
   */
  forgetExpiries(): void {
    this.firstExpiry.clear();
    this.addressHolds.clear();
    this.traces.clear();
  }

  /** Forgets the holds of the concert, read again when next asked for; after a flush only. */
  forgetHolds(concertId: string): void {
    this.firstExpiry.delete(concertId);
    for (const key of [...this.addressHolds.keys()]) {
      const [concert] = JSON.parse(key) as [string, string];
      if (concert === concertId) this.addressHolds.delete(key);
    }
    for (const key of [...this.traces.keys()]) {
      const [, concert] = JSON.parse(key) as [string, string];
      if (concert === concertId) this.traces.delete(key);
    }
    for (const [key] of [...this.holds.entries()]) {
      const [, concert] = JSON.parse(key) as [string, string];
      if (concert === concertId) this.holds.delete(key, false);
    }
  }

  /** Forgets everything read; after a flush only. */
  forgetAll(): void {
    this.firstExpiry.clear();
    this.buyerBookings.clearSettled();
    this.addressHolds.clear();
    this.traces.clear();
    for (const key of [...this.holds.entries()].map(([k]) => k)) this.holds.delete(key, false);
    for (const key of [...this.tiers.entries()].map(([k]) => k)) this.tiers.delete(key, false);
    for (const key of [...this.concerts.entries()].map(([k]) => k)) {
      this.concerts.delete(key, false);
    }
  }

  ensureSession(sessionId: string, now: number): void {
    if (!this.sessions.has(sessionId)) this.sessions.set(sessionId, now);
  }

  pendingReply(sessionId: string, endpoint: string, key: string): StoredReply | undefined {
    return this.replies.get(replyKey(sessionId, endpoint, key));
  }

  saveReply(reply: NewStoredReply): void {
    this.replies.set(replyKey(reply.sessionId, reply.endpoint, reply.key), reply);
  }

  insertBooking(booking: NewBooking): void {
    this.bookings.set(booking.id, booking);
  }

  pendingPlace(concertId: string, sessionId: string): WaitingRoomEntry | undefined {
    return this.places.get(holdKey(sessionId, concertId));
  }

  insertPlace(entry: WaitingRoomEntry): void {
    this.places.set(holdKey(entry.sessionId, entry.concertId), entry);
  }

  /** The last place of the concert the batch's writes gave; 0 if none. */
  lastPendingPlace(concertId: string): number {
    let last = 0;
    for (const entry of this.places.values()) {
      if (entry.concertId === concertId && entry.place !== null) last = Math.max(last, entry.place);
    }
    return last;
  }

  recordMail(message: MailMessage): void {
    this.mailsWritten += 1;
    this.mails.set(this.mailsWritten, message);
  }

  isCodePending(code: string): boolean {
    for (const booking of this.bookings.values())
      if (booking.confirmationCode === code) return true;
    return false;
  }

  /** Whether memory holds changes the database has not seen yet. */
  get dirty(): boolean {
    return this.changes() !== undefined;
  }

  /**
   * Writes every change made in memory since the last flush, in one statement (then runs `then`,
   * e.g. COMMIT), and marks memory as stored.
   */
  async flush(then?: string): Promise<void> {
    const changes = this.changes();
    const statements = changes
      ? [`EXECUTE batch_flush(${changes.map((list) => this.literal(list)).join(', ')})`]
      : [];
    if (then !== undefined) statements.push(then);
    if (statements.length > 0) await this.client.query(statements.join(';\n'));
    if (changes) this.settle();
  }

  /** batch_flush's arguments, each table's rows as a list; undefined if there is nothing to write. */
  private changes(): unknown[][] | undefined {
    const entries = [...this.holds.entries()];
    const holds = entries.map(([, entry]) => entry);
    const deleted = holds.flatMap((entry) =>
      entry.deleteStored === undefined ? [] : [entry.deleteStored],
    );
    const traces = entries.flatMap(([key, entry]) =>
      entry.clearTrace ? [JSON.parse(key) as string[]] : [],
    );
    const sessions = [...this.sessions.entries()].map(([id, at]) => ({ id, at }));
    const rows = holds.flatMap((entry) =>
      entry.rowChanged && entry.record
        ? [{ ...entry.record, clientAddress: entry.address ?? null }]
        : [],
    );
    const withItems = holds.flatMap((entry) =>
      entry.itemsChanged && entry.record ? [{ stored: entry.stored, record: entry.record }] : [],
    );
    const items = withItems.flatMap(({ record }) =>
      record.items.map((item) => ({
        hold: record.id,
        tier: item.tierId,
        quantity: item.quantity,
        price: item.unitPriceCents,
      })),
    );
    const replaced = withItems.flatMap(({ stored, record }) => (stored ? [record.id] : []));
    const tiers = [...this.tiers.values()].flatMap(({ record, stored }) =>
      record.held === stored.held &&
      record.sold === stored.sold &&
      record.total === stored.total &&
      record.priceCents === stored.priceCents &&
      record.waiting === stored.waiting
        ? []
        : [storedOf(record)].map((row) => ({ id: record.id, ...row })),
    );
    const concerts = [...this.concerts.entries()].flatMap(([id, c]) =>
      c.versions === 0 && c.created === 0 && c.expired === 0 && c.converted === 0
        ? []
        : [{ id, v: c.versions, cr: c.created, ex: c.expired, co: c.converted }],
    );
    const bookings = [...this.bookings.values()];
    const bookingItems = bookings.flatMap((booking) =>
      booking.items.map((item) => ({ ...item, booking: booking.id })),
    );
    const replies = [...this.replies.values()].map((reply) => ({
      ...reply,
      body: JSON.stringify(reply.body),
    }));
    const places = [...this.places.values()];
    const mails = [...this.mails.values()].map((mail, n) => ({ ...mail, n }));
    const values = [
      deleted,
      traces,
      sessions,
      rows,
      replaced,
      items,
      tiers,
      concerts,
      bookings.map((booking, n) => ({ ...booking, n })),
      bookingItems,
      replies,
      places,
      mails,
    ];
    if (values.every((list) => list.length === 0)) return undefined;
    return values;
  }

  /** After a flush: memory is what is stored. */
  private settle(): void {
    for (const [id, entry] of [...this.tiers.entries()]) {
      this.tiers.settle(id, { ...entry, stored: storedOf(entry.record) });
    }
    for (const [id, concert] of [...this.concerts.entries()]) {
      this.concerts.settle(id, { ...concert, versions: 0, created: 0, expired: 0, converted: 0 });
    }
    for (const [key, entry] of [...this.holds.entries()]) {
      this.holds.settle(key, {
        record: entry.record,
        stored: entry.record !== undefined,
        clearTrace: false,
        rowChanged: false,
        itemsChanged: false,
        address: entry.address,
      });
    }
    this.sessions.clearSettled();
    this.replies.clearSettled();
    // The batch's bookings are stored now, and no longer in memory: read them with the rest.
    this.bookings.clearSettled();
    this.buyerBookings.clearSettled();
    this.places.clearSettled();
    this.mails.clearSettled();
  }
}

function nullableNumber(value: unknown): number | null {
  return value === null ? null : Number(value);
}

function storedOf(record: TierRecord): TierEntry['stored'] {
  return {
    held: record.held,
    sold: record.sold,
    total: record.total,
    priceCents: record.priceCents,
    waiting: record.waiting,
  };
}
